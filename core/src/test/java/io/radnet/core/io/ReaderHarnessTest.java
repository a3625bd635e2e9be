package io.radnet.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.approx.exact.ExactAffine;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.approx.exact.Rational;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader harness: seeded corrupt variants of valid files ({@link SeededMutations}: bit flips,
 * truncation, insertions, deletions, duplicated ranges and keys, removed keys, huge numbers,
 * false header lengths) given to every reader: radial and MLP files, hypernetwork, embedding and
 * RCNet files, exact JSON models, CSV, IDX and npy data. Each input either loads to a valid model
 * or data set, or fails with a {@link ModelFileException} whose message is one line starting with the
 * file's name; no other exception type (no index, negative-size, number-format or memory
 * error), and each reader's whole run is bounded in time, so no input hangs.
 */
class ReaderHarnessTest {
    /** Mutants per reader and file: fixed, like the seeds, so every run tries the same inputs. */
    private static final int MUTANTS = 1000;
    /** The time one reader may take for all its mutants; a hang fails the run. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    static Stream<Arguments> models() {
        RadialNetwork shifted = RadialNetwork.initializedWithShifts(EJML, new int[] {2, 3, 2},
                RadialProfiles.byName("shifted-relu:0.25"), 0.5, true, 3);
        RadialNetwork plain = RadialNetwork.initialized(EJML, new int[] {2, 4, 3, 1}, RadialProfiles.tanh(), 4);
        Mlp mlp = Mlp.initialized(EJML, new int[] {3, 2, 2}, PointwiseActivations.elu(0.5), 5);
        return Stream.of(Arguments.of("shifted.safetensors", shifted, 11L), Arguments.of("shifted.json", shifted, 12L),
                Arguments.of("plain.safetensors", plain, 13L), Arguments.of("mlp.json", mlp, 14L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyCorruptModelLoadsValidlyOrFailsWithOneLineNamingTheFile(String name, FeedForwardNetwork network, long seed)
            throws IOException {
        Path valid = dir.resolve("valid-" + name);
        ModelFiles.save(network, valid);
        SeededMutations mutations = new SeededMutations(Files.readAllBytes(valid), name.endsWith(".safetensors"), seed);
        Path file = dir.resolve(name);
        int[] outcomes = run(mutations, file, path -> {
            FeedForwardNetwork loaded = ModelFiles.load(path, EJML, null);
            for (double v : loaded.parameters().flatten()) {
                assertTrue(Double.isFinite(v), "a loaded model holds finite values");
            }
        });
        assertTrue(outcomes[1] > MUTANTS / 2, "most mutants are refused: " + outcomes[0] + " loaded, " + outcomes[1]
                + " refused");
    }

    static Stream<Arguments> networkFiles() {
        RepeatedCompositionNetwork rcnet = RepeatedCompositionNetwork.initialized(EJML, 2, new int[] {3, 2, 3}, 1, 2,
                PointwiseActivations.relu(), 6);
        return Stream.of(Arguments.of("hyper.safetensors", HypernetworkFilesTest.hyperWithBiases(EJML), 15L),
                Arguments.of("embedding.json", HypernetworkFilesTest.embedding(EJML), 16L),
                Arguments.of("rcnet.safetensors", rcnet, 17L));
    }

    /** Hypernetwork, embedding and RCNet files: each mutant loads to a network of finite values or fails in one line. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("networkFiles")
    void everyCorruptNetworkFileLoadsValidlyOrFailsWithOneLineNamingTheFile(String name, Network network, long seed)
            throws IOException {
        Path valid = dir.resolve("valid-" + name);
        boolean rcnet = network instanceof RepeatedCompositionNetwork;
        if (rcnet) {
            RcnetFiles.save((RepeatedCompositionNetwork) network, valid);
        } else {
            HypernetworkFiles.save(network, valid);
        }
        SeededMutations mutations = new SeededMutations(Files.readAllBytes(valid), name.endsWith(".safetensors"), seed);
        Path file = dir.resolve(name);
        int[] outcomes = run(mutations, file, path -> {
            Network loaded = rcnet ? RcnetFiles.load(path, EJML) : HypernetworkFiles.load(path, EJML);
            for (double v : loaded.parameters().flatten()) {
                assertTrue(Double.isFinite(v), "a loaded network holds finite values");
            }
        });
        assertTrue(outcomes[1] > MUTANTS / 2, "most mutants are refused: " + outcomes[0] + " loaded, " + outcomes[1]
                + " refused");
    }

    /** The exact JSON model of a small ReLU network with a weight no double holds (1/3). */
    @Test
    void everyCorruptExactModelLoadsValidlyOrFailsWithOneLineNamingTheFile() throws IOException {
        Path valid = dir.resolve("valid-exact.json");
        ExactAffine first = ExactAffine.of(new Rational[][] {{Rational.of(1, 3), Rational.of(-2)}, {Rational.of(5, 8),
            Rational.ONE}}, new Rational[] {Rational.of(1, 1024), Rational.ZERO});
        ExactAffine second = ExactAffine.of(new Rational[][] {{Rational.of(3), Rational.of(-1, 7)}},
                new Rational[] {Rational.of(12345, 4)});
        ExactModelJson.write(valid, ExactNetwork.reluMlp(List.of(first, second)), Map.of("construction", "harness"));
        SeededMutations mutations = new SeededMutations(Files.readAllBytes(valid), false, 51L);
        Path file = dir.resolve("exact.json");
        int[] outcomes = run(mutations, file, path -> {
            ExactNetwork loaded = ExactModelJson.read(path);
            assertEquals(loaded.inputWidth(), loaded.layers().get(0).cols());
        });
        assertTrue(outcomes[1] > MUTANTS / 2, "most mutants are refused: " + outcomes[0] + " loaded, " + outcomes[1]
                + " refused");
    }

    static Stream<Arguments> dataSets() {
        return Stream.of(Arguments.of("regression", false, 21L), Arguments.of("labelled", true, 22L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataSets")
    void everyCorruptCsvReadsValidlyOrFailsWithOneLineNamingTheFile(String name, boolean labelled, long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int r = 0; r < 40; r++) {
            csv.append(random.nextDouble(-3, 3)).append(',').append(random.nextInt(-5, 5)).append(",")
                    .append(labelled ? random.nextInt(3) : random.nextDouble()).append('\n');
        }
        SeededMutations mutations = new SeededMutations(csv.toString().getBytes(StandardCharsets.UTF_8), false, seed);
        Path file = dir.resolve(name + ".csv");
        int[] outcomes = run(mutations, file, path -> {
            DataTensors d = labelled ? CsvData.readLabelled(path, EJML, 2, 3) : CsvData.read(path, EJML, 2, 1);
            assertEquals(d.inputs().rows(), d.targets().rows());
            for (double v : d.inputs().toRowMajor()) {
                assertTrue(Double.isFinite(v), "read data are finite");
            }
        });
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0, outcomes[0] + " read, " + outcomes[1] + " refused");
    }

    static Stream<Arguments> arrayFiles() {
        byte[] pixels = new byte[5 * 12];
        new SplittableRandom(31).nextBytes(pixels);
        byte[] images = DataFileFixtures.idxImages(pixels, 5, 3, 4);
        double[] values = new SplittableRandom(32).doubles(10, -2, 2).toArray();
        byte[] npy = DataFileFixtures.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (5, 2), }",
                DataFileFixtures.float64(values));
        return Stream.of(Arguments.of("images.idx.gz", DataFileFixtures.gzip(images), 42L),
                Arguments.of("labels.idx", DataFileFixtures.idxLabels(1, 0, 2, 2, 1), 43L), Arguments.of("x.npy", npy, 44L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrayFiles")
    void everyCorruptIdxOrNpyFileReadsValidlyOrFailsWithOneLineNamingTheFile(String name, byte[] valid, long seed) {
        SeededMutations mutations = new SeededMutations(valid, false, seed);
        Path file = dir.resolve(name);
        int[] outcomes = run(mutations, file, path -> {
            Tensor t = name.endsWith(".npy") ? NpyFiles.read(path, EJML)
                    : name.startsWith("labels") ? IdxFiles.readLabels(path, EJML, 3) : IdxFiles.readImages(path, EJML, true);
            for (double v : t.toRowMajor()) {
                assertTrue(Double.isFinite(v), "read data are finite");
            }
        });
        assertTrue(outcomes[1] > 0, outcomes[0] + " read, " + outcomes[1] + " refused");
    }

    /**
     * @return {loaded, refused}
     */
    private static int[] run(SeededMutations mutations, Path file, Consumer<Path> reader) {
        return assertTimeoutPreemptively(BOUND, () -> {
            int[] outcomes = new int[2];
            for (int k = 0; k < MUTANTS; k++) {
                byte[] bytes = mutations.next();
                Files.write(file, bytes);
                try {
                    reader.accept(file);
                    outcomes[0]++;
                } catch (ModelFileException e) {
                    outcomes[1]++;
                    String message = e.getMessage();
                    if (message == null || !message.startsWith(file + ": ") || message.contains("\n")
                            || message.contains("\r")) {
                        fail("mutant " + k + ": the message is not one line naming the file: " + message);
                    }
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("mutant " + k + " (" + bytes.length + " bytes) escaped as " + e, e);
                }
            }
            return outcomes;
        }, "a reader took longer than " + BOUND + " for " + MUTANTS + " mutants");
    }
}
