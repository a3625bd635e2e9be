package io.radnet.bench;

import io.radnet.api.QrMode;
import io.radnet.api.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A = Q·R of an m × n matrix (m ≥ n), complete (Q m × m, R m × n) or economy (Q m × n,
 * R n × n), into preallocated factors. Householder QR costs 2mn² − 2n³/3 flops for R, and
 * about as much again to form the economy Q (4m²n − 2mn² + 2n³/3 for the complete Q).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class QrBenchmark {
    /** A seeded matrix and its factor buffers. */
    public static class Factorization extends BackendState {
        /** m x n: square sizes 4 … 1024 and tall shapes. */
        @Param({"4x4", "16x16", "64x64", "256x256", "1024x1024", "256x64", "1024x256"})
        public String shape;

        /** COMPLETE or ECONOMY. */
        @Param({"COMPLETE", "ECONOMY"})
        public QrMode mode;

        int m;
        int n;
        Tensor a;
        Tensor q;
        Tensor r;

        @Override
        protected void prepare() {
            String[] sides = shape.split("x");
            m = Integer.parseInt(sides[0]);
            n = Integer.parseInt(sides[1]);
            a = SeededTensors.uniform(backend(), m, n, 3);
            int k = mode == QrMode.COMPLETE ? m : n;
            q = backend().zeros(m, k);
            r = backend().zeros(k, n);
        }

        /** Factorizes A into the buffers; A is not modified. */
        void factorize() {
            backend().qr(a, mode, q, r);
        }

        @Override
        protected void verify() {
            factorize();
            // both sides canonicalise signs (R's diagonal ≥ 0), so full-rank factors are unique
            var expected = reference().qr(SeededTensors.uniform(reference(), m, n, 3), mode);
            requireAgreement("Q of " + shape, q, expected.q(), 1e-10);
            requireAgreement("R of " + shape, r, expected.r(), 1e-10);
        }
    }

    /**
     * @param factorization the seeded input and the factor buffers
     * @param sink consumes both factors
     */
    @Benchmark
    public void factorize(Factorization factorization, Blackhole sink) {
        factorization.factorize();
        sink.consume(factorization.q);
        sink.consume(factorization.r);
    }
}
