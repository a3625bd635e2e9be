package io.radnet.core.io;

import static io.radnet.core.io.PythonWithTorch.readCsv;
import static io.radnet.core.io.PythonWithTorch.writeCsv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.Param;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interchange with PyTorch, run by the system's python3 with torch (Debian's
 * {@code python3-torch}; the {@code safetensors} package is not needed, the scripts read and
 * write the format with struct and json):
 * <ul>
 *   <li>through {@code src/test/python/safetensors_interop.py}: a radial network radnet writes
 *       loads into the reference implementation's module layout with a strict state-dict load
 *       and gives the same outputs; a plain radial state dict and a plain {@code nn.Sequential}
 *       MLP PyTorch writes (F64 and F32, native names {@code 0.weight}, {@code 2.weight}, …) load
 *       in radnet, given their kind, and give PyTorch's outputs;</li>
 *   <li>through the shipped module {@code python/radnet_torch.py}: radnet's files (radial with
 *       shifts, MLP; F64 and F32) load and give radnet's outputs, an RCNet's tensors give
 *       {@link RepeatedCompositionNetwork}'s outputs, and hypernetwork and embedding files
 *       ({@link HypernetworkFiles}) and RCNet files ({@link RcnetFiles}, also a block with an
 *       affine end) load into the module's {@code HyperNetwork}, {@code EmbeddingNetwork} and
 *       {@code RepeatedCompositionNetwork} with a strict state-dict load and give radnet's outputs
 *       to 1e-10.</li>
 * </ul>
 * Both sides compute in float64, in different orders, so they agree to rounding (1e-12 here;
 * the outputs are O(1)). Without python3 or torch the tests are skipped, saying so on stderr;
 * with {@code RADNET_REQUIRE_PYTORCH=1} they fail instead ({@link PythonWithTorch}).
 */
class PyTorchInteropTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final Path SCRIPT = Path.of("src/test/python/safetensors_interop.py");
    private static final Path MODULE = Path.of("../python/radnet_torch.py");
    private static final double TOLERANCE = 1e-12;
    /**
     * A hypernetwork's or embedding network's outputs in PyTorch against radnet's: g's weights
     * are themselves outputs of f, so two rounded passes compound; the interchange claim is 1e-10.
     */
    private static final double COMPOSITE_TOLERANCE = 1e-10;
    /**
     * F32 rounding moves each parameter by at most 2⁻²⁴ of itself; through these few O(1)
     * layers the outputs move by less than this.
     */
    private static final double F32_TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    private static String python() {
        return PythonWithTorch.require("PyTorchInteropTest");
    }

    private static Tensor inputs(int rows, int cols, long seed) {
        return EJML.fromRowMajor(rows, cols, new SplittableRandom(seed).doubles((long) rows * cols, -2.5, 2.5).toArray());
    }

    @Test
    void aModelRadnetWritesLoadsInPyTorchAndGivesTheSameOutputs() throws Exception {
        String python = python();
        RadialNetwork network = RadialNetwork.initializedWithShifts(EJML, new int[] {3, 9, 7, 4, 2},
                RadialProfiles.tanh(), 0.0, true, 21);
        EJML.copy(EJML.fromRowMajor(1, 3, new double[] {0.4, -0.3, 0.2}), network.parameters().shifts());
        Path model = dir.resolve("radnet.safetensors");
        ModelFiles.save(network, model);
        Tensor x = inputs(50, 3, 5);
        writeCsv(dir.resolve("in.csv"), x);

        PythonWithTorch.run(python, SCRIPT, "forward", model.toString(), dir.resolve("in.csv").toString(),
                dir.resolve("out.csv").toString());

        assertArrayEquals(network.forward(x).toRowMajor(), readCsv(dir.resolve("out.csv")), TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"F64", "F32"})
    void aPlainStateDictPyTorchWritesLoadsInRadnetAndGivesPyTorchsOutputs(String dtype) throws Exception {
        String python = python();
        Path model = dir.resolve("torch.safetensors");
        Tensor x = inputs(40, 3, 6);
        writeCsv(dir.resolve("in.csv"), x);

        PythonWithTorch.run(python, SCRIPT, "export", model.toString(), dtype, "3", dir.resolve("in.csv").toString(),
                dir.resolve("out.csv").toString());

        FeedForwardNetwork loaded = ModelFiles.load(model, EJML, StateDict.Kind.RADIAL, "Sigmoid");
        assertArrayEquals(new int[] {3, 8, 6, 2}, loaded.widths());
        assertTrue(loaded.parameters().hasShifts() && loaded.trainableShifts());
        assertArrayEquals(readCsv(dir.resolve("out.csv")), loaded.forward(x).toRowMajor(), TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"F64", "F32"})
    void aPyTorchSequentialMlpLoadsWithItsNativeNamesAndGivesPyTorchsOutputs(String dtype) throws Exception {
        String python = python();
        Path model = dir.resolve("sequential.safetensors");
        Tensor x = inputs(40, 3, 7);
        writeCsv(dir.resolve("in.csv"), x);

        PythonWithTorch.run(python, SCRIPT, "export-sequential", model.toString(), dtype, "4",
                dir.resolve("in.csv").toString(), dir.resolve("out.csv").toString());

        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"),
                ModelFiles.readTensors(model).tensors().stream().map(NamedTensor::name).toList());
        ModelFileException unsaid = assertThrows(ModelFileException.class, () -> ModelFiles.load(model, EJML, "tanh"));
        assertTrue(unsaid.getMessage().contains("--kind radial or --kind mlp"), unsaid.getMessage());
        FeedForwardNetwork loaded = ModelFiles.load(model, EJML, StateDict.Kind.MLP, "tanh");
        assertInstanceOf(Mlp.class, loaded);
        assertArrayEquals(new int[] {3, 7, 5, 2}, loaded.widths());
        assertArrayEquals(readCsv(dir.resolve("out.csv")), loaded.forward(x).toRowMajor(), TOLERANCE);
    }

    /** The networks the shipped module is checked on: each radial profile family, shifts trainable or fixed, MLPs. */
    private static Map<String, FeedForwardNetwork> radnetNetworks() {
        Map<String, FeedForwardNetwork> networks = new LinkedHashMap<>();
        networks.put("radial shifted-relu, trainable shifts", radialWithShifts());
        networks.put("radial squash, fixed shifts", RadialNetwork.initializedWithShifts(EJML, new int[] {3, 6, 2},
                RadialProfiles.squash(), 0.125, false, 25));
        networks.put("radial sigmoid", RadialNetwork.initialized(EJML, new int[] {3, 5, 4, 2}, RadialProfiles.sigmoid(), 27));
        networks.put("MLP elu", Mlp.initialized(EJML, new int[] {3, 8, 6, 2}, PointwiseActivations.elu(0.7), 23));
        networks.put("MLP softplus", Mlp.initialized(EJML, new int[] {3, 5, 2}, PointwiseActivations.softplus(), 24));
        return networks;
    }

    private static RadialNetwork radialWithShifts() {
        RadialNetwork network = RadialNetwork.initializedWithShifts(EJML, new int[] {3, 9, 7, 4, 2},
                RadialProfiles.byName("shifted-relu:0.25"), 0.0, true, 22);
        EJML.copy(EJML.fromRowMajor(1, 3, new double[] {0.4, -0.3, 0.2}), network.parameters().shifts());
        return network;
    }

    @ParameterizedTest
    @ValueSource(strings = {"F64", "F32"})
    void theShippedModuleLoadsRadnetFilesAndGivesRadnetsOutputs(String dtypeName) throws Exception {
        String python = python();
        Dtype dtype = Dtype.valueOf(dtypeName);
        Tensor x = inputs(60, 3, 8);
        x = EJML.fromRowMajor(61, 3, concat(new double[3], x.toRowMajor()));
        writeCsv(dir.resolve("in.csv"), x);
        Map<String, FeedForwardNetwork> networks = radnetNetworks();
        List<String> files = new ArrayList<>(List.of("forward"));
        int k = 0;
        for (FeedForwardNetwork network : networks.values()) {
            Path model = dir.resolve("radnet" + k + ".safetensors");
            ModelFiles.save(network, model, dtype);
            files.addAll(List.of(model.toString(), dir.resolve("in.csv").toString(), dir.resolve("out" + k++ + ".csv").toString()));
        }

        PythonWithTorch.run(python, MODULE, files.toArray(String[]::new));

        k = 0;
        for (Map.Entry<String, FeedForwardNetwork> e : networks.entrySet()) {
            double[] fromPython = readCsv(dir.resolve("out" + k + ".csv"));
            FeedForwardNetwork stored = ModelFiles.load(dir.resolve("radnet" + k++ + ".safetensors"), EJML, null);
            assertArrayEquals(stored.forward(x).toRowMajor(), fromPython, TOLERANCE, e.getKey() + ": the file's outputs");
            assertArrayEquals(e.getValue().forward(x).toRowMajor(), fromPython,
                    dtype == Dtype.F64 ? TOLERANCE : F32_TOLERANCE, e.getKey() + ": the saved network's outputs");
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anF32FileHoldsEachParameterRoundedToNearestAndSaysSo() {
        RadialNetwork network = radialWithShifts();
        Path model = dir.resolve("f32.safetensors");
        ModelFiles.save(network, model, Dtype.F32);
        TensorFile content = ModelFiles.readTensors(model);
        assertEquals("F32", content.metadata().get(Safetensors.DTYPE_KEY));
        assertEquals(Safetensors.F32_ROUNDING, content.metadata().get(Safetensors.ROUNDING_KEY));
        double[] exact = network.parameters().flatten();
        double[] stored = ModelFiles.load(model, EJML, null).parameters().flatten();
        boolean rounded = false;
        for (int k = 0; k < exact.length; k++) {
            assertEquals((double) (float) exact[k], stored[k], 0.0);
            rounded |= stored[k] != exact[k];
        }
        assertTrue(rounded, "some parameter is not a float, so F32 changed it");
    }

    @Test
    void hypernetworkEmbeddingAndRcnetFilesLoadInTheShippedModuleAndGiveRadnetsOutputs() throws Exception {
        String python = python();
        List<Network> networks = List.of(HypernetworkFilesTest.hyperWithBiases(EJML),
                HypernetworkFilesTest.hyperAffineGenerator(EJML), HypernetworkFilesTest.embedding(EJML),
                RepeatedCompositionNetwork.initialized(EJML, 3, new int[] {5, 4, 5}, 2, 3, PointwiseActivations.tanh(), 31),
                affineEndRcnet());
        List<String> args = new ArrayList<>(List.of("forward"));
        List<Tensor> inputs = new ArrayList<>();
        for (int k = 0; k < networks.size(); k++) {
            Path model = dir.resolve("composite" + k + ".safetensors");
            if (networks.get(k) instanceof RepeatedCompositionNetwork rcnet) {
                RcnetFiles.save(rcnet, model);
            } else {
                HypernetworkFiles.save(networks.get(k), model);
            }
            Tensor x = inputs(50, networks.get(k).inputWidth(), 30 + k);
            inputs.add(x);
            writeCsv(dir.resolve("composite-in" + k + ".csv"), x);
            args.addAll(List.of(model.toString(), dir.resolve("composite-in" + k + ".csv").toString(),
                    dir.resolve("composite-out" + k + ".csv").toString()));
        }

        PythonWithTorch.run(python, MODULE, args.toArray(String[]::new));

        for (int k = 0; k < networks.size(); k++) {
            assertArrayEquals(networks.get(k).forward(inputs.get(k)).toRowMajor(),
                    readCsv(dir.resolve("composite-out" + k + ".csv")), COMPOSITE_TOLERANCE, networks.get(k).toString());
        }
    }

    /** An RCNet whose block (relu, identity) ends affine, as the RCNet paper's constructions do. */
    private static RepeatedCompositionNetwork affineEndRcnet() {
        RepeatedCompositionNetwork seeded = RepeatedCompositionNetwork.initialized(EJML, 2, new int[] {4, 6, 4}, 1, 4,
                PointwiseActivations.relu(), 32);
        return new RepeatedCompositionNetwork(seeded.parameters(), 2, 4,
                List.of(PointwiseActivations.relu(), PointwiseActivations.identity()));
    }

    @Test
    void theShippedModulesRcnetGivesRepeatedCompositionNetworksOutputs() throws Exception {
        String python = python();
        RepeatedCompositionNetwork network = RepeatedCompositionNetwork.initialized(EJML, 2, new int[] {6, 5, 6}, 3, 4,
                PointwiseActivations.relu(), 26);
        Param p = network.parameters();
        int[] n = p.widths();
        List<NamedTensor> tensors = new ArrayList<>();
        for (int i = 1; i <= p.depth(); i++) {
            tensors.add(new NamedTensor("layers." + (i - 1) + ".weight", new int[] {n[i], n[i - 1]},
                    p.weight(i).toRowMajor()));
            tensors.add(new NamedTensor("layers." + (i - 1) + ".bias", new int[] {n[i]}, p.bias(i).toRowMajor()));
        }
        Path model = dir.resolve("rcnet.safetensors");
        Safetensors.write(model, new TensorFile(Map.of(), tensors));
        Tensor x = inputs(40, 2, 9);
        writeCsv(dir.resolve("in.csv"), x);

        PythonWithTorch.run(python, MODULE, "rcnet-forward", model.toString(), "4", "relu",
                dir.resolve("in.csv").toString(), dir.resolve("out.csv").toString());

        assertArrayEquals(network.forward(x).toRowMajor(), readCsv(dir.resolve("out.csv")), TOLERANCE);
    }
}
