package io.radnet.core.approx.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Param;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact evaluator: agreement with the double forward pass, exact composition, what doubles cannot do. */
class ExactNetworkTest {
    private static final double RELATIVE = 1e-12;

    /** An MLP of widths (3, 7, 5, 2) whose weights, biases and inputs are multiples of 1/8 below 4: every product and sum is exact in doubles. */
    private static Mlp dyadicMlp(Backend backend, SplittableRandom random) {
        int[] widths = {3, 7, 5, 2};
        double[] values = new double[Param.zeros(backend, widths, false).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(-32, 33) / 8.0;
        }
        return new Mlp(Param.unflatten(backend, widths, false, values), PointwiseActivations.relu());
    }

    private static double[] forward(Mlp mlp, double[] x) {
        Backend b = mlp.backend();
        try (Tensor in = b.fromRowMajor(1, x.length, x); Tensor out = mlp.forward(in)) {
            return out.toRowMajor();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void agreesBitwiseWithTheDoublePathWhereDoublesAreExact(String name) {
        Backend backend = Backends.get(name);
        SplittableRandom random = new SplittableRandom(21);
        for (int trial = 0; trial < 20; trial++) {
            Mlp mlp = dyadicMlp(backend, random);
            ExactNetwork exact = ExactNetwork.fromMlp(mlp);
            assertTrue(exact.isDoubleExact());
            for (int p = 0; p < 10; p++) {
                double[] x = {random.nextInt(-32, 33) / 8.0, random.nextInt(-32, 33) / 8.0, random.nextInt(-32, 33) / 8.0};
                double[] expected = forward(mlp, x);
                Rational[] y = exact.apply(x);
                for (int r = 0; r < expected.length; r++) {
                    assertEquals(Rational.ofDouble(expected[r]), y[r], name + ": output " + r);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void agreesWithTheDoublePathToRoundingForGeneralWeights(String name) {
        Backend backend = Backends.get(name);
        Mlp mlp = Mlp.initialized(backend, new int[] {4, 16, 16, 3}, PointwiseActivations.relu(), 22);
        ExactNetwork exact = ExactNetwork.fromMlp(mlp);
        SplittableRandom random = new SplittableRandom(23);
        for (int p = 0; p < 50; p++) {
            double[] x = random.doubles(4, -2, 2).toArray();
            double[] expected = forward(mlp, x);
            Rational[] y = exact.apply(x);
            for (int r = 0; r < expected.length; r++) {
                assertEquals(expected[r], y[r].toDouble(), RELATIVE * (1 + Math.abs(expected[r])), name + ": output " + r);
            }
        }
        Mlp back = exact.toMlp(backend);
        assertTrue(java.util.Arrays.equals(mlp.parameters().flatten(), back.parameters().flatten()),
                "doubles → exact → doubles keeps every weight");
    }

    @Test
    void compositionOfAffineMapsIsExact() {
        SplittableRandom random = new SplittableRandom(24);
        ExactAffine outer = randomAffine(random, 3, 4);
        ExactAffine inner = randomAffine(random, 4, 2);
        ExactAffine composed = outer.after(inner);
        for (int p = 0; p < 20; p++) {
            Rational[] x = {Rational.of(random.nextLong(-99, 99), random.nextLong(1, 99)),
                Rational.of(random.nextLong(-99, 99), random.nextLong(1, 99))};
            assertArrayEqualsExact(outer.apply(inner.apply(x)), composed.apply(x));
        }
        assertEquals(outer, outer.after(ExactAffine.identity(4)));
        assertEquals(inner, ExactAffine.identity(4).after(inner));
    }

    private static ExactAffine randomAffine(SplittableRandom random, int rows, int cols) {
        ExactAffine.Builder builder = ExactAffine.builder(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                builder.weight(r, c, Rational.of(random.nextLong(-9, 10), random.nextLong(1, 13)));
            }
            builder.bias(r, Rational.of(random.nextLong(-9, 10), random.nextLong(1, 13)));
        }
        return builder.build();
    }

    private static void assertArrayEqualsExact(Rational[] expected, Rational[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], "entry " + i);
        }
    }

    /**
     * The tent map T(x) = 2σ(x) − 4σ(x − ½) on [0, 1] composed k times sends j/2^k to j mod 2.
     * With k = 120 the input needs 120 bits: the exact evaluator gives the parity, a double
     * cannot even hold the input.
     */
    @Test
    void composedTentMapReadsTheLastOfOneHundredTwentyBits() {
        ExactAffine split = ExactAffine.builder(2, 1)
                .weight(0, 0, Rational.ONE)
                .weight(1, 0, Rational.ONE).bias(1, Rational.of(-1, 2)).build();
        ExactAffine join = ExactAffine.builder(1, 2)
                .weight(0, 0, Rational.of(2)).weight(0, 1, Rational.of(-4)).build();
        ExactNetwork tent = ExactNetwork.of(List.of(split, join), new boolean[] {true, false});
        int k = 120;
        ExactNetwork composed = tent.repeated(k);
        assertEquals(2 * k, composed.depth());
        SplittableRandom random = new SplittableRandom(25);
        for (int trial = 0; trial < 10; trial++) {
            BigInteger j = new BigInteger(k, new java.util.Random(random.nextLong()));
            Rational x = Rational.dyadic(j, k);
            Rational expected = j.testBit(0) ? Rational.ONE : Rational.ZERO;
            assertEquals(expected, composed.apply(new Rational[] {x})[0], "T^" + k + "(" + j + "/2^" + k + ")");
        }
        ExactNetwork twice = tent.then(tent);
        assertEquals(Rational.ONE, twice.apply(new Rational[] {Rational.of(1, 4)})[0]);
        assertEquals(Rational.ZERO, twice.apply(new Rational[] {Rational.of(1, 2)})[0]);
    }

    @Test
    void exactEvaluationSeesWhatDoublesRoundAway() {
        Rational epsilon = Rational.powerOfTwo(-80);
        ExactAffine pair = ExactAffine.builder(2, 1)
                .weight(0, 0, Rational.ONE).bias(0, epsilon)
                .weight(1, 0, Rational.ONE).build();
        ExactAffine difference = ExactAffine.builder(1, 2)
                .weight(0, 0, Rational.ONE).weight(0, 1, Rational.of(-1)).build();
        ExactNetwork network = ExactNetwork.reluMlp(List.of(pair, difference));
        assertTrue(network.isDoubleExact(), "every weight, 2⁻⁸⁰ included, is a double: the rounding is in the sum");
        assertEquals(epsilon, network.apply(new double[] {1.0})[0], "σ(1 + 2⁻⁸⁰) − σ(1) = 2⁻⁸⁰");
        Mlp rounded = network.toMlp(Backends.get("ejml"));
        assertEquals(0.0, forward(rounded, new double[] {1.0})[0], "in doubles 1 + 2⁻⁸⁰ = 1");
    }

    @Test
    void badInputFailsWithAMessage() {
        ExactAffine a = ExactAffine.identity(2);
        ExactAffine b = ExactAffine.identity(3);
        assertThrows(IllegalArgumentException.class, () -> ExactNetwork.reluMlp(List.of(a, b)));
        assertThrows(IllegalArgumentException.class, () -> ExactNetwork.of(List.of(a), new boolean[2]));
        assertThrows(IllegalArgumentException.class, () -> ExactNetwork.reluMlp(new ArrayList<>()));
        assertThrows(IllegalArgumentException.class, () -> a.apply(new Rational[] {Rational.ONE}));
        assertThrows(IllegalArgumentException.class, () -> a.after(b));
        assertThrows(IllegalArgumentException.class, () -> ExactAffine.builder(0, 3));
        assertThrows(IllegalArgumentException.class, () -> ExactAffine.builder(100_000, 100_000));
        assertThrows(IllegalArgumentException.class, () -> ExactNetwork.reluMlp(List.of(a)).repeated(0));
        assertThrows(IllegalArgumentException.class,
                () -> ExactNetwork.of(List.of(a), new boolean[] {true}).toMlp(Backends.get("ejml")));
        Mlp tanh = Mlp.initialized(Backends.get("ejml"), new int[] {2, 3, 1}, PointwiseActivations.tanh(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExactNetwork.fromMlp(tanh));
        assertTrue(e.getMessage().contains("tanh"), e.getMessage());
    }
}
