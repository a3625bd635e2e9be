package io.radnet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.EmbeddingNetwork;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.PrimaryArchitecture;
import io.radnet.core.network.RadialNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hypernetwork and embedding-method model files: the names and metadata a PyTorch user maps,
 * bitwise round trips in safetensors and JSON (parameters and outputs), F32 files widened, and
 * every inconsistent file refused with one line naming the key or tensor.
 */
class HypernetworkFilesTest {
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    /** h with g = [4, 5, 2] (elu:0.5, with biases: N_g = 37) and f = [3, 6, 37] (tanh). */
    static HyperNetwork hyperWithBiases(Backend b) {
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {4, 5, 2}, PointwiseActivations.elu(0.5), true);
        return new HyperNetwork(Mlp.initialized(b, new int[] {3, 6, g.parameterCount()}, PointwiseActivations.tanh(), 11), g);
    }

    /** h with g = [4, 3, 1] (relu, no biases: the paper's primary) and f one affine layer [2, 15]. */
    static HyperNetwork hyperAffineGenerator(Backend b) {
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {4, 3, 1}, PointwiseActivations.relu(), false);
        return new HyperNetwork(Mlp.initialized(b, new int[] {2, g.parameterCount()}, PointwiseActivations.relu(), 12), g);
    }

    /** q([x, e(I)]) with d_x = 4, e = [3, 6, 5, 3] (relu, softplus), q = [7, 5, 2] (sigmoid). */
    static EmbeddingNetwork embedding(Backend b) {
        Mlp e = new Mlp(Mlp.initialized(b, new int[] {3, 6, 5, 3}, PointwiseActivations.relu(), 13).parameters(),
                List.of(PointwiseActivations.relu(), PointwiseActivations.softplus()));
        return new EmbeddingNetwork(4, e, Mlp.initialized(b, new int[] {7, 5, 2}, PointwiseActivations.sigmoid(), 14));
    }

    private static Tensor inputs(Backend b, int rows, int cols, long seed) {
        return b.fromRowMajor(rows, cols, new SplittableRandom(seed).doubles((long) rows * cols, -2, 2).toArray());
    }

    @Test
    void aHypernetworkFileNamesFsLayersAndDescribesG() {
        TensorFile content = HypernetworkFiles.toTensors(hyperWithBiases(EJML));
        Map<String, String> meta = content.metadata();
        assertEquals("radnet", meta.get("format"));
        assertEquals("hypernetwork", meta.get("kind"));
        assertEquals("4", meta.get("x_width"));
        assertEquals("3", meta.get("i_width"));
        assertEquals("[3,6,37]", meta.get("generator_widths"));
        assertEquals("tanh", meta.get("generator_activations"));
        assertEquals("[4,5,2]", meta.get("primary_widths"));
        assertEquals("elu:0.5", meta.get("primary_activation"));
        assertEquals("true", meta.get("primary_biases"));
        assertEquals(HypernetworkFiles.THETA_LAYOUT, meta.get("theta_layout"));
        assertEquals(HypernetworkFiles.EXACT, meta.get("weights"));
        assertEquals(List.of("generator.0.weight", "generator.0.bias", "generator.1.weight", "generator.1.bias"),
                content.tensors().stream().map(NamedTensor::name).toList());
        assertArrayEquals(new int[] {37, 6}, content.tensors().get(2).shape());
        assertEquals("", HypernetworkFiles.toTensors(hyperAffineGenerator(EJML)).metadata().get("generator_activations"),
                "a single affine layer has no hidden activation");
    }

    @Test
    void anEmbeddingFileNamesEsAndQsLayers() {
        TensorFile content = HypernetworkFiles.toTensors(embedding(EJML));
        Map<String, String> meta = content.metadata();
        assertEquals("embedding", meta.get("kind"));
        assertEquals("4", meta.get("x_width"));
        assertEquals("3", meta.get("i_width"));
        assertEquals("[3,6,5,3]", meta.get("embedding_widths"));
        assertEquals("relu,softplus", meta.get("embedding_activations"));
        assertEquals("[7,5,2]", meta.get("primary_widths"));
        assertEquals("sigmoid", meta.get("primary_activations"));
        assertEquals(List.of("embedding.0.weight", "embedding.0.bias", "embedding.1.weight", "embedding.1.bias",
                "embedding.2.weight", "embedding.2.bias", "primary.0.weight", "primary.0.bias", "primary.1.weight",
                "primary.1.bias"), content.tensors().stream().map(NamedTensor::name).toList());
    }

    static Stream<Arguments> networksAndFormats() {
        List<Arguments> cases = new ArrayList<>();
        for (String file : List.of("m.safetensors", "m.json")) {
            cases.add(Arguments.of("hypernetwork with biases", hyperWithBiases(EJML), file));
            cases.add(Arguments.of("hypernetwork, affine f, no biases", hyperAffineGenerator(EJML), file));
            cases.add(Arguments.of("embedding", embedding(EJML), file));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in {2}")
    @MethodSource("networksAndFormats")
    void aSavedNetworkLoadsBitwise(String name, Network network, String fileName) {
        Path file = dir.resolve(fileName);
        HypernetworkFiles.save(network, file);
        Network back = HypernetworkFiles.load(file, EJML);
        assertEquals(network.getClass(), back.getClass());
        assertArrayEquals(network.parameters().flatten(), back.parameters().flatten(), 0.0, "parameters");
        Tensor x = inputs(EJML, 9, network.inputWidth(), 5);
        assertArrayEquals(network.forward(x).toRowMajor(), back.forward(x).toRowMajor(), 0.0, "outputs");
        assertEquals(network.toString(), back.toString());
    }

    @Test
    void anF32FileIsReadWithEachValueWidened() {
        HyperNetwork network = hyperWithBiases(EJML);
        Path file = dir.resolve("f32.safetensors");
        Safetensors.write(file, HypernetworkFiles.toTensors(network), Dtype.F32);
        double[] exact = network.parameters().flatten();
        double[] stored = HypernetworkFiles.load(file, EJML).parameters().flatten();
        for (int k = 0; k < exact.length; k++) {
            assertEquals((double) (float) exact[k], stored[k], 0.0);
        }
    }

    @Test
    void aGeneratorThatIsNoMlpIsRefusedNamingIt() {
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {2, 2, 1}, PointwiseActivations.relu(), false);
        HyperNetwork radialGenerator = new HyperNetwork(RadialNetwork.initialized(EJML, new int[] {2, 4,
                g.parameterCount()}, RadialProfiles.tanh(), 3), g);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HypernetworkFiles.save(radialGenerator, dir.resolve("r.safetensors")));
        assertTrue(e.getMessage().contains("weight generator f") && e.getMessage().contains("RadialNetwork"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("r.safetensors")));
        assertThrows(IllegalArgumentException.class, () -> HypernetworkFiles.save(
                Mlp.initialized(EJML, new int[] {2, 3, 1}, PointwiseActivations.relu(), 1), dir.resolve("m.json")));
    }

    private static TensorFile withMetadata(TensorFile content, String key, String value) {
        Map<String, String> meta = new LinkedHashMap<>(content.metadata());
        if (value == null) {
            meta.remove(key);
        } else {
            meta.put(key, value);
        }
        return new TensorFile(meta, content.tensors());
    }

    private static TensorFile withTensors(TensorFile content, UnaryOperator<List<NamedTensor>> change) {
        return new TensorFile(content.metadata(), change.apply(new ArrayList<>(content.tensors())));
    }

    static Stream<Arguments> corruptions() {
        TensorFile hyper = HypernetworkFiles.toTensors(hyperWithBiases(EJML));
        TensorFile embedding = HypernetworkFiles.toTensors(embedding(EJML));
        NamedTensor bias = hyper.tensors().get(3);
        return Stream.of(
                Arguments.of(withTensors(hyper, t -> {
                    t.remove(3);
                    return t;
                }), "generator.1.bias"),
                Arguments.of(withTensors(hyper, t -> {
                    t.set(3, new NamedTensor("generator.1.bias", new int[] {36}, new double[36]));
                    return t;
                }), "generator.1.bias"),
                Arguments.of(withTensors(hyper, t -> {
                    t.add(new NamedTensor("generator.2.weight", new int[] {1, 1}, new double[1]));
                    return t;
                }), "generator.2.weight"),
                Arguments.of(withTensors(hyper, t -> {
                    t.set(3, new NamedTensor("layers.1.bias", bias.shape(), bias.values()));
                    return t;
                }), "generator.1.bias"),
                Arguments.of(withMetadata(hyper, "primary_widths", "[4,6,2]"), "N_g"),
                Arguments.of(withMetadata(hyper, "primary_biases", "yes"), "primary_biases"),
                Arguments.of(withMetadata(hyper, "primary_activation", "swish"), "primary_activation"),
                Arguments.of(withMetadata(hyper, "primary_widths", null), "primary_widths"),
                Arguments.of(withMetadata(hyper, "x_width", "5"), "x_width"),
                Arguments.of(withMetadata(hyper, "i_width", "0"), "i_width"),
                Arguments.of(withMetadata(hyper, "generator_widths", "[3,7,37]"), "generator.0.weight"),
                Arguments.of(withMetadata(hyper, "generator_widths", "[3,x,37]"), "generator_widths"),
                Arguments.of(withMetadata(hyper, "generator_activations", "tanh,relu"), "generator_activations"),
                Arguments.of(withMetadata(embedding, "x_width", "3"), "x_width"),
                Arguments.of(withMetadata(embedding, "primary_activations", null), "primary_activations"),
                Arguments.of(withMetadata(embedding, "kind", "hypernetwork"), "generator_widths"));
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    void anInconsistentFileIsRefusedInOneLineNamingTheProblem(TensorFile content, String named) {
        Path file = dir.resolve("bad.safetensors");
        Safetensors.write(file, content);
        ModelFileException e = assertThrows(ModelFileException.class, () -> HypernetworkFiles.load(file, EJML));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(named), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rcnet", "mlp"})
    void aFileOfAnotherKindIsNotOne(String kind) {
        TensorFile other = withMetadata(HypernetworkFiles.toTensors(hyperWithBiases(EJML)), "kind", kind);
        assertFalse(HypernetworkFiles.isHypernetworkOrEmbedding(other));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HypernetworkFiles.fromTensors(other, EJML));
        assertTrue(e.getMessage().contains("'" + kind + "'"), e.getMessage());
        assertInstanceOf(HyperNetwork.class, HypernetworkFiles.fromTensors(HypernetworkFiles.toTensors(hyperWithBiases(EJML)),
                EJML));
    }
}
