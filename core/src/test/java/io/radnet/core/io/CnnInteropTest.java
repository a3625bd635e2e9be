package io.radnet.core.io;

import static io.radnet.core.io.PythonWithTorch.readCsv;
import static io.radnet.core.io.PythonWithTorch.writeCsv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.cnn.BatchNorm;
import io.radnet.core.cnn.CnnArchitectures;
import io.radnet.core.cnn.FeatureShape;
import io.radnet.core.cnn.Layer;
import io.radnet.core.cnn.SequentialNetwork;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.TrainingPass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CNN model files ({@link CnnFiles}) and their interchange with PyTorch through
 * {@code src/test/python/cnn_interop.py} (the system's python3 with torch; skipped, saying so,
 * without it, failing under {@code RADNET_REQUIRE_PYTORCH=1}): the intrinsic-parameters CNN saved
 * by radnet loads into the equivalent {@code nn.Sequential} with a strict state-dict load and gives
 * radnet's evaluation outputs, and a state dict PyTorch saved (running statistics moved,
 * num_batches_tracked as I64) loads into radnet's network and gives PyTorch's outputs, both in
 * float64 to 1e-10; and one training-mode step (batch statistics, the backward pass of every
 * layer, the running statistics' update) agrees with PyTorch's autograd to 1e-10.
 */
class CnnInteropTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final Path SCRIPT = Path.of("src/test/python/cnn_interop.py");
    private static final double TOLERANCE = 1e-10;

    @TempDir
    Path dir;

    private static Tensor images(int rows, long seed) {
        return EJML.fromRowMajor(rows, 784, new SplittableRandom(seed).doubles(rows * 784L, 0, 1).toArray());
    }

    /** Gives every batch norm random γ, β and running statistics, so that evaluation exercises them. */
    private static void randomizeBatchNorms(SequentialNetwork network, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : network.layers()) {
            if (layer instanceof BatchNorm norm) {
                int c = norm.features();
                norm.parameters().get(0).setRowMajor(random.doubles(c, 0.5, 1.5).toArray());
                norm.parameters().get(1).setRowMajor(random.doubles(c, -0.5, 0.5).toArray());
                norm.runningMean().setRowMajor(random.doubles(c, -0.2, 0.2).toArray());
                norm.runningVariance().setRowMajor(random.doubles(c, 0.5, 2.0).toArray());
                norm.setBatchesTracked(3);
            }
        }
    }

    @Test
    void aCnnRadnetSavesLoadsIntoPyTorchAndGivesTheSameOutputs() throws Exception {
        String python = PythonWithTorch.require("CnnInteropTest");
        SequentialNetwork network = CnnArchitectures.intrinsicParameters(EJML, 31);
        randomizeBatchNorms(network, 32);
        Path model = dir.resolve("cnn.safetensors");
        CnnFiles.save(network, model);
        Tensor x = images(6, 33);
        writeCsv(dir.resolve("in.csv"), x);

        PythonWithTorch.run(python, SCRIPT, "forward", model.toString(), dir.resolve("in.csv").toString(),
                dir.resolve("out.csv").toString());

        assertArrayEquals(network.forward(x).toRowMajor(), readCsv(dir.resolve("out.csv")), TOLERANCE);
    }

    @Test
    void aStateDictPyTorchSavesLoadsIntoRadnetAndGivesPyTorchsOutputs() throws Exception {
        String python = PythonWithTorch.require("CnnInteropTest");
        SequentialNetwork network = CnnArchitectures.intrinsicParameters(EJML, 41);
        String layers = CnnFiles.toTensors(network).metadata().get("layers");
        Path model = dir.resolve("torch.safetensors");
        Tensor x = images(6, 42);
        writeCsv(dir.resolve("in.csv"), x);

        PythonWithTorch.run(python, SCRIPT, "export", model.toString(), layers, "1,28,28", "43",
                dir.resolve("in.csv").toString(), dir.resolve("out.csv").toString());

        TensorFile content = ModelFiles.readTensors(model);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "3.weight"), content.tensors().stream().map(NamedTensor::name).limit(8).toList());
        CnnFiles.loadState(content, network);
        assertEquals(2, ((BatchNorm) network.layers().get(1)).batchesTracked());
        assertArrayEquals(readCsv(dir.resolve("out.csv")), network.forward(x).toRowMajor(), TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn.safetensors", "cnn.json"})
    void aSavedCnnLoadsBitwiseWithItsBlocksAndModules(String fileName) {
        SequentialNetwork network = SequentialNetwork.builder(EJML, FeatureShape.maps(2, 6, 6), 5)
                .block("features").conv2d(3, 3, 1, 1, false).batchNorm2d().relu().maxPool2d(2, 2).dropout(0.25)
                .block("head").flatten().linear(4).batchNorm1d().relu().linear(2).build();
        randomizeBatchNorms(network, 6);
        Path file = dir.resolve(fileName);
        CnnFiles.save(network, file);

        SequentialNetwork loaded = CnnFiles.load(file, EJML);

        assertEquals(network.describe(), loaded.describe());
        assertArrayEquals(network.parameters().flatten(), loaded.parameters().flatten(), 0.0);
        Tensor x = EJML.fromRowMajor(3, 72, new SplittableRandom(7).doubles(216, -1, 1).toArray());
        assertArrayEquals(network.forward(x).toRowMajor(), loaded.forward(x).toRowMajor(), 0.0);
        assertEquals(CnnFiles.toTensors(network), CnnFiles.toTensors(loaded));
    }

    @Test
    void aBadCnnFileIsRefusedNamingWhatIsWrong() throws Exception {
        SequentialNetwork network = SequentialNetwork.builder(EJML, FeatureShape.maps(1, 5, 5), 1)
                .block("only").conv2d(2, 3).batchNorm2d().flatten().linear(3).build();
        TensorFile good = CnnFiles.toTensors(network);

        TensorFile unknownModule = withMetadata(good, "layers", good.metadata().get("layers").replace("ReLU", "GELU")
                .replace("Flatten()", "Softmax()"));
        assertMessage(unknownModule, "module 2 Softmax(): unknown module type 'Softmax'");
        TensorFile chainBroken = withMetadata(good, "layers", good.metadata().get("layers").replace("Linear(18,", "Linear(19,"));
        assertMessage(chainBroken, "module 3 Linear(19,3,true): takes 19 input features but the module before gives 18");
        TensorFile missing = new TensorFile(good.metadata(), good.tensors().subList(1, good.tensors().size()));
        assertMessage(missing, "tensor '0.weight' is missing");
        List<NamedTensor> extra = new java.util.ArrayList<>(good.tensors());
        extra.add(new NamedTensor("9.weight", new int[] {1}, new double[] {1}));
        assertMessage(new TensorFile(good.metadata(), extra), "tensor '9.weight' is not a tensor of the network");
        List<NamedTensor> negative = new java.util.ArrayList<>(good.tensors());
        negative.replaceAll(t -> t.name().equals("1.running_var") ? new NamedTensor(t.name(), t.shape(),
                new double[] {1.0, -0.5}) : t);
        assertMessage(new TensorFile(good.metadata(), negative), "tensor '1.running_var' holds the negative variance -0.5");

        Path file = dir.resolve("bad.safetensors");
        Safetensors.write(file, chainBroken);
        ModelFileException e = assertThrows(ModelFileException.class, () -> CnnFiles.load(file, EJML));
        assertTrue(e.getMessage().startsWith(file + ": module 3"), e.getMessage());
        assertTrue(Files.exists(file));
    }

    private static TensorFile withMetadata(TensorFile content, String key, String value) {
        java.util.Map<String, String> metadata = new java.util.LinkedHashMap<>(content.metadata());
        metadata.put(key, value);
        return new TensorFile(metadata, content.tensors());
    }

    private static void assertMessage(TensorFile content, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CnnFiles.fromTensors(content, EJML));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aTrainingStepAgreesWithPyTorchsAutograd() throws Exception {
        String python = PythonWithTorch.require("CnnInteropTest");
        SequentialNetwork network = SequentialNetwork.builder(EJML, FeatureShape.maps(2, 9, 9), 51)
                .block("features").conv2d(4, 3).batchNorm2d().relu().conv2d(4, 3, 2, 1, true).batchNorm2d().relu()
                .maxPool2d(2).dropout(0.0)
                .block("head").flatten().linear(6).batchNorm1d().relu().linear(3).build();
        randomizeBatchNorms(network, 52);
        Path model = dir.resolve("step.safetensors");
        CnnFiles.save(network, model);
        int batch = 5;
        Tensor x = EJML.fromRowMajor(batch, 162, new SplittableRandom(53).doubles(batch * 162L, -1, 1).toArray());
        Tensor r = EJML.fromRowMajor(batch, 3, new SplittableRandom(54).doubles(batch * 3L, -1, 1).toArray());
        writeCsv(dir.resolve("in.csv"), x);
        writeCsv(dir.resolve("r.csv"), r);

        PythonWithTorch.run(python, SCRIPT, "train-step", model.toString(), dir.resolve("in.csv").toString(),
                dir.resolve("r.csv").toString(), dir.resolve("out.csv").toString(), dir.resolve("grad.csv").toString(),
                dir.resolve("stats.csv").toString());

        TrainingPass pass = network.trainingPass(batch);
        assertArrayEquals(readCsv(dir.resolve("out.csv")), pass.forward(x).toRowMajor(), TOLERANCE,
                "training-mode outputs (batch statistics)");
        ParameterVector gradient = network.parameters().zerosLike();
        pass.backward(r, gradient);
        assertArrayEquals(readCsv(dir.resolve("grad.csv")), gradient.flatten(), TOLERANCE, "gradients");
        List<Double> statistics = new java.util.ArrayList<>();
        for (Layer layer : network.layers()) {
            if (layer instanceof BatchNorm norm) {
                for (double v : norm.runningMean().toRowMajor()) {
                    statistics.add(v);
                }
                for (double v : norm.runningVariance().toRowMajor()) {
                    statistics.add(v);
                }
                assertEquals(4, norm.batchesTracked());
            }
        }
        assertArrayEquals(readCsv(dir.resolve("stats.csv")), statistics.stream().mapToDouble(Double::doubleValue).toArray(),
                1e-12, "running statistics after one step (momentum 0.1, unbiased variance)");
    }
}
