package io.radnet.bench;

import io.radnet.api.Backend;
import io.radnet.api.Workload;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.RadialNetwork;
import java.util.Arrays;
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
 * QR-compress (Algorithm 1 of the radial paper, the compression-only path of
 * {@link QrCompression#compress}) of seeded radial networks: the experiment-3 network, the
 * three large networks of the compression issue, and (784, w, w, w, 10) for growing w, whose
 * times follow the cost Σ n_i (n^red_{i−1})² + n_{i+1} n_i n^red_i
 ({@link io.radnet.bench.report.CompressionCost}).
 *
 * <p>The paper's reference implementation forms every complete Q and takes 6.5 s, 13.6 s and
 * 30.5 s on this machine for the three large networks (single-threaded).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class QrCompressBenchmark {
    /** A seeded radial network with a radial-sigmoid activation. */
    public static class Network extends BackendState {
        /** The widths n₀-n₁-…-n_L. */
        @Param({"2-16-64-128-16-2", "784-256-256-256-10", "784-512-512-512-10", "784-1024-1024-1024-10",
                "784-2048-2048-2048-10", "64-4096-4096-4096-10"})
        public String widths;

        RadialNetwork network;

        /**
         * @param widths n₀-n₁-…-n_L
         * @return the widths as numbers
         */
        public static int[] parseWidths(String widths) {
            return Arrays.stream(widths.split("-")).mapToInt(Integer::parseInt).toArray();
        }

        private static RadialNetwork seeded(Backend backend, int[] widths) {
            return RadialNetwork.initialized(backend, widths, RadialProfiles.sigmoid(), 7);
        }

        @Override
        protected Workload workload() {
            return Workload.qrCompression(parseWidths(widths));
        }

        @Override
        protected void prepare() {
            network = seeded(backend(), parseWidths(widths));
        }

        /** @return the compressed network; the seeded network is not modified */
        CompressedNetwork compress() {
            return QrCompression.compress(network);
        }

        @Override
        protected void verify() {
            CompressedNetwork compressed = compress();
            var probes = SeededTensors.uniform(backend(), 64, network.inputWidth(), 11);
            var difference = CompressionCheck.outputDifference(network, compressed.network(), probes);
            if (!(difference.max() <= 1e-10)) {
                throw new IllegalStateException("QR-compress of " + widths + " on " + backend
                        + " is not lossless: max |F − F_red| = " + difference.max());
            }
            CompressedNetwork expected = QrCompression.compress(seeded(reference(), network.widths()));
            var actualTensors = compressed.network().parameters().tensors();
            var expectedTensors = expected.network().parameters().tensors();
            for (int i = 0; i < actualTensors.size(); i++) {
                requireAgreement("reduced parameter tensor " + i + " of " + widths, actualTensors.get(i),
                        expectedTensors.get(i), 1e-9);
            }
        }
    }

    /**
     * @param network the seeded network
     * @return the compressed network
     */
    @Benchmark
    public CompressedNetwork compress(Network network) {
        return network.compress();
    }
}
