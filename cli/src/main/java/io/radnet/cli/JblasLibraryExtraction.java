package io.radnet.cli;

import io.radnet.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Build step of the program ({@code cli/pom.xml}, phase {@code package}): copies jblas's native
 * library out of its jar into {@code target/native/libjblas.so}, once, so that {@code ./radnet}
 * can load it from there instead of letting jblas copy the 27 MB into a new temporary directory
 * in every process.
 *
 * <p>jblas 1.2.5 loads its library with {@code System.loadLibrary("jblas")} first (the
 * directories of {@code java.library.path}, which on Linux start with those of
 * {@code LD_LIBRARY_PATH}) and only when that fails extracts the copy inside its jar. On Linux
 * amd64 the copy it extracts is {@value #LINUX_AMD64_RESOURCE} (the SSE3 build: jblas refuses
 * x86-64 processors without SSE3); that is the file this step copies. On any other platform it
 * copies nothing and removes an earlier copy, and jblas extracts its library itself.
 *
 * <p>Next to the library it writes {@code libjblas.so.verified}, one line
 * {@code SIZE SHA256 JAR}: the library's length in bytes, its SHA-256 (of the jar's entry, checked
 * again on the written file before the line is written) and the file name of the jblas jar it
 * came from. The launcher uses the copy only when that line names a jar of {@code lib/} that is
 * not newer than the line and the library has that size (see {@code ./radnet}). Both files are
 * written atomically ({@link AtomicFiles}); a failure exits with 1 and one line on standard
 * error.
 */
public final class JblasLibraryExtraction {
    /** jblas's library for Linux amd64 inside its jar. */
    static final String LINUX_AMD64_RESOURCE = "lib/static/Linux/amd64/sse3/libjblas.so";
    /** The library's file name in the output directory. */
    static final String LIBRARY = "libjblas.so";
    /** The file recording the library's size, hash and source jar. */
    static final String VERIFIED = "libjblas.so.verified";

    private JblasLibraryExtraction() {
    }

    /**
     * @param args one argument: the output directory (created when missing)
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("radnet: the jblas library extraction takes the output directory, got " + List.of(args));
            System.exit(1);
        }
        try {
            extract(Path.of(args[0]), resourceFor(System.getProperty("os.name", ""), System.getProperty("os.arch", "")));
        } catch (UncheckedIOException | IllegalStateException e) {
            System.err.println("radnet: the jblas library extraction failed: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @return the jar entry jblas would extract on that platform, when this step copies it
     */
    static Optional<String> resourceFor(String osName, String osArch) {
        return osName.equals("Linux") && osArch.equals("amd64") ? Optional.of(LINUX_AMD64_RESOURCE) : Optional.empty();
    }

    /**
     * Copies the resource into {@code directory} and writes its record, or, without a resource,
     * removes both files.
     *
     * @param directory the output directory
     * @param resource the jar entry to copy, or empty
     * @throws IllegalStateException when the resource is not on the class path or the written
     *     file differs from it
     * @throws UncheckedIOException when a file cannot be written
     */
    static void extract(Path directory, Optional<String> resource) {
        Path library = directory.resolve(LIBRARY);
        Path verified = directory.resolve(VERIFIED);
        try {
            if (resource.isEmpty()) {
                Files.deleteIfExists(verified);
                Files.deleteIfExists(library);
                return;
            }
            URL url = ClassLoader.getSystemResource(resource.get());
            if (url == null) {
                throw new IllegalStateException("jblas's " + resource.get() + " is not on the class path");
            }
            Files.createDirectories(directory);
            Files.deleteIfExists(verified);
            MessageDigest copied = sha256();
            AtomicFiles.write(library, out -> {
                try (InputStream in = new DigestInputStream(url.openStream(), copied)) {
                    in.transferTo(out);
                }
            });
            String hash = HexFormat.of().formatHex(copied.digest());
            MessageDigest written = sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(library), written)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            String writtenHash = HexFormat.of().formatHex(written.digest());
            if (!writtenHash.equals(hash)) {
                throw new IllegalStateException(library + " has SHA-256 " + writtenHash + " but jblas's " + resource.get()
                        + " has " + hash);
            }
            String line = Files.size(library) + " " + hash + " " + jarName(url) + "\n";
            AtomicFiles.write(verified, out -> out.write(line.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + library + ": " + e.getMessage(), e);
        }
    }

    /** @return the file name of the jar a {@code jar:file:…!/entry} URL points into */
    static String jarName(URL url) {
        String text = url.toString();
        int separator = text.indexOf("!/");
        if (!text.startsWith("jar:") || separator < 0) {
            throw new IllegalStateException("jblas's library is not inside a jar: " + text);
        }
        String jar = text.substring(0, separator);
        return jar.substring(jar.lastIndexOf('/') + 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
