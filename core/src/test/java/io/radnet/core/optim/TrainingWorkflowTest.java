package io.radnet.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.data.Dataset;
import io.radnet.core.io.ModelFileException;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.loss.Classification;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Mlp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The researcher's workflow in the trainer: validation data, early stopping with the best
 * parameters restored, checkpoints through a file and a resume that continues bit for bit, for
 * every optimizer; the validation of a checkpoint against the settings.
 */
class TrainingWorkflowTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final int[] WIDTHS = {2, 8, 3};

    @TempDir
    Path dir;

    private static Mlp network() {
        return Mlp.initialized(EJML, WIDTHS, PointwiseActivations.tanh(), 11);
    }

    /** 3 classes on seeded points of [−1, 1]², by a threshold rule, 10 % of labels flipped. */
    private static Dataset classes(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][];
        double[][] y = new double[rows][];
        for (int r = 0; r < rows; r++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            int label = a > 0.3 ? 2 : b > 0 ? 1 : 0;
            x[r] = new double[] {a, b};
            y[r] = new double[] {random.nextDouble() < 0.1 ? (label + 1) % 3 : label};
        }
        return Dataset.fromRows(EJML, x, y);
    }

    static Stream<String> optimizers() {
        return Stream.of("gd", "momentum", "nesterov", "adam", "adamw", "radam", "adadelta");
    }

    private static Optimizer optimizer(String name) {
        return switch (name) {
            case "gd" -> new GradientDescent(0.1);
            case "momentum" -> Sgd.builder(0.05).momentum(0.9).weightDecay(1e-3).build();
            case "nesterov" -> Sgd.builder(0.05).momentum(0.9).nesterov(true).build();
            case "adam" -> Adam.builder().learningRate(0.02).weightDecay(1e-3).build();
            case "adamw" -> AdamW.builder().learningRate(0.02).build();
            case "radam" -> RAdam.builder().learningRate(0.02).build();
            case "adadelta" -> Adadelta.builder().build();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Trainer.Builder builder(FeedForwardNetwork net, Optimizer optimizer, Dataset data, Dataset validation,
            int epochs) {
        return Trainer.builder(net, new SoftmaxCrossEntropy(), optimizer, data).batchSize(16).seed(7).maxEpochs(epochs)
                .validation(validation).earlyStopping(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void sixEpochsEqualThreeThenAResumeFromTheCheckpointFileBitForBit(String name) {
        Dataset data = classes(50, 3);
        Dataset validation = classes(20, 4);
        Mlp straight = network();
        TrainingResult whole = builder(straight, optimizer(name), data, validation, 6).build().train();

        Mlp first = network();
        Path file = dir.resolve("ck.safetensors");
        List<Integer> written = new ArrayList<>();
        builder(first, optimizer(name), data, validation, 3)
                .checkpoints(2, c -> {
                    written.add(c.epoch());
                    CheckpointFiles.write(file, first, c, Map.of("note", "test"));
                }).build().train();
        assertEquals(List.of(2, 3), written, "every 2nd epoch and the last");
        CheckpointFiles.Content content = CheckpointFiles.read(file, EJML);
        assertEquals(Map.of("note", "test"), content.run());
        assertEquals(3, content.checkpoint().epoch());

        Mlp resumed = network();
        TrainingResult rest = builder(resumed, optimizer(name), data, validation, 6).resumeFrom(content.checkpoint())
                .build().train();
        assertArrayEquals(straight.parameters().flatten(), resumed.parameters().flatten(), 0.0);
        assertArrayEquals(whole.lossHistory(), rest.lossHistory(), 0.0);
        assertArrayEquals(whole.validationLossHistory(), rest.validationLossHistory(), 0.0);
        assertArrayEquals(whole.validationAccuracyHistory(), rest.validationAccuracyHistory(), 0.0);
        assertEquals(6, rest.epochs());
        assertEquals(whole.modelEpoch(), rest.modelEpoch());
    }

    @Test
    void theValidationHistoriesAreTheLossAndAccuracyOfTheParametersAfterEachEpoch() {
        Dataset data = classes(60, 5);
        Dataset validation = classes(25, 6);
        Mlp net = network();
        Mlp replay = network();
        List<double[]> after = new ArrayList<>();
        TrainingResult result = Trainer.builder(net, new SoftmaxCrossEntropy(), new GradientDescent(0.5), data)
                .maxEpochs(4).validation(validation).listener(e -> after.add(net.parameters().flatten())).build().train();
        assertEquals(4, result.validationLossHistory().length);
        for (int e = 0; e < 4; e++) {
            replay.parameters().setFlattened(after.get(e));
            var logits = replay.forward(validation.inputs());
            assertEquals(new SoftmaxCrossEntropy().value(logits, validation.targets()), result.validationLossHistory()[e], 0.0);
            assertEquals(Classification.accuracy(logits, validation.targets()), result.validationAccuracyHistory()[e], 0.0);
        }
        assertEquals(4, result.modelEpoch(), "without early stopping the model is the last epoch's");
    }

    @Test
    void earlyStoppingStopsPatienceEpochsAfterTheBestValidationLossAndRestoresThatEpochsParameters() {
        // training targets y, validation targets y/2: gradient descent from outputs near 0 towards y passes
        // closest to y/2 in between, so the validation loss falls, then rises
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = new double[40][];
        double[][] y = new double[40][];
        double[][] half = new double[40][];
        for (int r = 0; r < 40; r++) {
            x[r] = new double[] {random.nextDouble(-1, 1), random.nextDouble(-1, 1)};
            y[r] = new double[] {2 * x[r][0] - x[r][1], x[r][0] * x[r][1] + 1};
            half[r] = new double[] {y[r][0] / 2, y[r][1] / 2};
        }
        Dataset data = Dataset.fromRows(EJML, x, y);
        Dataset validation = Dataset.fromRows(EJML, x, half);
        Supplier<Mlp> fresh = () -> Mlp.initialized(EJML, new int[] {2, 6, 2}, PointwiseActivations.tanh(), 4);
        Loss mse = new MeanSquaredError();
        Mlp net = fresh.get();
        TrainingResult result = Trainer.builder(net, mse, new GradientDescent(0.1), data).maxEpochs(2000)
                .validation(validation).earlyStopping(5).build().train();
        double[] v = result.validationLossHistory();
        int best = 0;
        for (int e = 1; e < v.length; e++) {
            best = v[e] < v[best] ? e : best;
        }
        assertEquals(StopReason.EARLY_STOP, result.stopReason(), result.toString());
        assertTrue(best > 0, "the validation loss first fell: " + Arrays.toString(Arrays.copyOf(v, 3)));
        assertEquals(best + 1, result.modelEpoch());
        assertEquals(best + 1 + 5, result.epochs());
        Mlp bestRun = fresh.get();
        Trainer.builder(bestRun, mse, new GradientDescent(0.1), data).maxEpochs(best + 1).build().train();
        assertArrayEquals(bestRun.parameters().flatten(), net.parameters().flatten(), 0.0);
    }

    @Test
    void aResumeWithOtherSettingsIsRefusedNamingTheDifference() {
        Dataset data = classes(50, 3);
        Dataset validation = classes(20, 4);
        List<TrainingCheckpoint> taken = new ArrayList<>();
        builder(network(), optimizer("adam"), data, validation, 2).checkpoints(1, taken::add).build().train();
        TrainingCheckpoint c = taken.get(1);
        assertRefused("optimizer Adam(", () -> builder(network(), optimizer("radam"), data, validation, 4).resumeFrom(c));
        assertRefused("optimizer Adam(", () -> builder(network(), Adam.builder().learningRate(0.03).build(), data,
                validation, 4).resumeFrom(c));
        assertRefused("50 training samples, these data have 49", () -> builder(network(), optimizer("adam"),
                classes(49, 3), validation, 4).resumeFrom(c));
        assertRefused("batches of 16 rows, this trainer uses 8", () -> builder(network(), optimizer("adam"), data,
                validation, 4).batchSize(8).resumeFrom(c));
        assertRefused("shuffle seed 7", () -> builder(network(), optimizer("adam"), data, validation, 4).seed(8)
                .resumeFrom(c));
        assertRefused("nothing left to do", () -> builder(network(), optimizer("adam"), data, validation, 2).resumeFrom(c));
        assertRefused("parameters, the network", () -> Trainer.builder(Mlp.initialized(EJML, new int[] {2, 9, 3},
                PointwiseActivations.tanh(), 1), new SoftmaxCrossEntropy(), optimizer("adam"), data).batchSize(16).seed(7)
                .maxEpochs(4).validation(validation).earlyStopping(50).resumeFrom(c));
        assertRefused("early stopping", () -> Trainer.builder(network(), new SoftmaxCrossEntropy(), optimizer("adam"), data)
                .batchSize(16).seed(7).maxEpochs(4).validation(validation).resumeFrom(c));
        assertRefused("so early stopping with patience 1 ended that run", () -> {
            Trainer.Builder b = builder(network(), optimizer("adam"), data, validation, 4).earlyStopping(1);
            return c.epoch() - c.bestEpoch() >= 1 ? b.resumeFrom(c) : b.resumeFrom(new TrainingCheckpoint(c.epoch(), c.seed(),
                    c.batchSize(), c.samples(), c.shuffle(), c.permutationsDrawn(), c.parameters(), c.optimizer(), c.losses(),
                    c.validationLosses(), c.validationAccuracies(), 1, c.bestParameters()));
        });
    }

    private static void assertRefused(String expected, Supplier<Trainer.Builder> builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.get().build());
        assertTrue(e.getMessage().startsWith("cannot resume from the checkpoint after epoch 2: ")
                && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void anOptimizerRefusesTheStateOfAnotherKindOrSettings() {
        Mlp net = network();
        Optimizer adam = optimizer("adam");
        OptimizerState empty = adam.exportState();
        assertEquals(0, empty.steps());
        assertTrue(empty.buffers().isEmpty());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> optimizer("radam").importState(net.parameters(), empty));
        assertEquals("the saved optimizer is Adam but this one is RAdam", kind.getMessage());
        OptimizerState forged = new OptimizerState("Adam", adam.toString(), 3, Map.of("m", new double[5]));
        IllegalArgumentException buffers = assertThrows(IllegalArgumentException.class,
                () -> optimizer("adam").importState(net.parameters(), forged));
        assertTrue(buffers.getMessage().contains("holds the buffers [m] but after 3 steps it has [m, v]"), buffers.getMessage());
    }

    @Test
    void aCheckpointFileThatIsNotOneOrIsCorruptIsRefusedInOneLine() throws IOException {
        Mlp net = network();
        Path model = dir.resolve("model.safetensors");
        ModelFiles.save(net, model);
        ModelFileException plain = assertThrows(ModelFileException.class, () -> CheckpointFiles.read(model, EJML));
        assertEquals(model + ": not a radnet training checkpoint (its metadata has no 'checkpoint' key)", plain.getMessage());

        Path file = dir.resolve("ck.safetensors");
        List<TrainingCheckpoint> taken = new ArrayList<>();
        builder(net, optimizer("adam"), classes(50, 3), classes(20, 4), 1).checkpoints(1, taken::add).build().train();
        CheckpointFiles.write(file, net, taken.get(0), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 8));
        ModelFileException cut = assertThrows(ModelFileException.class, () -> CheckpointFiles.read(truncated, EJML));
        assertTrue(cut.getMessage().startsWith(truncated + ": ") && !cut.getMessage().contains("\n"), cut.getMessage());

        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        Path badEpoch = dir.resolve("epoch.safetensors");
        Files.write(badEpoch, text.replace("\"epoch\":\"1\"", "\"epoch\":\"x\"").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ModelFileException epoch = assertThrows(ModelFileException.class, () -> CheckpointFiles.read(badEpoch, EJML));
        assertEquals(badEpoch + ": not a valid checkpoint: metadata epoch must be an integer, got 'x'", epoch.getMessage());
        Path otherEpoch = dir.resolve("epoch2.safetensors");
        Files.write(otherEpoch, text.replace("\"epoch\":\"1\"", "\"epoch\":\"2\"").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ModelFileException history = assertThrows(ModelFileException.class, () -> CheckpointFiles.read(otherEpoch, EJML));
        assertTrue(history.getMessage().contains("has 1 training losses, expected 2"), history.getMessage());
        assertNotEquals(bytes.length, 0);
    }
}
