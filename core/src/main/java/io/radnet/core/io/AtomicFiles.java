package io.radnet.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic replacement of a file: the content is written to a temporary file in the target's
 * directory (so both are on one file system), flushed to disk, then renamed over the target.
 * A failure at any point — an exception from the writer, a full disk, an interrupted process —
 * leaves the target as it was (absent or with its old content) and removes the temporary file
 * when the JVM still can. A new file gets the default permissions of the process (its umask),
 * not the owner-only permissions of {@link Files#createTempFile}.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the stream to write to; the caller closes it
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Creates or replaces {@code target} with what {@code content} writes.
     *
     * @param target the file to create or replace; its directory must exist
     * @param content writes the new content
     * @throws UncheckedIOException naming the target when it cannot be written; the target is
     *     then unchanged
     * @throws RuntimeException whatever {@code content} throws; the target is then unchanged
     */
    public static void write(Path target, Content content) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UncheckedIOException(new IOException("cannot write " + target + ": directory "
                    + directory + " does not exist"));
        }
        if (Files.isDirectory(absolute)) {
            throw new UncheckedIOException(new IOException("cannot write " + target + ": it is a directory"));
        }
        Path temporary = null;
        try {
            temporary = createTemporary(directory, absolute.getFileName().toString());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the failure being reported matters more than a leftover temporary file
                }
            }
        }
    }

    /**
     * Creates an empty, uniquely named hidden file next to the target, with default permissions.
     */
    private static Path createTemporary(Path directory, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path candidate = directory.resolve("." + name + "." + Long.toUnsignedString(
                    ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }
}
