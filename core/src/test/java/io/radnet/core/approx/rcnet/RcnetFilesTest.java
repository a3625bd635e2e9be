package io.radnet.core.approx.rcnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.VectorFunction;
import io.radnet.core.approx.exact.ExactCompositionNetwork;
import io.radnet.core.io.ModelFileException;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.RcnetFiles;
import io.radnet.core.io.TensorFile;
import io.radnet.core.network.Param;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RCNet model files: names, metadata, bitwise round trips, and a block with an affine end. */
class RcnetFilesTest {
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    @Test
    void theorem11RoundTripsBitwiseInSafetensorsAndJson() {
        RcnetApproximation a = RcnetConstructions.theorem11(EJML, VectorFunction.scalar(1, x -> x[0]),
                Modulus.lipschitz(1), 4, 2);
        RepeatedCompositionNetwork network = a.network();
        TensorFile content = RcnetFiles.toTensors(network);
        Map<String, String> meta = content.metadata();
        assertEquals("rcnet", meta.get("kind"));
        assertEquals("13", meta.get("compositions"));
        assertEquals("relu", meta.get("activation"));
        assertEquals("relu,relu,relu,relu,relu,identity", meta.get("block_activations"));
        assertEquals(RcnetFiles.EXACT, meta.get("weights"));
        assertEquals(List.of("input.weight", "input.bias", "block.0.weight", "block.0.bias", "block.1.weight",
                "block.1.bias", "block.2.weight", "block.2.bias", "block.3.weight", "block.3.bias", "block.4.weight",
                "block.4.bias", "block.5.weight", "block.5.bias", "output.weight", "output.bias"),
                content.tensors().stream().map(t -> t.name()).toList());
        double[] flat = network.parameters().flatten();
        for (String name : new String[] {"rc.safetensors", "rc.json"}) {
            Path file = dir.resolve(name);
            RcnetFiles.save(network, file);
            RepeatedCompositionNetwork back = RcnetFiles.load(file, EJML);
            assertArrayEquals(flat, back.parameters().flatten(), 0.0, name);
            assertEquals(13, back.repetitions());
            assertTrue(back.hasAffineEnd());
            double[][] x = {{0.1}, {0.4}, {0.9}};
            assertArrayEquals(a.evaluate(x)[1], new RcnetApproximation(back, a.certificate()).evaluate(x)[1], 0.0);
        }
    }

    @Test
    void anRcnetWithExactWeightsRoundTripsExactlyAsJsonThatSaysSo() throws Exception {
        RcnetApproximation a = RcnetConstructions.theorem11(EJML, VectorFunction.scalar(1, x -> x[0]),
                Modulus.lipschitz(1), 27, 2);
        ExactCompositionNetwork exact = a.exact();
        Path file = dir.resolve("rc-exact.json");
        RcnetFiles.saveExact(exact, file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"exact\" : \"true\""), "the file does not say it is exact");
        assertTrue(text.contains(RcnetFiles.EXACT_STRINGS));
        assertTrue(text.contains("\"block_activations\" : \"relu,relu,relu,relu,relu,identity\""));
        ExactCompositionNetwork back = RcnetFiles.loadExact(file);
        assertEquals(exact.input(), back.input());
        assertEquals(exact.output(), back.output());
        assertEquals(exact.block().layers(), back.block().layers());
        assertEquals(82, back.compositions());
        assertArrayEquals(exact.widths(), back.widths());
        // the stored bit strings: 53 binary digits, beyond a double, are among g's biases exactly
        boolean beyondDouble = false;
        for (var layer : back.block().layers()) {
            for (int row = 0; row < layer.rows(); row++) {
                beyondDouble |= !layer.bias(row).isExactDouble();
            }
        }
        assertTrue(beyondDouble, "no bias of g needs more than a double");
        double[][] x = {{0.1}, {0.5}, {0.95}};
        assertArrayEquals(exact.applyAll(x), back.applyAll(x));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RcnetFiles.saveExact(exact, dir.resolve("rc.safetensors")));
        assertTrue(e.getMessage().contains(".json"), e.getMessage());
        ModelFileException notDouble = assertThrows(ModelFileException.class, () -> RcnetFiles.load(file, EJML));
        assertTrue(notDouble.getMessage().contains("exact"), notDouble.getMessage());
    }

    @Test
    void aBlockWithAnAffineEndAppliesNoActivationAfterItsLastLayer() {
        Param p = Param.zeros(EJML, new int[] {1, 1, 2, 1, 1}, false);
        set(p, 1, new double[] {1}, new double[] {0});
        set(p, 2, new double[] {1, -1}, new double[] {0, 0});
        set(p, 3, new double[] {1, -1}, new double[] {-5});
        set(p, 4, new double[] {1}, new double[] {0});
        RepeatedCompositionNetwork affineEnd = new RepeatedCompositionNetwork(p, 2, 2,
                List.of(PointwiseActivations.relu(), PointwiseActivations.identity()));
        RepeatedCompositionNetwork reluEnd = new RepeatedCompositionNetwork(p.copy(), 2, 2, PointwiseActivations.relu());
        // g(v) = σ(v) − σ(−v) − 5 = v − 5 with an affine end, σ(v − 5) without
        try (Tensor x = EJML.fromRowMajor(1, 1, new double[] {3});
             Tensor y = affineEnd.forward(x); Tensor z = reluEnd.forward(x)) {
            assertEquals(-7.0, y.toRowMajor()[0], 0.0);
            assertEquals(0.0, z.toRowMajor()[0], 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> new RepeatedCompositionNetwork(p, 2, 2,
                List.of(PointwiseActivations.relu())));
    }

    @Test
    void aFileMissingABlockTensorIsRefusedNamingIt() throws Exception {
        RcnetApproximation a = RcnetConstructions.floorByComposition(EJML, 0.1, 3);
        Path file = dir.resolve("floor.json");
        RcnetFiles.save(a.network(), file);
        String text = Files.readString(file).replace("\"block.1.bias\"", "\"block.9.bias\"");
        Files.writeString(file, text);
        ModelFileException e = assertThrows(ModelFileException.class, () -> RcnetFiles.load(file, EJML));
        assertTrue(e.getMessage().contains("block.1.bias"), e.getMessage());
        assertTrue(RcnetFiles.isRcnet(ModelFiles.readTensors(file)));
    }

    private static void set(Param p, int layer, double[] w, double[] b) {
        try (Tensor wt = EJML.fromRowMajor(p.width(layer), p.width(layer - 1), w);
             Tensor bt = EJML.fromRowMajor(1, p.width(layer), b)) {
            EJML.copy(wt, p.weight(layer));
            EJML.copy(bt, p.bias(layer));
        }
    }
}
