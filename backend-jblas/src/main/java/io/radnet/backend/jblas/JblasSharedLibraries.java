package io.radnet.backend.jblas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a shared library the way the Linux dynamic linker would, without loading it: in the
 * directories of {@code LD_LIBRARY_PATH}, among the paths listed in the linker's cache
 * ({@code /etc/ld.so.cache}, written by {@code ldconfig}), and in the default directories.
 * jblas's native library needs {@code libgfortran.so.5}; looking for it first lets the probe
 * report a missing library clearly instead of letting jblas fail (and print) while loading.
 *
 * <p>Only existing files count: a stale cache entry or a dangling symbolic link is not a
 * library. Instances are immutable.
 */
final class JblasSharedLibraries {
    private final List<Path> searchPath;
    private final Path linkerCache;
    private final List<Path> defaultDirectories;

    /**
     * @param ldLibraryPath the value of {@code LD_LIBRARY_PATH}, or null
     * @param linkerCache the linker's cache file (need not exist)
     * @param defaultDirectories the linker's default directories, in order
     */
    JblasSharedLibraries(String ldLibraryPath, Path linkerCache, List<Path> defaultDirectories) {
        this.searchPath = split(ldLibraryPath);
        this.linkerCache = Objects.requireNonNull(linkerCache, "linkerCache");
        this.defaultDirectories = List.copyOf(defaultDirectories);
    }

    /**
     * @return the locator for this machine: its {@code LD_LIBRARY_PATH}, {@code /etc/ld.so.cache},
     *     and the default and Debian multiarch library directories for this JVM's architecture
     */
    static JblasSharedLibraries ofThisMachine() {
        String multiarch = multiarchTriplet(System.getProperty("os.arch", ""));
        List<Path> dirs = new ArrayList<>();
        for (String base : new String[] {"/lib", "/usr/lib", "/usr/local/lib"}) {
            if (multiarch != null) {
                dirs.add(Path.of(base, multiarch));
            }
            dirs.add(Path.of(base));
        }
        dirs.add(Path.of("/lib64"));
        dirs.add(Path.of("/usr/lib64"));
        return new JblasSharedLibraries(System.getenv("LD_LIBRARY_PATH"), Path.of("/etc/ld.so.cache"), dirs);
    }

    /**
     * @param fileName a library's file name, e.g. {@code libgfortran.so.5}
     * @return where the linker would find it, if anywhere
     */
    Optional<Path> find(String fileName) {
        for (Path dir : searchPath) {
            Optional<Path> hit = existing(dir.resolve(fileName));
            if (hit.isPresent()) {
                return hit;
            }
        }
        for (String entry : linkerCacheEntries()) {
            if (entry.startsWith("/") && entry.endsWith("/" + fileName)) {
                Optional<Path> hit = existing(path(entry));
                if (hit.isPresent()) {
                    return hit;
                }
            }
        }
        for (Path dir : defaultDirectories) {
            Optional<Path> hit = existing(dir.resolve(fileName));
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }

    /** The NUL-separated strings of the cache file (library names and their paths). */
    private List<String> linkerCacheEntries() {
        List<String> entries = new ArrayList<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(linkerCache);
        } catch (IOException | SecurityException e) {
            return entries;
        }
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i > start) {
                    entries.add(new String(bytes, start, i - start, StandardCharsets.ISO_8859_1));
                }
                start = i + 1;
            }
        }
        return entries;
    }

    private static Optional<Path> existing(Path candidate) {
        try {
            return candidate != null && Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
        } catch (SecurityException e) {
            return Optional.empty();
        }
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static List<Path> split(String ldLibraryPath) {
        List<Path> dirs = new ArrayList<>();
        if (ldLibraryPath != null) {
            for (String part : ldLibraryPath.split(":")) {
                // An empty entry means the current directory, as for the dynamic linker.
                Path dir = path(part.isEmpty() ? "." : part);
                if (dir != null) {
                    dirs.add(dir);
                }
            }
        }
        return dirs;
    }

    /** @return Debian's multiarch directory name for a JVM architecture, or null if unknown */
    static String multiarchTriplet(String osArch) {
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64":
            case "x86_64":
                return "x86_64-linux-gnu";
            case "aarch64":
                return "aarch64-linux-gnu";
            case "ppc64le":
                return "powerpc64le-linux-gnu";
            case "x86":
            case "i386":
            case "i686":
                return "i386-linux-gnu";
            default:
                return null;
        }
    }
}
