package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.network.RadialNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output and input paths of the commands, one finding each: an input is never overwritten
 * (also through links), special files are neither replaced nor read, a model keeps its mode and
 * is written through a link, write protection is honoured, and every refusal is one line.
 */
class OutputFilesTest {
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    @TempDir
    Path dir;

    private Path model;
    private Path data;

    private static CliRun radnet(Object... args) {
        return CliRun.run(UNUSED, Stream.of(args).map(String::valueOf).toArray(String[]::new));
    }

    @BeforeEach
    void files() throws IOException {
        model = dir.resolve("m.safetensors");
        ModelFiles.save(RadialNetwork.initialized(Backends.get("ejml"), new int[] {2, 3, 2},
                RadialProfiles.byName("sigmoid"), 1), model);
        data = Files.writeString(dir.resolve("data.csv"), "x1,x2,y1,y2\n0.1,0.2,0.3,0.4\n-1,1,0.5,0.5\n");
    }

    private static void refused(CliRun run, String expectedLine) {
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals("radnet: " + expectedLine, run.errLines().get(0));
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    @Test
    void evalNeverOverwritesItsModelOrData() throws IOException {
        byte[] modelBytes = Files.readAllBytes(model);
        byte[] dataBytes = Files.readAllBytes(data);
        refused(radnet("eval", model, "--data", data, "--predict", model, "--backend", "ejml"),
                "cannot write " + model + " (--predict): predictions are written as CSV; the name must end in .csv");
        refused(radnet("eval", model, "--data", data, "--predict", data, "--backend", "ejml"),
                "cannot write " + data + " (--predict): it is the data file " + data
                        + " this command reads; an input is never overwritten");
        Path hardLink = Files.createLink(dir.resolve("predictions.csv"), data);
        refused(radnet("eval", model, "--data", data, "--predict", hardLink, "--backend", "ejml"),
                "cannot write " + hardLink + " (--predict): it is the data file " + data
                        + " this command reads; an input is never overwritten");
        assertArrayEquals(modelBytes, Files.readAllBytes(model), "the model is unchanged");
        assertArrayEquals(dataBytes, Files.readAllBytes(data), "the data are unchanged");
    }

    @Test
    void trainNeverTurnsItsDataIntoAPlotOrItsModelIntoItsOutput() throws IOException {
        byte[] modelBytes = Files.readAllBytes(model);
        byte[] dataBytes = Files.readAllBytes(data);
        refused(radnet("train", model, "--data", data, "-o", dir.resolve("t.safetensors"), "--plot", data,
                "--epochs", 1, "--backend", "ejml"),
                "cannot write " + data + " (--plot): a chart is written as PNG, SVG or PDF; the name must end in .png, .svg or .pdf");
        Path pictureData = Files.copy(data, dir.resolve("data.png"));
        refused(radnet("train", model, "--data", pictureData, "-o", dir.resolve("t.safetensors"), "--plot", pictureData,
                "--epochs", 1, "--backend", "ejml"),
                "cannot write " + pictureData + " (--plot): it is the data file " + pictureData
                        + " this command reads; an input is never overwritten");
        Path link = Files.createSymbolicLink(dir.resolve("same.safetensors"), model.getFileName());
        refused(radnet("train", model, "--data", data, "-o", link, "--epochs", 1, "--backend", "ejml"),
                "cannot write " + link + " (-o): it is the model " + model
                        + " this command reads; an input is never overwritten");
        refused(radnet("compress", model, "-o", model),
                "cannot write " + model + " (-o): it is the model " + model
                        + " this command reads; an input is never overwritten");
        Path plotAndModel = dir.resolve("both.json");
        refused(radnet("approximate", "--function", "x1", "--domain", "0:1", "--epsilon", 0.5, "--lipschitz", 1,
                "--plot", dir.resolve("p.png"), "-o", Files.createSymbolicLink(dir.resolve("p2.json"), Path.of("p.png"))),
                "cannot write " + dir.resolve("p2.json") + " (-o): it is also the output of --plot");
        assertFalse(Files.exists(plotAndModel));
        assertArrayEquals(modelBytes, Files.readAllBytes(model));
        assertArrayEquals(dataBytes, Files.readAllBytes(data));
        assertArrayEquals(dataBytes, Files.readAllBytes(pictureData));
    }

    @Test
    void aDirectoryAFifoOrADeviceIsNeverReplaced() throws IOException, InterruptedException {
        Path directory = Files.createDirectory(dir.resolve("out.safetensors"));
        refused(radnet("init", "--widths", "2,3,2", "-o", directory),
                "cannot write " + directory + " (-o): it is a directory, not a regular file");
        Path fifo = mkfifo(dir.resolve("fifo.png"));
        refused(radnet("reproduce", "-e", 3, "--plot", fifo),
                "cannot write " + fifo + " (--plot): it is a FIFO, not a regular file");
        Path device = FileChecksSupport.deviceNode(dir, "null.csv");
        refused(radnet("eval", model, "--data", data, "--predict", device, "--backend", "ejml"),
                "cannot write " + device + " (--predict): it is a device"
                        + (Files.isSymbolicLink(device) ? " (/dev/null)" : "") + ", not a regular file");
        assertTrue(Files.isDirectory(directory));
        assertFalse(Files.isRegularFile(fifo) || Files.isRegularFile(device));
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoOrADeviceAsTheModelOrDataIsRefusedWithoutBlocking() throws IOException, InterruptedException {
        Path fifoModel = mkfifo(dir.resolve("pipe.safetensors"));
        CliRun run = radnet("info", fifoModel);
        assertEquals(1, run.exitCode());
        assertEquals(fifoModel + ": the model is a FIFO, not a regular file; reading it could block or never end",
                run.err().strip().substring("radnet: ".length()));
        Path fifoData = mkfifo(dir.resolve("pipe.csv"));
        run = radnet("eval", model, "--data", fifoData, "--backend", "ejml");
        assertEquals(1, run.exitCode());
        assertEquals("radnet: " + fifoData + ": the data file is a FIFO, not a regular file; reading it could block "
                + "or never end", run.err().strip());
        Path zero = Files.createSymbolicLink(dir.resolve("zero.csv"), Path.of("/dev/zero"));
        run = radnet("train", model, "--data", zero, "-o", dir.resolve("t.json"), "--backend", "ejml");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("radnet: " + zero + ": the data file is a device"), run.err());
        assertFalse(Files.exists(dir.resolve("t.json")));
    }

    @Test
    void aModelIsWrittenThroughALinkAndKeepsItsMode() throws IOException {
        Path real = dir.resolve("real.safetensors");
        Files.copy(model, real);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(dir.resolve("latest.safetensors"), real.getFileName());
        CliRun run = radnet("init", "--widths", "2,4,2", "--seed", 7, "-o", link);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        assertArrayEquals(new int[] {2, 4, 2},
                ((RadialNetwork) ModelFiles.load(real, Backends.get("ejml"), null)).widths());
    }

    @Test
    void aWriteProtectedModelIsRefusedWithTheReason() throws IOException {
        Path protectedModel = Files.copy(model, dir.resolve("protected.safetensors"));
        Files.setPosixFilePermissions(protectedModel, PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(protectedModel);
        refused(radnet("compress", model, "-o", protectedModel),
                "cannot write " + protectedModel + " (-o): it is write-protected; permission denied");
        Path rodir = Files.createDirectory(dir.resolve("rodir"));
        Files.setPosixFilePermissions(rodir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            refused(radnet("init", "--widths", "2,3,2", "-o", rodir.resolve("existing.safetensors")),
                    "cannot write " + rodir.resolve("existing.safetensors") + " (-o): directory " + rodir.toRealPath()
                            + " is write-protected; permission denied");
        } finally {
            Files.setPosixFilePermissions(rodir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertArrayEquals(before, Files.readAllBytes(protectedModel));
    }

    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        return FileChecksSupport.mkfifo(path);
    }

    /** Special files for the tests: FIFOs and device nodes made with the system's tools. */
    static final class FileChecksSupport {
        private FileChecksSupport() {
        }

        /** Makes a FIFO with {@code mkfifo}; skips the test where it is absent. */
        static Path mkfifo(Path path) throws IOException, InterruptedException {
            assumeTrue(run("mkfifo", path.toString()), "mkfifo is not available");
            assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
            return path;
        }

        /**
         * A character device named {@code name} in {@code directory}: a fresh node like
         * /dev/null when the process may make one (root), otherwise a symbolic link to
         * /dev/null. Never /dev/null itself, so a broken writer cannot replace the system's.
         */
        static Path deviceNode(Path directory, String name) throws IOException, InterruptedException {
            Path node = directory.resolve(name);
            if (run("mknod", node.toString(), "c", "1", "3") && Files.exists(node, LinkOption.NOFOLLOW_LINKS)) {
                return node;
            }
            Files.deleteIfExists(node);
            return Files.createSymbolicLink(node, Path.of("/dev/null"));
        }

        private static boolean run(String... command) throws InterruptedException {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (IOException absent) {
                return false;
            }
        }
    }
}
