package io.radnet.backend.jblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linker-path search that decides whether libgfortran.so.5 is there, on fake file trees. */
class JblasSharedLibrariesTest {
    private static final String LIB = "libgfortran.so.5";

    @TempDir
    Path root;

    private Path library(String dir) throws IOException {
        Path d = Files.createDirectories(root.resolve(dir));
        return Files.write(d.resolve(LIB), new byte[] {0x7f, 'E', 'L', 'F'});
    }

    /** A cache file in the layout of ld.so.cache: NUL-separated names and paths amid binary data. */
    private Path cache(String... paths) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'g', 'l', 'i', 'b', 'c', '-', 'l', 'd', 0, 1, 2, 3, 0, 0});
        for (String p : paths) {
            out.writeBytes(LIB.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
            out.writeBytes(p.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        return Files.write(root.resolve("ld.so.cache"), out.toByteArray());
    }

    @Test
    void nothingAnywhereMeansMissing() throws IOException {
        Files.createDirectories(root.resolve("usr/lib"));
        JblasSharedLibraries libs = new JblasSharedLibraries(null, root.resolve("no-such-cache"),
                List.of(root.resolve("usr/lib"), root.resolve("lib64")));
        assertEquals(Optional.empty(), libs.find(LIB));
    }

    @Test
    void aDefaultDirectoryIsSearched() throws IOException {
        Path lib = library("usr/lib/x86_64-linux-gnu");
        JblasSharedLibraries libs = new JblasSharedLibraries("", root.resolve("no-such-cache"),
                List.of(root.resolve("lib"), root.resolve("usr/lib/x86_64-linux-gnu")));
        assertEquals(Optional.of(lib), libs.find(LIB));
    }

    @Test
    void ldLibraryPathComesFirst() throws IOException {
        Path first = library("opt/gcc/lib");
        library("usr/lib");
        JblasSharedLibraries libs = new JblasSharedLibraries(root.resolve("nowhere") + ":" + root.resolve("opt/gcc/lib"),
                root.resolve("no-such-cache"), List.of(root.resolve("usr/lib")));
        assertEquals(Optional.of(first), libs.find(LIB));
    }

    @Test
    void aPathListedInTheLinkerCacheCounts() throws IOException {
        Path lib = library("opt/odd/place");
        JblasSharedLibraries libs = new JblasSharedLibraries(null, cache(lib.toString()), List.of());
        assertEquals(Optional.of(lib), libs.find(LIB));
    }

    @Test
    void aStaleCacheEntryOrADanglingLinkDoesNotCount() throws IOException {
        Path dir = Files.createDirectories(root.resolve("usr/lib"));
        Files.createSymbolicLink(dir.resolve(LIB), dir.resolve("libgfortran.so.5.0.0"));
        JblasSharedLibraries libs = new JblasSharedLibraries(null, cache(root.resolve("gone").resolve(LIB).toString()),
                List.of(dir));
        assertEquals(Optional.empty(), libs.find(LIB));
        Files.write(dir.resolve("libgfortran.so.5.0.0"), new byte[] {1});
        assertEquals(Optional.of(dir.resolve(LIB)), libs.find(LIB), "the link resolves once its target exists");
    }

    @Test
    void anotherLibraryWithASimilarNameDoesNotCount() throws IOException {
        Path d = Files.createDirectories(root.resolve("usr/lib"));
        Files.write(d.resolve("libgfortran.so.4"), new byte[] {1});
        Files.write(d.resolve("libgfortran.so.5.0.0"), new byte[] {1});
        JblasSharedLibraries libs = new JblasSharedLibraries(null, cache(d.resolve("libgfortran.so.4").toString()),
                List.of(d));
        assertEquals(Optional.empty(), libs.find(LIB));
    }

    @Test
    void thisMachinesSearchCoversDebiansMultiarchDirectory() {
        assertEquals("x86_64-linux-gnu", JblasSharedLibraries.multiarchTriplet("amd64"));
        assertEquals("aarch64-linux-gnu", JblasSharedLibraries.multiarchTriplet("aarch64"));
        assertNull(JblasSharedLibraries.multiarchTriplet("sparc"));
        assertTrue(JblasSharedLibraries.ofThisMachine().find("no-such-library.so.42").isEmpty());
    }
}
