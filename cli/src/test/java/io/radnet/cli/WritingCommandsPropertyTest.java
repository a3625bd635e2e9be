package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The harness of issue 25 for output paths: every command that writes, with every kind of bad
 * output path (the same file as an input, a hard or symbolic link to one, a directory, a
 * device, a FIFO, a new name in a write-protected or missing directory, a write-protected file,
 * a wrong extension), each spelled in a seeded variation (absolute, with {@code ./}, with
 * {@code sub/..}, through a linked directory). Every run must be refused before any work: exit
 * code 2, no stack trace and no exception name on stderr, nothing on stdout, and the directory
 * exactly as before (same names, same kinds, same bytes of every file: no partial output, no
 * temporary file, no input changed). Each refusal costs milliseconds, so the whole grid runs
 * inside {@code ./mvnw verify}.
 */
class WritingCommandsPropertyTest {
    /** The seed of the path spellings; change it to explore other spellings. */
    private static final long SEED = 25;
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    /** What an output option holds, hence the extension its name needs. */
    private enum Kind {
        MODEL(".safetensors"), PNG(".png"), CSV(".csv"), PLOT_DIRECTORY("");

        final String extension;

        Kind(String extension) {
            this.extension = extension;
        }
    }

    /**
     * One output option of one command.
     *
     * @param name e.g. "eval --predict"
     * @param kind what it writes
     * @param readsModel whether the command reads the model file
     * @param readsData whether the command reads the data file
     * @param arguments the command line with {@code OUT} where the output path goes
     */
    private record Writer(String name, Kind kind, boolean readsModel, boolean readsData, List<String> arguments) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The bad output paths. */
    private enum Variation {
        SAME_AS_MODEL, SAME_AS_DATA, HARD_LINK_TO_MODEL, HARD_LINK_TO_DATA, SYMBOLIC_LINK_TO_MODEL,
        SYMBOLIC_LINK_TO_DATA, DIRECTORY, DEVICE, FIFO, WRITE_PROTECTED_DIRECTORY, MISSING_DIRECTORY,
        WRITE_PROTECTED_FILE, WRONG_EXTENSION
    }

    private static final List<Writer> WRITERS = List.of(
            new Writer("train -o", Kind.MODEL, true, true, List.of("train", "MODEL", "--data", "DATA", "-o", "OUT",
                    "--epochs", "1", "--backend", "ejml")),
            new Writer("train --plot", Kind.PNG, true, true, List.of("train", "MODEL", "--data", "DATA", "-o", "DIR/t.json",
                    "--plot", "OUT", "--epochs", "1", "--backend", "ejml")),
            new Writer("eval --predict", Kind.CSV, true, true, List.of("eval", "MODEL", "--data", "DATA", "--predict", "OUT",
                    "--backend", "ejml")),
            new Writer("compress -o", Kind.MODEL, true, false, List.of("compress", "MODEL", "-o", "OUT", "--check", "3")),
            new Writer("init -o", Kind.MODEL, false, false, List.of("init", "--widths", "2,3,2", "-o", "OUT")),
            new Writer("approximate -o", Kind.MODEL, false, false, List.of("approximate", "--function", "x1", "--domain", "0:1",
                    "--epsilon", "0.5", "--lipschitz", "1", "-o", "OUT")),
            new Writer("approximate --plot", Kind.PNG, false, false, List.of("approximate", "--function", "x1", "--domain",
                    "0:1", "--epsilon", "0.5", "--lipschitz", "1", "--plot", "OUT")),
            new Writer("reproduce --plot", Kind.PNG, false, false, List.of("reproduce", "-e", "3", "--seeds", "1",
                    "--max-epochs", "2", "--plot", "OUT")),
            new Writer("experiment hypernet --plot", Kind.PLOT_DIRECTORY, false, false, List.of("experiment", "hypernet",
                    "--types", "I", "--depths", "1", "--seeds", "1", "--train", "8", "--test", "4", "--epochs", "1",
                    "--width", "2", "--plot", "OUT")),
            new Writer("experiment rcnet --plot", Kind.PLOT_DIRECTORY, false, false, List.of("experiment", "rcnet", "-r", "1",
                    "--seeds", "1", "--train", "8", "--test", "4", "--epochs", "1", "--width", "2", "--spiral-width",
                    "2", "--plot", "OUT")),
            new Writer("experiment rotation --plot", Kind.PLOT_DIRECTORY, false, false, List.of("experiment", "rotation",
                    "--depths", "2", "--seeds", "1", "--train", "8", "--test", "4", "--epochs", "1", "--width", "2",
                    "--plot", "OUT")),
            new Writer("experiment width-sweep --plot", Kind.PLOT_DIRECTORY, false, false, List.of("experiment",
                    "width-sweep", "--widths", "1", "--train", "8", "--test", "4", "--epochs", "1", "--plot", "OUT")),
            new Writer("experiment embedding-dim --plot", Kind.PLOT_DIRECTORY, false, false, List.of("experiment",
                    "embedding-dim", "-E", "2", "--d", "3", "--seeds", "1", "--train", "8", "--test", "4", "--epochs", "1",
                    "--plot", "OUT")));

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Arguments> cases = new ArrayList<>();
        for (Writer writer : WRITERS) {
            for (Variation variation : Variation.values()) {
                if (variation.name().endsWith("MODEL") && !writer.readsModel()
                        || variation.name().endsWith("DATA") && !writer.readsData()
                        || writer.kind() == Kind.PLOT_DIRECTORY && variation == Variation.WRONG_EXTENSION) {
                    continue;
                }
                cases.add(Arguments.of(writer, variation, random.nextInt(4), random.nextInt(1 << 16)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} to {1} (spelling {2}, seed {3})")
    @MethodSource("cases")
    void aBadOutputPathIsRefusedBeforeAnyWorkAndChangesNothing(Writer writer, Variation variation, int spelling,
            int seed) throws IOException, InterruptedException {
        Path model = dir.resolve("m.safetensors");
        ModelFiles.save(RadialNetwork.initialized(Backends.get("ejml"), new int[] {2, 3, 2},
                RadialProfiles.byName("sigmoid"), 1), model);
        Path data = Files.writeString(dir.resolve("data.csv"), "x1,x2,y1,y2\n0.1,0.2,0.3,0.4\n-1,1,0.5,0.5\n");
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("alias"), dir);
        Path out = badOutput(writer.kind(), variation, model, data, new SplittableRandom(seed));
        Map<String, String> before = snapshot();

        String given = spell(out, spelling);
        List<String> arguments = new ArrayList<>();
        for (String a : writer.arguments()) {
            arguments.add(a.equals("OUT") ? given : a.replace("MODEL", model.toString()).replace("DATA", data.toString())
                    .replace("DIR", dir.toString()));
        }
        CliRun run;
        try {
            run = CliRun.run(UNUSED, arguments.toArray(String[]::new));
        } finally {
            Path protectedDirectory = dir.resolve("rodir");
            if (Files.isDirectory(protectedDirectory, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(protectedDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }

        String context = String.join(" ", arguments) + "\n" + run.err();
        assertEquals(2, run.exitCode(), context);
        assertEquals("", run.out(), context);
        assertTrue(run.errLines().get(0).startsWith("radnet: "), context);
        assertTrue(run.errLines().size() <= 2, "the reason and at most the --help hint: " + context);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat ") || run.err().contains("java."),
                "no stack trace or exception name: " + context);
        assertTrue(run.errLines().get(0).contains(given) || writer.kind() == Kind.PLOT_DIRECTORY,
                "the line names the path as given: " + context);
        assertEquals(before, snapshot(), "nothing created, replaced or changed: " + context);
    }

    /**
     * Makes the bad output of one variation in {@link #dir}; for a plot directory, the variation
     * applies to its first chart (or to the directory itself when it is about the directory).
     */
    private Path badOutput(Kind kind, Variation variation, Path model, Path data, SplittableRandom random)
            throws IOException, InterruptedException {
        boolean plotDirectory = kind == Kind.PLOT_DIRECTORY;
        Path charts = dir.resolve("charts");
        String extension = plotDirectory ? ".png" : kind.extension;
        String name = plotDirectory ? "hypernet-test-mse.png" : "out" + extension;
        Path base = plotDirectory ? Files.createDirectories(charts) : dir;
        Path result = plotDirectory ? charts : null;
        Path target = base.resolve(name);
        // the first chart of every other experiment, so that the variation hits whichever command runs
        List<Path> otherCharts = Stream.of(SharingReport.RCNET_PLOTS, HypernetPaperReport.ROTATION_PLOTS,
                HypernetPaperReport.WIDTH_PLOTS, HypernetPaperReport.EMBEDDING_PLOTS).map(names -> charts.resolve(
                        names.get(0))).toList();
        switch (variation) {
            case SAME_AS_MODEL -> {
                return model;
            }
            case SAME_AS_DATA -> {
                return data;
            }
            case HARD_LINK_TO_MODEL -> Files.createLink(target, model);
            case HARD_LINK_TO_DATA -> Files.createLink(target, data);
            case SYMBOLIC_LINK_TO_MODEL -> Files.createSymbolicLink(target, model);
            case SYMBOLIC_LINK_TO_DATA -> Files.createSymbolicLink(target, dir.relativize(data));
            case DIRECTORY -> {
                Files.createDirectory(target);
                if (plotDirectory) {
                    for (Path chart : otherCharts) {
                        Files.createDirectory(chart);
                    }
                }
            }
            case DEVICE -> {
                OutputFilesTest.FileChecksSupport.deviceNode(base, name);
                if (plotDirectory) {
                    for (Path chart : otherCharts) {
                        OutputFilesTest.FileChecksSupport.deviceNode(base, chart.getFileName().toString());
                    }
                }
            }
            case FIFO -> {
                OutputFilesTest.FileChecksSupport.mkfifo(target);
                if (plotDirectory) {
                    for (Path chart : otherCharts) {
                        OutputFilesTest.FileChecksSupport.mkfifo(chart);
                    }
                }
            }
            case WRITE_PROTECTED_DIRECTORY -> {
                Path protectedDirectory = Files.createDirectory(dir.resolve("rodir"));
                Files.setPosixFilePermissions(protectedDirectory, PosixFilePermissions.fromString("r-xr-xr-x"));
                return plotDirectory ? protectedDirectory : protectedDirectory.resolve(name);
            }
            case MISSING_DIRECTORY -> {
                return plotDirectory ? dir.resolve("missing") : dir.resolve("missing").resolve(name);
            }
            case WRITE_PROTECTED_FILE -> {
                List<Path> files = new ArrayList<>(List.of(target));
                if (plotDirectory) {
                    files.addAll(otherCharts);
                }
                for (Path file : files) {
                    Files.writeString(file, "an older file, write-protected");
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
                }
            }
            case WRONG_EXTENSION -> {
                List<String> wrong = new ArrayList<>(List.of(".txt", ".pt", ".png.bak", "", ".safetensors", ".csv",
                        ".png", ".json"));
                wrong.removeIf(e -> e.equals(extension) || kind == Kind.MODEL && e.equals(".json"));
                return dir.resolve("out" + wrong.get(random.nextInt(wrong.size())));
            }
            default -> throw new IllegalStateException(variation.name());
        }
        return plotDirectory ? result : target;
    }

    /**
     * @return the path spelled as a user might: 0 absolute, 1 with {@code /./}, 2 through
     *     {@code sub/..}, 3 through the linked directory {@code alias}
     */
    private String spell(Path path, int spelling) {
        if (!path.startsWith(dir)) {
            return path.toString();
        }
        String rest = dir.relativize(path).toString();
        return switch (spelling) {
            case 1 -> dir + "/./" + rest;
            case 2 -> dir + "/sub/../" + rest;
            case 3 -> dir + "/alias/" + rest;
            default -> path.toString();
        };
    }

    /** Every entry under the directory (links not followed): its kind, and a hash of its bytes for a file. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    entries.put(key, "link to " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(key, "file " + sha256(Files.readAllBytes(p)) + " "
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(key, "directory");
                } else {
                    entries.put(key, "special");
                }
            }
        }
        return entries;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
