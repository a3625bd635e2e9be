package io.radnet.bench.gate;

import io.radnet.bench.Tools;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -cp bench/target/benchmarks.jar io.radnet.bench.gate.GateCommand --baseline B
 * --current C}: prints the gate's table; exits 0 when it passes, 1 when a benchmark got slower
 * or went missing, 2 on unusable input (a missing file, no calibration benchmark).
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Compares JMH JSON results with a baseline through ratios to a calibration benchmark of the same run.")
public final class GateCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--baseline", required = true, description = "The committed baseline (JMH JSON).")
    private Path baseline;

    @Option(names = "--current", required = true, description = "The run to judge (JMH JSON).")
    private Path current;

    @Option(names = "--threshold", defaultValue = "0.30",
            description = "Largest accepted relative worsening of a ratio (default: ${DEFAULT-VALUE}, i.e. 30%%).")
    private double threshold;

    @Option(names = "--calibration", defaultValue = RegressionGate.DEFAULT_CALIBRATION,
            description = "The calibration benchmark (default: ${DEFAULT-VALUE}).")
    private String calibration;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * @param out where the table goes
     * @param err where a one-line reason goes on unusable input
     * @param args the command line
     * @return the exit code: 0 passed, 1 failed, 2 unusable input
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Tools.commandLine("gate", new GateCommand()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() {
        RegressionGate.Verdict verdict = new RegressionGate(calibration, threshold)
                .compare(JmhResults.read(baseline), JmhResults.read(current));
        PrintWriter out = spec.commandLine().getOut();
        out.print(verdict.table());
        out.flush();
        return verdict.passed() ? 0 : 1;
    }
}
