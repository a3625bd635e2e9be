package io.radnet.core.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.PointwiseActivation;
import io.radnet.api.RadialProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every radial profile and pointwise activation gives a finite value and derivative at huge
 * finite arguments (where a naive r²/(r² + 1) is ∞/∞ = NaN), and squash keeps its bits where
 * r² is finite.
 */
class HugeFiniteInputsTest {
    private static final double[] HUGE = {1e154, 1.4e154, 1e200, -1e200, Double.MAX_VALUE, -Double.MAX_VALUE};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"step-relu", "squash", "relu", "shifted-relu:0.5", "sigmoid", "tanh"})
    void radialProfilesAreFiniteAtHugeFiniteRadii(String name) {
        RadialProfile profile = RadialProfiles.byName(name);
        for (double r : HUGE) {
            if (r < 0 && !name.equals("squash")) {
                continue;
            }
            double value = profile.value(r);
            assertTrue(Double.isFinite(value), name + "(" + r + ") = " + value);
            assertTrue(Double.isFinite(profile.derivative(r)), name + "'(" + r + ") = " + profile.derivative(r));
            assertTrue(Double.isFinite(profile.derivative(r, value)), name + "'(" + r + ", h) = "
                    + profile.derivative(r, value));
        }
    }

    @Test
    void squashIsOneWhereTheSquareOverflowsAndKeepsItsBitsElsewhere() {
        RadialProfile squash = RadialProfiles.squash();
        assertEquals(1.0, squash.value(1e154 * 2));
        assertEquals(1.0, squash.value(Double.MAX_VALUE));
        assertEquals(0.0, squash.derivative(1e200));
        for (double r : new double[] {0.0, 1e-200, 0.3, 1.0, 2.0, 7.25, 1e8, 1e150, 1.3e154}) {
            assertEquals(r * r / (r * r + 1.0), squash.value(r), "squash(" + r + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"relu", "leaky-relu", "sigmoid", "tanh", "elu", "softplus", "identity"})
    void pointwiseActivationsAreFiniteAtHugeFiniteArguments(String name) {
        PointwiseActivation activation = PointwiseActivations.byName(name);
        for (double x : HUGE) {
            assertTrue(Double.isFinite(activation.apply(x)), name + "(" + x + ") = " + activation.apply(x));
            assertTrue(Double.isFinite(activation.derivative(x)), name + "'(" + x + ") = " + activation.derivative(x));
        }
    }
}
