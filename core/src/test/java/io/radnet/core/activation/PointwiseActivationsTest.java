package io.radnet.core.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.PointwiseActivation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pointwise activations: formulas, derivatives against central differences, stable extremes. */
class PointwiseActivationsTest {
    private static final List<PointwiseActivation> ALL = List.of(PointwiseActivations.relu(),
            PointwiseActivations.leakyRelu(0.1), PointwiseActivations.sigmoid(), PointwiseActivations.tanh(),
            PointwiseActivations.elu(0.7), PointwiseActivations.softplus(), PointwiseActivations.identity());

    @Test
    void derivativesMatchCentralDifferencesAwayFromKinks() {
        for (PointwiseActivation sigma : ALL) {
            for (double x : new double[] {-3.1, -0.4, 0.3, 2.2, 25.0}) {
                double h = 1e-6;
                double numeric = (sigma.apply(x + h) - sigma.apply(x - h)) / (2 * h);
                assertEquals(numeric, sigma.derivative(x), 1e-8 * Math.max(1, Math.abs(numeric)), sigma + " at " + x);
            }
        }
    }

    @Test
    void valuesFollowTheirDefinitionsAndStayFiniteAtExtremes() {
        assertEquals(0.0, PointwiseActivations.relu().apply(-2), 0.0);
        assertEquals(0.0, PointwiseActivations.relu().derivative(0.0), 0.0, "σ′(0) = 0 for ReLU");
        assertEquals(-0.2, PointwiseActivations.leakyRelu(0.1).apply(-2), 1e-16);
        assertEquals(0.7 * Math.expm1(-1), PointwiseActivations.elu(0.7).apply(-1), 1e-16);
        assertEquals(Math.log(2), PointwiseActivations.softplus().apply(0), 1e-16);
        assertEquals(1000.0, PointwiseActivations.softplus().apply(1000.0), 0.0, "softplus does not overflow");
        assertEquals(0.0, PointwiseActivations.sigmoid().apply(-1000.0), 0.0);
        assertTrue(Double.isFinite(PointwiseActivations.sigmoid().derivative(-1000.0)));
        assertEquals("leaky-relu:0.2", PointwiseActivations.byName("Leaky-ReLU:0.2").toString());
        assertEquals("elu:1.0", PointwiseActivations.byName("elu").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PointwiseActivations.byName("gelu"));
        assertTrue(e.getMessage().contains("relu, leaky-relu:A"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PointwiseActivations.elu(Double.POSITIVE_INFINITY));
    }
}
