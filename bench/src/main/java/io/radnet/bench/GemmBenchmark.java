package io.radnet.bench;

import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * C ← A·B for square n × n operands: the roofline reference. One product costs 2n³ flops; the
 * report turns the time per product into GFLOP/s and sets it beside the machine's peak.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {
    /** Seeded n × n operands and a result buffer. */
    public static class Operands extends BackendState {
        /** n, the side of A, B and C. */
        @Param({"4", "16", "64", "256", "1024"})
        public int size;

        Tensor a;
        Tensor b;
        Tensor c;

        @Override
        protected void prepare() {
            a = SeededTensors.uniform(backend(), size, size, 1);
            b = SeededTensors.uniform(backend(), size, size, 2);
            c = backend().zeros(size, size);
        }

        /** @return C ← A·B */
        Tensor multiply() {
            backend().gemm(1, a, Transpose.NONE, b, Transpose.NONE, 0, c);
            return c;
        }

        @Override
        protected void verify() {
            multiply();
            Tensor expected = reference().matmul(
                    SeededTensors.uniform(reference(), size, size, 1), SeededTensors.uniform(reference(), size, size, 2));
            requireAgreement("A·B", c, expected, 1e-12);
        }
    }

    /**
     * @param operands the seeded operands; C is overwritten (β = 0), A and B are not modified
     * @return C, so the product is consumed
     */
    @Benchmark
    public Tensor product(Operands operands) {
        return operands.multiply();
    }
}
