package io.radnet.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The regression gate's yardstick: a fixed, backend-free, single-threaded workload (a plain
 * Java 96 × 96 matrix product, i-k-j loop order) whose speed follows the machine's speed at the
 * moment of the run. The gate divides every benchmark's score by this one's from the same run,
 * so a machine that is slower today (shared cores, another build running) shifts both alike.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CalibrationBenchmark {
    private static final int N = 96;

    /** Seeded row-major operands. */
    @State(Scope.Benchmark)
    public static class Operands {
        final double[] a = new double[N * N];
        final double[] b = new double[N * N];

        /** Fills the operands from a fixed seed. */
        @Setup
        public void fill() {
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < N * N; i++) {
                a[i] = random.nextDouble();
                b[i] = random.nextDouble();
            }
        }
    }

    /**
     * @param operands A and B
     * @return C = A·B, a fresh array
     */
    @Benchmark
    public double[] javaMatrixProduct(Operands operands) {
        double[] a = operands.a;
        double[] b = operands.b;
        double[] c = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < N; k++) {
                double aik = a[i * N + k];
                for (int j = 0; j < N; j++) {
                    c[i * N + j] += aik * b[k * N + j];
                }
            }
        }
        return c;
    }
}
