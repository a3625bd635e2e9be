package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.api.Workload;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.io.AtomicFiles;
import io.radnet.core.io.Dtype;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.RadialNetwork;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code radnet compress}: QR-compress (Algorithm 1 of the radial paper) a radial network and
 * save the reduced network. It reports the widths and parameter counts before and after and
 * checks Theorem 5 on N probe inputs drawn uniformly (seeded) from [−3, 3]^{n₀}: the largest
 * |F(x) − F_red(x)| over every probe and output. A model whose intermediate values or outputs
 * overflow double precision is an error naming the file and the layer or the first non-finite
 * output; nothing is written then.
 */
@Command(name = "compress", description = {
    "QR-compresses a radial network into a smaller one, losslessly.",
    "Saves the reduced network, which computes the same function (--check measures it)."})
public final class CompressCommand implements Callable<Integer> {
    /** Probe inputs are drawn uniformly from [−PROBE_RANGE, PROBE_RANGE]^{n₀}. */
    static final double PROBE_RANGE = 3.0;
    /** The most probe inputs {@code --check} takes. */
    static final int MAX_PROBES = 1_000_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelInput input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "The reduced model file to write: .safetensors or .json.")
    private Path output;

    @Option(names = "--check", paramLabel = "N", defaultValue = "1000",
            description = "Compare F and F_red on N random inputs from [−3, 3]^n₀, 1 ≤ N ≤ 1000000 (default: "
                    + "${DEFAULT-VALUE}).")
    private int probes;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "The seed of the probe inputs (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--json", description = "Print {\"widths\", \"reducedWidths\", \"parameters\", "
            + "\"reducedParameters\", \"maxAbsDiff\"}.")
    private boolean json;

    @Mixin
    private ModelDtype dtype;

    /** Creates the command; picocli instantiates it. */
    public CompressCommand() {
    }

    @Override
    public Integer call() {
        if (probes < 1 || probes > MAX_PROBES) {
            throw new ParameterException(spec.commandLine(), "--check must be between 1 and " + MAX_PROBES + ", got "
                    + probes);
        }
        new CommandFiles(spec.commandLine()).input("model", input.model)
                .output("-o", output, CommandFiles.Kind.MODEL).check();
        Dtype stored = dtype.dtype(spec.commandLine(), output);
        Backend backend = input.backendFor(Workload.qrCompression(input.widths()));
        FeedForwardNetwork loaded = input.load(backend);
        // The backend holds its own copy of the parameters: the file's 8 bytes per parameter can go.
        input.releaseContent();
        if (!(loaded instanceof RadialNetwork network)) {
            throw new IllegalArgumentException("QR-compress needs a radial network (its losslessness rests on radial "
                    + "activations commuting with orthogonal maps); got " + loaded);
        }
        requireProbesFit(network);
        CompressedNetwork compressed;
        try {
            compressed = QrCompression.compress(network);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(input.model + ": " + e.getMessage(), e);
        }
        // The reduced file is written while the check runs, and replaces OUT only once the check
        // has passed. The writer only reads the reduced network's tensors into bytes, in Java; the
        // check's products stay on this thread, since a backend's native library need not be safe
        // for two threads computing at once (jblas's OpenBLAS is not: JblasBackend).
        BackgroundTask<AtomicFiles.Prepared> saving = BackgroundTask.start("radnet-compress-save",
                () -> ModelFiles.prepareSave(compressed.network(), output, stored));
        double maxAbsDiff;
        try (ProbeOutputs check = probeOutputs(backend, network)) {
            maxAbsDiff = checkedDifference(check, compressed.network());
        } catch (RuntimeException | Error e) {
            saving.discard(AtomicFiles.Prepared::close);
            throw e;
        }
        try (AtomicFiles.Prepared prepared = saving.join()) {
            prepared.commit();
        }
        int parameters = network.parameters().size();
        int reducedParameters = compressed.network().parameters().size();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JsonOutput.object();
            JsonOutput.ints(root, "widths", compressed.originalWidths());
            JsonOutput.ints(root, "reducedWidths", compressed.reducedWidths());
            root.put("parameters", parameters);
            root.put("reducedParameters", reducedParameters);
            root.put("maxAbsDiff", maxAbsDiff);
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        out.printf("wrote %s: QR-compressed %s%n", output, input.model);
        out.printf("widths      %s → %s%s%n", Arrays.toString(compressed.originalWidths()),
                Arrays.toString(compressed.reducedWidths()), compressed.reduced() ? "" : " (already reduced)");
        out.printf("parameters  %d → %d%n", parameters, reducedParameters);
        out.printf("max |F − F_red| on %d random inputs in [−3, 3]^%d: %.3e%n", probes, network.inputWidth(), maxAbsDiff);
        out.flush();
        return ExitCode.OK;
    }

    /**
     * Refuses a {@code --check} whose probes and the layer outputs of both networks on them,
     * 8·N·(n₀ + 2·Σ_{i≥1} n_i) bytes, twice over for temporaries, would not fit in the heap.
     */
    private void requireProbesFit(RadialNetwork network) {
        long columns = 0;
        for (int w : network.widths()) {
            columns += 2L * w;
        }
        HeapBudget.require(HeapBudget.saturatedProduct(16L * probes, columns), "--check " + probes + " on widths "
                + Arrays.toString(network.widths()));
    }

    /**
     * @param backend the backend of the network
     * @param network the original network F
     * @return the seeded probes x and F(x)
     */
    private ProbeOutputs probeOutputs(Backend backend, FeedForwardNetwork network) {
        Tensor x = probes(backend, probes, network.inputWidth(), seed);
        try {
            return new ProbeOutputs(x, network.forward(x));
        } catch (RuntimeException | Error e) {
            x.close();
            throw e;
        }
    }

    /**
     * Theorem 5's check: max |F(x) − F_red(x)| over the probes and outputs.
     *
     * @param check the probes and F(x)
     * @param reduced the compressed network
     * @return the largest difference, finite
     * @throws IllegalArgumentException naming the first non-finite output of either network, or
     *     the difference when only that overflows
     */
    private double checkedDifference(ProbeOutputs check, FeedForwardNetwork reduced) {
        try (Tensor reducedOutputs = reduced.forward(check.probes())) {
            CompressionCheck.OutputDifference difference = CompressionCheck.outputDifference(check.outputs(),
                    reducedOutputs);
            double maxAbsDiff = difference.max();
            if (!Double.isFinite(maxAbsDiff) || !Double.isFinite(difference.mean())) {
                FiniteOutputs.require(check.outputs(), "the outputs of " + input.model + " on the --check inputs");
                FiniteOutputs.require(reducedOutputs, "the outputs of the compressed " + input.model
                        + " on the --check inputs");
                FiniteOutputs.require(Double.isFinite(maxAbsDiff) ? difference.mean() : maxAbsDiff,
                        "|F − F_red| of " + input.model + " on the --check inputs");
            }
            return maxAbsDiff;
        }
    }

    /**
     * The probes x and the original network's outputs F(x); closing closes both.
     *
     * @param probes count × n₀
     * @param outputs count × n_L
     */
    private record ProbeOutputs(Tensor probes, Tensor outputs) implements AutoCloseable {
        @Override
        public void close() {
            try (Tensor x = probes) {
                outputs.close();
            }
        }
    }

    /**
     * @return count × width probes, row-major, the first count · width values of
     *     {@code new SplittableRandom(seed).doubles(−PROBE_RANGE, PROBE_RANGE)}
     */
    static Tensor probes(Backend backend, int count, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[Math.multiplyExact(count, width)];
        for (int k = 0; k < values.length; k++) {
            values[k] = random.nextDouble(-PROBE_RANGE, PROBE_RANGE);
        }
        return backend.fromRowMajor(count, width, values);
    }
}
