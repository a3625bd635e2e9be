package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./radnet} hands jblas the native library the cli module's build copied out of jblas's
 * jar ({@code cli/target/native/libjblas.so}, with its record {@code libjblas.so.verified}: size,
 * SHA-256, source jar) by putting its directory first on {@code LD_LIBRARY_PATH}, only when the
 * record names a jar of {@code lib/} not newer than it, the library is not newer than it and has
 * the recorded size. A loaded copy spares jblas its own extraction (its {@code LibraryLoader}
 * never loads); with a missing, stale, wrong-sized or non-ELF copy the launcher leaves the path
 * alone, and a copy damaged inside (the checks pass, loading fails) only adds the JVM's warning
 * on stderr: jblas extracts its own copy and the program prints the same.
 * Linux amd64, where the build makes the copy.
 */
class JblasLibraryLauncherTest {
    private static final Path BUILT = LauncherCheckout.TARGET.resolve("native");

    @TempDir
    Path repo;

    private LauncherCheckout checkout;
    private Path nativeDirectory;

    @BeforeEach
    void layOutACheckout() throws IOException {
        checkout = new LauncherCheckout(repo);
        nativeDirectory = checkout.target().resolve("native");
    }

    private static boolean linuxAmd64() {
        return System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64");
    }

    /** The built library (a link to it) and a copy of its record, dated now. */
    private void copyTheBuiltLibrary() throws IOException {
        Files.createDirectories(nativeDirectory);
        Files.createSymbolicLink(nativeDirectory.resolve("libjblas.so"), BUILT.resolve("libjblas.so"));
        Files.copy(BUILT.resolve("libjblas.so.verified"), nativeDirectory.resolve("libjblas.so.verified"));
    }

    /** @return LD_LIBRARY_PATH as the stand-in java saw it, started with LD_LIBRARY_PATH=/opt/x */
    private String libraryPathSeen() throws IOException, InterruptedException {
        return checkout.radnetWithFakeJava(Map.of("LD_LIBRARY_PATH", "/opt/x"), "--version").out().lines()
                .filter(line -> line.startsWith("LD_LIBRARY_PATH=")).findFirst().orElseThrow();
    }

    @Test
    void theBuildCopiesJblasLibraryAndRecordsItsSizeAndHash() throws Exception {
        if (!linuxAmd64()) {
            assertFalse(Files.exists(BUILT.resolve("libjblas.so")), "the build copies jblas's library on Linux amd64 only");
            return;
        }
        String[] record = Files.readString(BUILT.resolve("libjblas.so.verified")).strip().split(" ");
        assertEquals(3, record.length, String.join(" ", record));
        assertEquals(Files.size(BUILT.resolve("libjblas.so")), Long.parseLong(record[0]));
        assertTrue(record[1].matches("[0-9a-f]{64}"), record[1]);
        assertTrue(Files.isRegularFile(LauncherCheckout.TARGET.resolve("lib").resolve(record[2])), record[2]);
    }

    @Test
    void theLauncherPutsOnlyAFreshCopyOfTheRecordedSizeOnTheLibraryPath() throws Exception {
        String unchanged = "LD_LIBRARY_PATH=/opt/x";
        assertEquals(unchanged, libraryPathSeen(), "no copy");
        if (!linuxAmd64()) {
            return;
        }
        copyTheBuiltLibrary();
        assertEquals("LD_LIBRARY_PATH=" + nativeDirectory + ":/opt/x", libraryPathSeen(), "a fresh copy");

        Path verified = nativeDirectory.resolve("libjblas.so.verified");
        String record = Files.readString(verified);
        long size = Long.parseLong(record.split(" ")[0]);
        Files.writeString(verified, record.replaceFirst("^\\d+", Long.toString(size + 1)));
        assertEquals(unchanged, libraryPathSeen(), "another size than recorded");

        Files.writeString(verified, record);
        checkout.replaceLibraryJar("jblas-", FileTime.from(Files.getLastModifiedTime(verified).toInstant()
                .plusSeconds(1)));
        assertEquals(unchanged, libraryPathSeen(), "a jblas jar newer than the record");

        Files.setLastModifiedTime(verified, FileTime.from(Files.getLastModifiedTime(verified).toInstant()
                .plusSeconds(2)));
        assertEquals("LD_LIBRARY_PATH=" + nativeDirectory + ":/opt/x", libraryPathSeen(), "fresh again");
        Files.delete(verified);
        assertEquals(unchanged, libraryPathSeen(), "no record");
    }

    @Test
    void aLoadedCopySparesJblasItsExtractionAndACorruptOneChangesNothing() throws Exception {
        if (!linuxAmd64()) {
            return;
        }
        String model = repo.resolve("model.safetensors").toString();
        String reduced = repo.resolve("reduced.safetensors").toString();
        LauncherCheckout.Run init = checkout.radnet(Map.of(), "init", "--widths", "6,9,9,2", "-o", model);
        assertEquals(0, init.exitCode(), init.err());
        List<String> compress = List.of("compress", model, "-o", reduced, "--backend", "jblas", "--check", "300");
        LauncherCheckout.Run without = checkout.radnet(Map.of(), compress.toArray(String[]::new));
        assertEquals(0, without.exitCode(), without.err());
        assertTrue(without.out().contains("max |F − F_red| on 300 random inputs"), without.out());

        copyTheBuiltLibrary();
        assertEquals(without, checkout.radnet(Map.of(), compress.toArray(String[]::new)), "a fresh copy");
        LauncherCheckout.Run traced = checkout.radnet(Map.of("RADNET_JAVA_OPTS", "-Xlog:class+load"),
                compress.toArray(String[]::new));
        assertTrue(traced.out().contains(" org.jblas.NativeBlas "), "jblas ran");
        assertFalse(traced.out().contains(" org.jblas.util.LibraryLoader "), "jblas extracted nothing");

        // Damaged inside, with the recorded size, time and ELF magic: the launcher passes it on,
        // the dynamic linker refuses it (the JVM says so on stderr), jblas extracts its own copy.
        Path library = nativeDirectory.resolve("libjblas.so");
        FileTime time = Files.getLastModifiedTime(nativeDirectory.resolve("libjblas.so.verified"));
        byte[] damaged = new byte[(int) Files.size(library)];
        damaged[0] = 0x7f;
        damaged[1] = 'E';
        damaged[2] = 'L';
        damaged[3] = 'F';
        Files.delete(library);
        Files.write(library, damaged);
        Files.setLastModifiedTime(library, time);
        assertEquals("LD_LIBRARY_PATH=" + nativeDirectory + ":/opt/x", libraryPathSeen(), "the launcher passes it on");
        LauncherCheckout.Run damagedRun = checkout.radnet(Map.of(), compress.toArray(String[]::new));
        assertEquals(0, damagedRun.exitCode(), damagedRun.err());
        assertEquals(without.out(), damagedRun.out(), "a damaged copy");
        assertTrue(damagedRun.err().lines().allMatch(line -> line.contains("You have loaded library " + library)
                || line.startsWith("It's highly recommended that you fix the library")), damagedRun.err());

        // Not an ELF file: the launcher does not pass it on, and nothing changes.
        Files.write(library, "not a shared library".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
        Files.setLastModifiedTime(library, time);
        assertEquals("LD_LIBRARY_PATH=/opt/x", libraryPathSeen(), "not ELF");
        assertEquals(without, checkout.radnet(Map.of(), compress.toArray(String[]::new)), "a copy that is not ELF");
    }
}
