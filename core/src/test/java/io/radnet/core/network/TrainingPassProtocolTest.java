package io.radnet.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.RadialNetwork.Backprop;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every training pass — layer by layer, fused, subspace, and those of the networks built from
 * other networks — follows one protocol and reports a bad call with the same message.
 */
class TrainingPassProtocolTest {
    /** Large enough for EJML's fused kernel. */
    private static final int BATCH = 256;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void everyPassRefusesBadUseWithTheSameMessages(String name) {
        Backend b = Backends.get(name);
        RadialNetwork radial = RadialNetwork.initialized(b, new int[] {2, 8, 8, 2}, RadialProfiles.squash(), 1);
        Map<String, Network> networks = new LinkedHashMap<>();
        Map<String, IntFunction<TrainingPass>> passes = new LinkedHashMap<>();
        Mlp mlp = Mlp.initialized(b, new int[] {2, 5, 2}, PointwiseActivations.tanh(), 2);
        networks.put("layer by layer", mlp);
        passes.put("layer by layer", mlp::trainingPass);
        networks.put("dense radial", radial);
        passes.put("dense radial", batch -> radial.trainingPass(batch, Backprop.DENSE));
        if (name.equals("ejml")) {
            assertTrue(radial.trainingPass(BATCH, Backprop.DENSE) instanceof FusedRadialPass, "EJML runs the fused pass");
        }
        networks.put("subspace", radial);
        passes.put("subspace", batch -> radial.trainingPass(batch, Backprop.SUBSPACE));
        RepeatedCompositionNetwork rc = RepeatedCompositionNetwork.initialized(b, 2, new int[] {4, 4}, 2, 2,
                PointwiseActivations.relu(), 3);
        networks.put("repeated composition", rc);
        passes.put("repeated composition", rc::trainingPass);
        EmbeddingNetwork embedding = new EmbeddingNetwork(1, Mlp.initialized(b, new int[] {1, 3, 2},
                PointwiseActivations.relu(), 4), Mlp.initialized(b, new int[] {3, 4, 2}, PointwiseActivations.relu(), 5));
        networks.put("embedding", embedding);
        passes.put("embedding", embedding::trainingPass);
        PrimaryArchitecture primary = PrimaryArchitecture.of(new int[] {1, 3, 2}, PointwiseActivations.relu(), true);
        HyperNetwork hyper = new HyperNetwork(Mlp.initialized(b, new int[] {1, 4, primary.parameterCount()},
                PointwiseActivations.tanh(), 6), primary);
        networks.put("hypernetwork", hyper);
        passes.put("hypernetwork", hyper::trainingPass);

        for (String kind : networks.keySet()) {
            Network network = networks.get(kind);
            TrainingPass pass = passes.get(kind).apply(BATCH);
            int in = network.inputWidth();
            int out = network.outputWidth();
            ParameterVector gradient = network.parameters().zerosLike();
            IllegalStateException early = assertThrows(IllegalStateException.class,
                    () -> pass.backward(b.zeros(BATCH, out), gradient), kind);
            assertEquals("backward needs a forward pass first", early.getMessage(), kind);
            Tensor shortBatch = b.zeros(BATCH - 1, in);
            ShapeMismatchException rows = assertThrows(ShapeMismatchException.class, () -> pass.forward(shortBatch), kind);
            assertEquals("forward: this training pass is for batches of " + BATCH + " rows but the input is "
                    + shortBatch.shape(), rows.getMessage(), kind);
            ShapeMismatchException columns = assertThrows(ShapeMismatchException.class,
                    () -> pass.forward(b.zeros(BATCH, in + 1)), kind);
            assertTrue(columns.getMessage().startsWith("forward: the input is "), kind + ": " + columns.getMessage());
            pass.forward(b.zeros(BATCH, in));
            Tensor wrongOutput = b.zeros(BATCH, out + 1);
            ShapeMismatchException dOutput = assertThrows(ShapeMismatchException.class,
                    () -> pass.backward(wrongOutput, gradient), kind);
            assertEquals("backward: dOutput must be " + BATCH + "x" + out + " but is " + wrongOutput.shape(),
                    dOutput.getMessage(), kind);
            Tensor wrongInput = b.zeros(BATCH, in + 1);
            ShapeMismatchException dInput = assertThrows(ShapeMismatchException.class,
                    () -> pass.backwardAccumulating(b.zeros(BATCH, out), gradient, wrongInput), kind);
            assertEquals("backward: dInput must be " + BATCH + "x" + in + " but is " + wrongInput.shape(),
                    dInput.getMessage(), kind);
            ParameterVector other = Param.zeros(b, new int[] {in, 1, out}, false);
            IllegalArgumentException space = assertThrows(IllegalArgumentException.class,
                    () -> pass.backward(b.zeros(BATCH, out), other), kind);
            assertTrue(space.getMessage().startsWith("backward: Param(") && space.getMessage().endsWith("are different spaces"),
                    kind + ": " + space.getMessage());
            pass.backward(b.zeros(BATCH, out), gradient);
            assertEquals(0.0, gradient.norm(), 0.0, kind + ": a zero dOutput back-propagates to a zero gradient");

            SplittableRandom random = new SplittableRandom(31);
            Tensor x = PassChecks.uniform(b, random, BATCH, in);
            Tensor target = PassChecks.uniform(b, random, BATCH, out);
            MeanSquaredError loss = new MeanSquaredError();
            Tensor dOutput2 = b.zeros(BATCH, out);
            double value = loss.valueAndGradient(pass.forward(x), target, dOutput2);
            pass.backward(dOutput2, gradient);
            Tensor oneCallDOutput = b.filled(BATCH, out, Double.NaN);
            ParameterVector oneCallGradient = network.parameters().zerosLike();
            assertEquals(value, pass.forwardLossBackward(x, loss, target, oneCallDOutput, oneCallGradient), 0.0,
                    kind + ": the one-call step's loss");
            assertArrayEquals(dOutput2.toRowMajor(), oneCallDOutput.toRowMajor(), 0.0, kind + ": its ∂L/∂F");
            assertArrayEquals(gradient.flatten(), oneCallGradient.flatten(), 0.0, kind + ": its gradient");
            IllegalStateException after = assertThrows(IllegalStateException.class,
                    () -> pass.backward(oneCallDOutput, oneCallGradient), kind);
            assertEquals("backward needs a forward pass first", after.getMessage(), kind);
            ShapeMismatchException oneCallRows = assertThrows(ShapeMismatchException.class,
                    () -> pass.forwardLossBackward(shortBatch, loss, target, oneCallDOutput, oneCallGradient), kind);
            assertEquals(rows.getMessage(), oneCallRows.getMessage(), kind);
        }
    }
}
