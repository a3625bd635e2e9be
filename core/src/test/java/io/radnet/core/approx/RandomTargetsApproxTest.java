package io.radnet.core.approx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random targets f(x) = Σ_k a_k·sin(⟨w_k, x⟩ + φ_k) (Lipschitz constant Σ|a_k|·|w_k|) on
 * random boxes with random ε: every construction meets its certified bound on a grid and at
 * random points of K.
 */
class RandomTargetsApproxTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void everyConstructionMeetsItsBoundForSeededRandomTargets(String name) {
        Backend b = Backends.get(name);
        for (long seed = 1; seed <= 6; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int n = 1 + (int) (seed % 2);
            int terms = 3;
            double[][] w = new double[terms][n];
            double[] amplitude = new double[terms];
            double[] phase = new double[terms];
            double lipschitz = 0;
            for (int k = 0; k < terms; k++) {
                double norm = 0;
                for (int j = 0; j < n; j++) {
                    w[k][j] = random.nextDouble(-3, 3);
                    norm += w[k][j] * w[k][j];
                }
                amplitude[k] = random.nextDouble(-1, 1);
                phase[k] = random.nextDouble(0, 2 * Math.PI);
                lipschitz += Math.abs(amplitude[k]) * Math.sqrt(norm);
            }
            VectorFunction f = VectorFunction.scalar(n, x -> {
                double sum = 0;
                for (int k = 0; k < terms; k++) {
                    double dot = phase[k];
                    for (int j = 0; j < n; j++) {
                        dot += w[k][j] * x[j];
                    }
                    sum += amplitude[k] * Math.sin(dot);
                }
                return sum;
            });
            double[] lower = new double[n];
            double[] upper = new double[n];
            for (int j = 0; j < n; j++) {
                lower[j] = random.nextDouble(-5, 5);
                upper[j] = lower[j] + random.nextDouble(0.5, 2);
            }
            BoxDomain box = new BoxDomain(lower, upper);
            double epsilon = lipschitz * random.nextDouble(0.05, 0.2) * (n == 1 ? 0.3 : 1);
            double[][] points = box.grid(n == 1 ? 4001 : 61);
            String what = "seed " + seed + ", n = " + n + ", R = " + lipschitz + ", ε = " + epsilon + ", K = " + box;
            AffineMap zero = AffineMap.zero(n, 1);
            Modulus omega = Modulus.lipschitz(lipschitz);
            for (Approximation<?> a : new Approximation<?>[] {StepReluBallCover.build(b, f, box, omega, epsilon, zero),
                    BoundedWidthApproximation.build(b, f, box, omega, epsilon, zero),
                    BoundedWidthApproximation.buildOnCompact(b, f, box, omega, epsilon),
                    IntrinsicParameterNetwork.build(b, f, box, omega, 4 / n)}) {
                double bound = a.certificate().bound();
                double[][] guaranteed = java.util.Arrays.stream(points).filter(a.certificate()::isGuaranteedAt)
                        .toArray(double[][]::new);
                double error = a.maxError(f, guaranteed);
                assertTrue(error <= bound, what + ", " + a.certificate().construction() + ": " + error + " > " + bound);
                assertTrue(a.certificate().balls() == 0 || bound < epsilon, what + ": bound below ε");
            }
        }
    }
}
