package io.radnet.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.bench.Tools;
import io.radnet.bench.gate.BenchmarkResult;
import io.radnet.bench.gate.JmhResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The side-by-side ratios of the networks issue: one full-batch gradient-descent epoch of the
 * experiment-3 networks in radnet (double precision, one thread; the
 * {@code TrainingStepBenchmark.radialExperiment3} rows of a JMH run) over PyTorch's epoch
 * (float32, one thread; the JSON of {@code ../shared/anchors/pytorch_epoch.py --json}).
 *
 * <p>Targets: the full network on the fastest backend at most {@value #FULL_TARGET}× PyTorch's
 * time, the reduced network on the default backend ({@code ejml}) at most
 * {@value #REDUCED_TARGET}×. The full network trains as {@code RadialNetwork} chooses (the
 * subspace pass for this batch); rows of the {@code full-dense} network, the same network with
 * every layer at full width as PyTorch computes it, are shown against the same anchor without a
 * target. Exits 0 when both hold, 1 when one does not, 2 on unusable input.
 */
@Command(name = "side-by-side", mixinStandardHelpOptions = true,
        description = "Ratios radnet/PyTorch of experiment-3 epoch times, measured in one go.")
public final class SideBySide implements Callable<Integer> {
    /** Largest accepted ratio for the full network (fastest backend). */
    public static final double FULL_TARGET = 0.6;
    /** Largest accepted ratio for the reduced network (default backend). */
    public static final double REDUCED_TARGET = 0.5;
    private static final String DEFAULT_BACKEND = "ejml";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--pytorch", required = true, description = "The JSON of pytorch_epoch.py --json.")
    private Path pytorch;

    @Option(names = "--jmh", required = true, description = "JMH JSON with TrainingStepBenchmark.radialExperiment3 rows.")
    private Path jmh;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(Tools.execute("side-by-side", new SideBySide(), args));
    }

    @Override
    public Integer call() {
        JsonNode torch;
        try {
            torch = new ObjectMapper().readTree(Files.readString(pytorch));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pytorch + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean met = report(JmhResults.read(jmh), torch, out);
        out.flush();
        return met ? 0 : 1;
    }

    /**
     * Prints one row per network and backend and a verdict per target.
     *
     * @param rows the JMH rows (others than radialExperiment3 with threads=1 are ignored)
     * @param torch the anchor's JSON: {"threads", "torch", "msPerEpoch": {"full-float32", …}}
     * @param out where the table goes
     * @return whether both targets hold
     */
    static boolean report(List<BenchmarkResult> rows, JsonNode torch, PrintWriter out) {
        JsonNode ms = torch.path("msPerEpoch");
        out.printf(Locale.ROOT, "experiment-3 epoch (14,641 samples, full-batch GD): radnet double, 1 thread, over PyTorch %s"
                + " (%s thread(s))%n", torch.path("torch").asText("?"), torch.path("threads").asText("?"));
        out.printf(Locale.ROOT, "%-10s %-7s %12s %14s %14s %10s %10s%n", "network", "backend", "radnet ms",
                "PyTorch f32 ms", "PyTorch f64 ms", "vs f32", "vs f64");
        boolean met = true;
        for (String network : List.of("full", "full-dense", "reduced")) {
            String anchorNetwork = network.equals("full-dense") ? "full" : network;
            double f32 = anchor(ms, anchorNetwork + "-float32");
            double f64 = anchor(ms, anchorNetwork + "-float64");
            double best = Double.POSITIVE_INFINITY;
            String bestBackend = null;
            double defaultRatio = Double.NaN;
            for (BenchmarkResult row : rows) {
                if (!row.benchmark().endsWith("TrainingStepBenchmark.radialExperiment3")
                        || !network.equals(row.params().get("network")) || !"1".equals(row.params().get("threads"))) {
                    continue;
                }
                double radnet = row.secondsPerOperation() * 1e3;
                String backend = row.params().get("backend");
                out.printf(Locale.ROOT, "%-10s %-7s %12.3f %14.3f %14.3f %9.2f× %9.2f×%n", network, backend, radnet, f32,
                        f64, radnet / f32, radnet / f64);
                if (radnet < best) {
                    best = radnet;
                    bestBackend = backend;
                }
                if (DEFAULT_BACKEND.equals(backend)) {
                    defaultRatio = radnet / f32;
                }
            }
            if (network.equals("full-dense")) {
                if (bestBackend != null) {
                    out.printf(Locale.ROOT, "full-dense (every layer at full width, as PyTorch computes it; no target):"
                            + " fastest backend (%s) %.2f× vs float32%n", bestBackend, best / f32);
                }
                continue;
            }
            if (bestBackend == null) {
                throw new IllegalArgumentException("the JMH results have no single-threaded radialExperiment3 row for the "
                        + network + " network");
            }
            boolean full = network.equals("full");
            double ratio = full ? best / f32 : defaultRatio;
            double target = full ? FULL_TARGET : REDUCED_TARGET;
            String who = full ? "fastest backend (" + bestBackend + ")" : "default backend (" + DEFAULT_BACKEND + ")";
            boolean holds = ratio <= target;
            met &= holds;
            out.printf(Locale.ROOT, "target %-7s on the %s: %s vs float32 ≤ %.1f× — %s%n", network, who,
                    Double.isNaN(ratio) ? "not measured" : String.format(Locale.ROOT, "%.2f×", ratio), target,
                    holds ? "met" : "NOT met");
        }
        return met;
    }

    private static double anchor(JsonNode ms, String key) {
        JsonNode value = ms.get(key);
        if (value == null || !value.isNumber() || !(value.asDouble() > 0)) {
            throw new IllegalArgumentException("the PyTorch results have no positive msPerEpoch." + key);
        }
        return value.asDouble();
    }
}
