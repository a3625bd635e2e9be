package io.radnet.core.io;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The path rules every reader and writer of radnet shares, checked before a file is opened.
 *
 * <p><b>Inputs</b> (model and data files) must be regular files the user may read: a FIFO, a
 * device or a socket is refused, because reading one may block forever ({@code mkfifo}) or never
 * end ({@code /dev/zero}).
 *
 * <p><b>Outputs</b> are written through symbolic links: the file replaced is the link's final
 * target ({@link #resolveTarget}). That target must be a regular file or a new name in an
 * existing directory. The write-protection rule: an existing target is replaced only if the
 * writing user may write to it, and a new one is created only if the user may write to its
 * directory. For an ordinary user that is what the operating system says ({@code access(2)}).
 * For root, whom the operating system lets write anything, radnet honours the permission bits as
 * {@code rm} does for write-protected files: the owner bits when root owns the file, the group
 * bits when root is in its group, the other bits otherwise. So {@code chmod a-w model.safetensors}
 * protects a model from every radnet command, whoever runs it.
 */
public final class FileChecks {
    private static final int OWNER_WRITE = 0200;
    private static final int GROUP_WRITE = 020;
    private static final int OTHER_WRITE = 02;
    private static final int MAX_LINKS = 40;

    private FileChecks() {
    }

    /**
     * @param file a file to read, e.g. a model or a data set
     * @param role what the file is, for the message, e.g. "model" or "data file"
     * @throws ModelFileException naming the file when it does not exist, is not a regular file
     *     (a directory, FIFO, device or socket) or may not be read ("permission denied")
     */
    public static void requireRegularInput(Path file, String role) {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new ModelFileException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            String kind;
            try {
                kind = kind(file.toRealPath());
            } catch (IOException e) {
                kind = "a special file";
            }
            throw new ModelFileException(file + ": the " + role + " is " + kind
                    + ", not a regular file; reading it could block or never end");
        }
        if (!Files.isReadable(file)) {
            throw new ModelFileException(file + ": cannot read: permission denied");
        }
    }

    /**
     * The file a write to {@code target} replaces: the target itself, or the final target of a
     * chain of symbolic links (which need not exist yet), with every directory resolved to its
     * real path, so a temporary file beside it is on the same file system.
     *
     * @param target the path given by the user
     * @return the absolute, link-free path that a write replaces
     * @throws UncheckedIOException naming the target when its directory does not exist or the
     *     links form a loop
     */
    public static Path resolveTarget(Path target) {
        Path current = target.toAbsolutePath().normalize();
        for (int hop = 0; hop <= MAX_LINKS; hop++) {
            Path directory = current.getParent();
            if (directory == null) {
                throw fail("it is the root directory");
            }
            Path realDirectory;
            try {
                realDirectory = directory.toRealPath();
            } catch (IOException e) {
                throw fail("directory " + directory + " does not exist");
            }
            if (!Files.isDirectory(realDirectory)) {
                throw fail(directory + " is not a directory");
            }
            Path resolved = realDirectory.resolve(current.getFileName());
            if (!Files.isSymbolicLink(resolved)) {
                return resolved;
            }
            try {
                current = realDirectory.resolve(Files.readSymbolicLink(resolved)).normalize();
            } catch (IOException e) {
                throw fail("cannot read the symbolic link " + resolved + ": " + reason(e));
            }
        }
        throw fail("more than " + MAX_LINKS + " symbolic links (a loop?)");
    }

    /**
     * Why {@code target} cannot be created or replaced, if it cannot: its directory is missing
     * or write-protected, or it exists and is not a regular file or is write-protected (see the
     * class comment for the rule).
     *
     * @param target the path given by the user (followed through symbolic links)
     * @return the problem, e.g. "it is a directory", or empty if the target may be written
     */
    public static Optional<String> outputProblem(Path target) {
        Path resolved;
        try {
            resolved = resolveTarget(target);
        } catch (UncheckedIOException e) {
            return Optional.of(e.getCause().getMessage());
        }
        String via = resolved.equals(target.toAbsolutePath().normalize()) ? "" : " (" + resolved + ")";
        if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of("it is " + kind(resolved) + via + ", not a regular file");
            }
            if (!userMayWrite(resolved)) {
                return Optional.of("it is write-protected" + via + "; permission denied");
            }
            return Optional.empty();
        }
        Path directory = resolved.getParent();
        if (!userMayWrite(directory)) {
            return Optional.of("directory " + directory + " is write-protected; permission denied");
        }
        return Optional.empty();
    }

    /**
     * @param first a path, followed through symbolic links
     * @param second another path, followed through symbolic links
     * @return whether both name one existing file (also through hard links: same device and
     *     inode), or one would-be file (the same resolved path)
     */
    public static boolean sameFile(Path first, Path second) {
        try {
            if (Files.exists(first) && Files.exists(second)) {
                return Files.isSameFile(first, second);
            }
            return resolveTarget(first).equals(resolveTarget(second));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * The operating system's reason for a failed file operation, in the words of
     * {@code strerror} where Java keeps them ("permission denied", "no space left on device"),
     * without exception class names or temporary file names.
     *
     * @param e the failure
     * @return a short lower-case reason
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileSystemException fileSystem) {
            String reason = fileSystem.getReason();
            return reason == null || reason.isBlank() ? "input/output error" : lowerFirst(reason);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "input/output error" : message;
    }

    /**
     * @param file an existing file, not followed if it is a link
     * @return "a directory", "a FIFO", "a device", "a socket" or "not a regular file"
     */
    static String kind(Path file) {
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return "a directory";
        }
        try {
            BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (basic.isOther() && file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
                int type = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
                return switch (type) {
                    case 0010000 -> "a FIFO";
                    case 0020000, 0060000 -> "a device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "not a regular file";
        }
        return "a special file";
    }

    /**
     * Whether the user running this process may write {@code file} (a file, or a directory to
     * create a file in) under the write-protection rule of the class comment.
     */
    static boolean userMayWrite(Path file) {
        if (!Files.isWritable(file)) {
            return false;
        }
        if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return true;
        }
        UnixSystem user = currentUser();
        if (user == null || user.getUid() != 0) {
            return true;
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int group = (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            if (owner == user.getUid()) {
                return (mode & OWNER_WRITE) != 0;
            }
            if (inGroup(user, group)) {
                return (mode & GROUP_WRITE) != 0;
            }
            return (mode & OTHER_WRITE) != 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** @return whether this process runs as root (uid 0) on a Unix system */
    static boolean runsAsRoot() {
        UnixSystem user = currentUser();
        return user != null && user.getUid() == 0;
    }

    private static boolean inGroup(UnixSystem user, long group) {
        if (user.getGid() == group) {
            return true;
        }
        long[] groups = user.getGroups();
        if (groups != null) {
            for (long g : groups) {
                if (g == group) {
                    return true;
                }
            }
        }
        return false;
    }

    private static UnixSystem currentUser() {
        return CurrentUser.USER;
    }

    /** The user running this process, looked up once, on first use; null off Unix. */
    private static final class CurrentUser {
        static final UnixSystem USER = lookUp();

        private static UnixSystem lookUp() {
            try {
                return new UnixSystem();
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
    }

    private static String lowerFirst(String text) {
        return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    private static UncheckedIOException fail(String problem) {
        return new UncheckedIOException(problem, new IOException(problem));
    }
}
