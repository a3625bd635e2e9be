package io.radnet.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AtomicFiles} and {@link FileChecks}: links written through, mode and owner kept,
 * write protection honoured (also by root), special files never replaced, stale temporary
 * files of dead writers removed, SIGTERM removing its own, and one-line reasons.
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private static void write(Path target, String text) {
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> hiddenFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void aPreparedFileReplacesTheTargetOnlyWhenCommittedAndIsRemovedWhenClosedUncommitted() throws IOException {
        Path target = Files.writeString(dir.resolve("m.safetensors"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        try (AtomicFiles.Prepared discarded = AtomicFiles.prepare(target,
                out -> out.write("unchecked".getBytes(StandardCharsets.UTF_8)))) {
            assertEquals("old", Files.readString(target), "preparing does not touch the target");
            assertEquals(1, hiddenFiles().size(), "the new content waits in one temporary file");
        }
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(), hiddenFiles(), "closing uncommitted removes the temporary file");

        AtomicFiles.Prepared kept = AtomicFiles.prepare(target, out -> out.write("checked".getBytes(StandardCharsets.UTF_8)));
        assertEquals("old", Files.readString(target));
        kept.commit();
        assertEquals("checked", Files.readString(target));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
                "a commit keeps the replaced file's mode, as write does");
        assertEquals(List.of(), hiddenFiles());
        IllegalStateException twice = assertThrows(IllegalStateException.class, kept::commit);
        assertEquals("the new content of " + target + " was already committed or discarded", twice.getMessage());
        kept.close();
        assertEquals("checked", Files.readString(target), "closing after the commit changes nothing");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughNotReplaced() throws IOException {
        Path real = Files.writeString(dir.resolve("real.safetensors"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.safetensors"), Path.of("real.safetensors"));
        write(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(real));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), Path.of("created.json"));
        write(dangling, "fresh");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("fresh", Files.readString(dir.resolve("created.json")));
        Path loop = Files.createSymbolicLink(dir.resolve("a.json"), Path.of("b.json"));
        Files.createSymbolicLink(dir.resolve("b.json"), Path.of("a.json"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> write(loop, "x"));
        assertEquals("cannot write " + loop + ": more than 40 symbolic links (a loop?)", e.getMessage());
        assertEquals(List.of(), hiddenFiles());
    }

    @Test
    void aReplacedFileKeepsItsMode() throws IOException {
        Path model = Files.writeString(dir.resolve("m.safetensors"), "old");
        Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rw-------"));
        write(model, "new");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(model)));
        Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rw-rw-r--"));
        write(model, "newer");
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(model)));
        assertEquals("newer", Files.readString(model));
    }

    @Test
    void aWriteProtectedFileIsRefusedAndKept() throws IOException {
        Path model = Files.writeString(dir.resolve("m.safetensors"), "precious");
        Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("r--r--r--"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> write(model, "clobbered"));
        assertEquals("cannot write " + model + ": it is write-protected; permission denied", e.getMessage());
        assertEquals("precious", Files.readString(model));
        assertEquals(List.of(), hiddenFiles());
    }

    @Test
    void asRootAFileOfAnotherUserIsReplacedOnlyIfItsBitsAllowAndKeepsItsOwner() throws IOException {
        assumeTrue(FileChecks.runsAsRoot(), "chown needs root");
        Path theirs = Files.writeString(dir.resolve("theirs.safetensors"), "theirs");
        Files.setAttribute(theirs, "unix:uid", 65534);
        Files.setAttribute(theirs, "unix:gid", 65534);
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rw-r--r--"));
        assertThrows(UncheckedIOException.class, () -> write(theirs, "clobbered"));
        assertEquals("theirs", Files.readString(theirs));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rw-rw-rw-"));
        write(theirs, "shared");
        assertEquals("shared", Files.readString(theirs));
        assertEquals(65534, Files.getAttribute(theirs, "unix:uid"));
        assertEquals(65534, Files.getAttribute(theirs, "unix:gid"));
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(theirs)));
    }

    @Test
    void aWriteProtectedDirectoryIsRefused() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("rodir"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> write(readOnly.resolve("new.safetensors"), "x"));
            assertEquals("cannot write " + readOnly.resolve("new.safetensors") + ": directory " + readOnly.toRealPath()
                    + " is write-protected; permission denied", e.getMessage());
            try (Stream<Path> files = Files.list(readOnly)) {
                assertEquals(0, files.count());
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aDirectoryADeviceAndAFifoAreNeverReplaced() throws IOException, InterruptedException {
        Path directory = Files.createDirectory(dir.resolve("out.png"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> write(directory, "x"));
        assertEquals("cannot write " + directory + ": it is a directory, not a regular file", e.getMessage());
        assertTrue(Files.isDirectory(directory));
        Path device = Files.createSymbolicLink(dir.resolve("null.csv"), Path.of("/dev/null"));
        e = assertThrows(UncheckedIOException.class, () -> write(device, "x"));
        assertEquals("cannot write " + device + ": it is a device (/dev/null), not a regular file", e.getMessage());
        assertTrue(Files.isSymbolicLink(device));
        Path fifo = mkfifo(dir.resolve("pipe.safetensors"));
        e = assertThrows(UncheckedIOException.class, () -> write(fifo, "x"));
        assertEquals("cannot write " + fifo + ": it is a FIFO, not a regular file", e.getMessage());
        assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(fifo));
        assertEquals(List.of(), hiddenFiles());
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoOrDeviceIsRefusedAsAnInputWithoutBlocking() throws IOException, InterruptedException {
        Path fifo = mkfifo(dir.resolve("model.safetensors"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.readTensors(fifo));
        assertEquals(fifo + ": the model is a FIFO, not a regular file; reading it could block or never end",
                e.getMessage());
        Path zero = Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        e = assertThrows(ModelFileException.class, () -> ModelFiles.readTensors(zero));
        assertTrue(e.getMessage().startsWith(zero + ": the model is a device"), e.getMessage());
    }

    @Test
    void staleTemporaryFilesOfDeadWritersOfThisTargetAreRemoved() throws IOException, InterruptedException {
        long dead = deadPid();
        long live = ProcessHandle.current().pid();
        Path staleOfTarget = Files.writeString(dir.resolve(".m.safetensors." + dead + ".k3x9.tmp"), "stale");
        Path liveOfTarget = Files.writeString(dir.resolve(".m.safetensors." + live + ".zz1.tmp"), "in flight");
        Path staleOfOther = Files.writeString(dir.resolve(".other.safetensors." + dead + ".k3x9.tmp"), "other");
        Path lookalike = Files.writeString(dir.resolve(".m.safetensors.notapid.tmp"), "not ours");
        write(dir.resolve("m.safetensors"), "model");
        assertFalse(Files.exists(staleOfTarget), "the dead writer's temporary file is removed");
        assertTrue(Files.exists(liveOfTarget), "a live process's temporary file is kept");
        assertTrue(Files.exists(staleOfOther), "another target's temporary file is kept");
        assertTrue(Files.exists(lookalike), "a name outside the pattern is kept");
        assertTrue(AtomicFiles.isTemporaryOf("m.safetensors", ".m.safetensors.12.ab0.tmp"));
        assertFalse(AtomicFiles.isTemporaryOf("m", ".m.safetensors.12.ab0.tmp"));
        assertFalse(AtomicFiles.isTemporaryOf("m.safetensors", ".m.safetensors.12.ab.0.tmp"));
    }

    @Test
    void sigtermDuringAWriteRemovesItsTemporaryFile() throws IOException, InterruptedException {
        Path target = dir.resolve("slow.safetensors");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-cp", classpath, SlowWriter.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("writing", lines.readLine(), "the writer reached the middle of its write");
            List<String> during = hiddenFiles();
            assertEquals(1, during.size(), during.toString());
            assertTrue(AtomicFiles.isTemporaryOf("slow.safetensors", during.get(0)), during.toString());
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "SIGTERM ends the writer");
        } finally {
            process.destroyForcibly();
        }
        assertEquals(List.of(), hiddenFiles(), "the shutdown hook removed the temporary file");
        assertFalse(Files.exists(target), "the target was never created");
    }

    @Test
    void failuresAreOneLineWithTheTargetAndTheReason() {
        Path missing = dir.resolve("no-such-dir").resolve("m.safetensors");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> write(missing, "x"));
        assertEquals("cannot write " + missing + ": directory " + missing.getParent() + " does not exist",
                e.getMessage());
        Path target = dir.resolve("m.json");
        e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new FileSystemException(dir.resolve(".m.json.1.x.tmp").toString(), null, "No space left on device");
        }));
        assertEquals("cannot write " + target + ": no space left on device", e.getMessage());
        assertEquals("permission denied", FileChecks.reason(new AccessDeniedException("/x/.m.json.1.x.tmp")));
        assertFalse(Files.exists(target));
    }

    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("mkfifo", path.toString()).start();
        } catch (IOException absent) {
            assumeTrue(false, "mkfifo is not available: " + absent.getMessage());
            throw absent;
        }
        assertEquals(0, process.waitFor());
        return path;
    }

    /** The PID of a process that has ended. */
    private static long deadPid() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").start();
        process.getInputStream().close();
        process.getErrorStream().close();
        process.waitFor();
        long pid = process.pid();
        assumeTrue(ProcessHandle.of(pid).isEmpty(), "the PID was reused at once");
        return pid;
    }

    /**
     * Starts an atomic write of its argument, prints "writing" once the temporary file exists
     * and has content, then waits to be killed.
     */
    public static final class SlowWriter {
        private SlowWriter() {
        }

        /**
         * @param args the target file
         */
        public static void main(String[] args) {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write(new byte[1 << 17]);
                out.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
