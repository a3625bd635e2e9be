package io.radnet.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Atomic replacement of a file: the content is written to a temporary file in the target's
 * directory (so both are on one file system), flushed to disk, then renamed over the target.
 *
 * <p>Invariants of {@link #write} (and of {@link #prepare} followed by {@link Prepared#commit}):
 * <ul>
 *   <li>The target is the given path followed through symbolic links
 *       ({@link FileChecks#resolveTarget}): a link is written through, not replaced.</li>
 *   <li>Before anything is written the target must pass {@link FileChecks#outputProblem}: a
 *       regular file or a new name, not write-protected (the rule, also for root, is in
 *       {@link FileChecks}). A directory, FIFO or device is never replaced.</li>
 *   <li>A failure at any point — an exception from the writer, a full disk, an interrupted
 *       process — leaves the target as it was (absent or with its old content). The temporary
 *       file is removed when the JVM still can, also on SIGTERM (a shutdown hook).</li>
 *   <li>A replaced file keeps its permission bits, and its owner and group where the process
 *       may set them (root: always; others: the group if they are in it). A new file gets the
 *       default permissions of the process (its umask).</li>
 *   <li>Temporary files are named {@code .NAME.PID.RANDOM.tmp} after the target {@code NAME}
 *       and the writing process. A write of NAME first removes the temporary files of NAME
 *       whose process is no longer alive (left by SIGKILL or a power cut); it never touches
 *       another target's temporaries or those of a live process.</li>
 *   <li>A hard link to the target keeps the old content: the rename gives the name a new
 *       file.</li>
 * </ul>
 */
public final class AtomicFiles {
    private static final Pattern TEMPORARY_SUFFIX = Pattern.compile("\\.(\\d+)\\.[0-9a-z]+\\.tmp");

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
     * @param target the file to create or replace, followed through symbolic links; its
     *     directory must exist
     * @param content writes the new content
     * @throws UncheckedIOException with the one-line message "cannot write TARGET: REASON" when
     *     the target cannot be written; the target is then unchanged
     * @throws RuntimeException whatever {@code content} throws; the target is then unchanged
     */
    public static void write(Path target, Content content) {
        try (Prepared prepared = prepare(target, content)) {
            prepared.commit();
        }
    }

    /**
     * The first half of {@link #write}: checks the target, writes the content to a temporary
     * file next to it and flushes it to disk, but does not rename it yet. The caller then either
     * {@link Prepared#commit commits} it (the target gets the content, with every invariant of
     * {@link #write}) or {@link Prepared#close closes} it uncommitted (the temporary file is
     * removed and the target never changed). Lets a program write a result while it still checks
     * it, and publish it only when the check passes.
     *
     * @param target the file to create or replace, followed through symbolic links; its
     *     directory must exist
     * @param content writes the new content
     * @return the written temporary file, to commit or close
     * @throws UncheckedIOException with the one-line message "cannot write TARGET: REASON" when
     *     the target cannot be written; the target is then unchanged
     * @throws RuntimeException whatever {@code content} throws; the target is then unchanged
     */
    public static Prepared prepare(Path target, Content content) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        Path resolved;
        try {
            resolved = FileChecks.resolveTarget(target);
        } catch (UncheckedIOException e) {
            throw failure(target, e.getCause().getMessage());
        }
        FileChecks.outputProblem(target).ifPresent(problem -> {
            throw failure(target, problem);
        });
        Path directory = resolved.getParent();
        String name = resolved.getFileName().toString();
        removeStaleTemporaries(directory, name);
        Path temporary = null;
        try {
            temporary = createTemporary(directory, name);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Prepared prepared = new Prepared(target, resolved, temporary);
            temporary = null;
            return prepared;
        } catch (IOException e) {
            throw failure(target, FileChecks.reason(e));
        } finally {
            if (temporary != null) {
                remove(temporary);
            }
        }
    }

    /**
     * A target's new content in a temporary file, flushed to disk, from {@link #prepare}. Either
     * {@link #commit()} renames it over the target, or {@link #close()} without a commit removes
     * it. Not for use by several threads at once; it may be handed from one thread to another.
     */
    public static final class Prepared implements AutoCloseable {
        private final Path target;
        private final Path resolved;
        /** The temporary file, or null once committed or removed. */
        private Path temporary;

        private Prepared(Path target, Path resolved, Path temporary) {
            this.target = target;
            this.resolved = resolved;
            this.temporary = temporary;
        }

        /**
         * Gives the temporary file the replaced file's owner, group and mode and renames it over
         * the target (atomically where the file system can).
         *
         * @throws IllegalStateException if already committed or closed
         * @throws UncheckedIOException with the one-line message "cannot write TARGET: REASON";
         *     the target is then unchanged and the temporary file removed
         */
        public void commit() {
            if (temporary == null) {
                throw new IllegalStateException("the new content of " + target + " was already committed or discarded");
            }
            try {
                copyOwnerAndMode(resolved, temporary);
                try {
                    Files.move(temporary, resolved, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, resolved, StandardCopyOption.REPLACE_EXISTING);
                }
                InFlight.FILES.remove(temporary);
                temporary = null;
            } catch (IOException e) {
                throw failure(target, FileChecks.reason(e));
            } finally {
                close();
            }
        }

        /** Removes the temporary file unless it was committed; the target stays as it was then. */
        @Override
        public void close() {
            if (temporary != null) {
                remove(temporary);
                temporary = null;
            }
        }
    }

    /** Removes a temporary file, best effort, and forgets it. */
    private static void remove(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // the failure being reported matters more than a leftover temporary file,
            // which the next write of this target removes
        }
        InFlight.FILES.remove(temporary);
    }

    /**
     * @param name a target's file name
     * @param candidate another file name in the target's directory
     * @return whether {@code candidate} is a temporary file of {@code name}, written by any
     *     process: {@code .NAME.PID.RANDOM.tmp}
     */
    static boolean isTemporaryOf(String name, String candidate) {
        String prefix = "." + name;
        return candidate.startsWith(prefix) && TEMPORARY_SUFFIX.matcher(candidate.substring(prefix.length())).matches();
    }

    /**
     * Removes the temporary files of {@code name} in {@code directory} whose writing process is
     * no longer alive. A file that cannot be listed or removed is left alone: cleaning up is
     * best effort and never fails a write.
     */
    private static void removeStaleTemporaries(Path directory, String name) {
        String prefix = "." + name;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                entry -> isTemporaryOf(name, String.valueOf(entry.getFileName())))) {
            for (Path entry : entries) {
                Matcher matcher = TEMPORARY_SUFFIX.matcher(entry.getFileName().toString().substring(prefix.length()));
                if (!matcher.matches() || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(matcher.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    try {
                        Files.deleteIfExists(entry);
                    } catch (IOException ignored) {
                        // best effort: a temporary file that cannot be removed harms no target
                    }
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: an unlistable directory fails the write itself, with its reason
        }
    }

    /**
     * Gives the new content the old file's owner, group and permission bits: the owner only as
     * root, the group where the process may set it.
     */
    private static void copyOwnerAndMode(Path old, Path temporary) throws IOException {
        if (!Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(old, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return;
        }
        PosixFileAttributes attributes = view.readAttributes();
        PosixFileAttributeView temporaryView = Files.getFileAttributeView(temporary, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (FileChecks.runsAsRoot()) {
            temporaryView.setOwner(attributes.owner());
        }
        if (!attributes.group().equals(temporaryView.readAttributes().group())) {
            try {
                temporaryView.setGroup(attributes.group());
            } catch (IOException notAMember) {
                // a user outside the old group cannot give the file that group; the file then
                // has the user's group, as any file the user creates
            }
        }
        temporaryView.setPermissions(attributes.permissions());
    }

    /**
     * Creates an empty, uniquely named hidden file next to the target, with default permissions,
     * registered for removal on SIGTERM.
     */
    private static Path createTemporary(Path directory, String name) throws IOException {
        String prefix = "." + name + "." + ProcessHandle.current().pid() + ".";
        for (int attempt = 1; ; attempt++) {
            Path candidate = directory.resolve(prefix + Long.toUnsignedString(
                    ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            InFlight.FILES.add(candidate);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                InFlight.FILES.remove(candidate);
                if (attempt == 100) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                InFlight.FILES.remove(candidate);
                throw e;
            }
        }
    }

    private static UncheckedIOException failure(Path target, String reason) {
        String message = "cannot write " + target + ": " + reason;
        return new UncheckedIOException(message, new IOException(message));
    }

    /**
     * The temporary files this process is writing; a shutdown hook (run on SIGTERM, SIGINT and
     * {@code System.exit}) removes those still present. Installed on first use.
     */
    private static final class InFlight {
        static final Set<Path> FILES = ConcurrentHashMap.newKeySet();

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(InFlight::removeAll, "radnet-temporary-files"));
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the writes in progress are removed by the next write
            }
        }

        private static void removeAll() {
            for (Path file : FILES) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // best effort during shutdown: the next write of the target removes it
                }
            }
        }
    }
}
