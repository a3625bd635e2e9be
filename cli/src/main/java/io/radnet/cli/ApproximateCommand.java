package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.approx.AffineMap;
import io.radnet.core.approx.Approximation;
import io.radnet.core.approx.BoundedWidthApproximation;
import io.radnet.core.approx.BoxDomain;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.StepReluBallCover;
import io.radnet.core.approx.VectorFunction;
import io.radnet.core.io.ModelFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code radnet approximate}: builds a network that provably approximates a formula on a box
 * (the constructions of {@link io.radnet.core.approx}) and reports its sizes, the certified
 * bound and the error measured on a grid of the box and at points far outside it, as text or,
 * with {@code --json}, one JSON object ({@link ApproximationReport}). {@code --plot} writes f
 * and F (one variable) or the error heat map (two variables) as a PNG, SVG or PDF chart. {@code -o MODEL} saves
 * the constructed network as a model file ({@link ModelFiles}: {@code .safetensors} or
 * {@code .json}), which {@code radnet info}, {@code eval}, {@code compress} and {@code train}
 * read like any other; the certificate is not stored in it. The extension is checked before
 * anything is built, and the model is written last and atomically, so a failed run leaves no
 * model file behind.
 */
@Command(name = "approximate",
        description = {
            "Approximates a formula by a network with a certified error bound.",
            "Measures the error on a grid. The constructions (--construction):",
            "  ball-cover       radial paper, Theorem 3: Step-ReLU, hidden widths n+1 … n+N",
            "  bounded-width    Theorem 4: every hidden width n+m+1, |F − f| < ε on all of ℝⁿ",
            "  compact          Theorem 4 on K only: every hidden width max(n,m)+1",
            "  intrinsic        ReLU network with n+2 target-dependent parameters",
            "                   (intrinsic-parameters paper, Theorem 2.1; --p for its L^p",
            "                   form, --uniform for Theorem 2.2, --three-parameters for 2.3;",
            "                   exact rationals beyond d·n = 4)",
            "  rcnet            L₂ ∘ g^{∘(3r+1)} ∘ L₁ on [0,1]^d, g ∈ NN{69d+48, 5} (RCNet paper,",
            "                   Theorem 1.1; --compositions r, --p; --uniform for Theorem 1.3;",
            "                   exact dyadic weights beyond K^d = 26)",
            "Outside K the radial constructions equal the affine part L (here 0), so the",
            "bound holds on ℝⁿ when f vanishes outside K. The bound rests on --lipschitz",
            "or --modulus (estimated from finite differences when neither is given).",
            "",
        })
public final class ApproximateCommand implements Callable<Integer> {
    /** Multiply-adds the default measuring grid may cost: points × parameters. */
    static final double GRID_BUDGET = 2e10;
    /** The most points the default grid (and the Lipschitz estimate's grid) may have. */
    static final double MAX_GRID_POINTS = 1e6;

    @Spec
    private CommandSpec spec;

    @Option(names = "--function", required = true, paramLabel = "EXPR",
            description = "The target as a formula in x1, x2, … (x also for one variable), e.g. 'max(0, 1-abs(x1))';"
                    + " separate the components of a vector-valued target with ';'.")
    private String function;

    @Option(names = "--domain", required = true, paramLabel = "a:b[,c:d…]",
            description = "The box K, one interval per variable, e.g. -1:1,-1:1.")
    private String domain;

    private Double epsilon;
    private Double lipschitz;
    private String modulus;
    private Integer bits;
    private Double lp;
    private Integer grid;
    private Integer compositions;
    private Construction construction = Construction.BALL_COVER;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Write a chart (PNG, SVG or PDF by the extension): f and F for one variable, the heat map "
                    + "of |F − f| for two.")
    private Path plot;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL",
            description = "Save the constructed network as a model file: .safetensors or .json (see 'radnet info').")
    private Path output;

    @Option(names = "--json", description = "Print one JSON object instead of the text report.")
    private boolean json;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "The backend to evaluate on (see 'radnet backends'); default: the default backend.")
    private String backendName;

    /** The constructions, by their command-line names. */
    enum Construction {
        BALL_COVER("ball-cover"), BOUNDED_WIDTH("bounded-width"), COMPACT("compact"), INTRINSIC("intrinsic"),
        RCNET("rcnet");

        private final String label;

        Construction(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Creates the command; picocli instantiates it as a subcommand of {@link RadnetCommand}. */
    public ApproximateCommand() {
    }

    @Option(names = "--epsilon", paramLabel = "E",
            description = "The error bound ε > 0 to certify (required except for intrinsic with --bits).")
    void setEpsilon(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new ParameterException(spec.commandLine(), "--epsilon must be a positive finite number, got " + value);
        }
        epsilon = value;
    }

    @Option(names = "--lipschitz", paramLabel = "R",
            description = "A Lipschitz constant of the target (Euclidean norms). Without it radnet estimates one from "
                    + "finite differences × 1.1, and the report says the bound rests on that estimate.")
    void setLipschitz(double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new ParameterException(spec.commandLine(),
                    "--lipschitz must be a finite non-negative number, got " + value);
        }
        lipschitz = value;
    }

    @Option(names = "--modulus", paramLabel = "EXPR",
            description = "Instead of --lipschitz: a modulus of continuity ω(t) of the target as a formula in t, "
                    + "e.g. 'sqrt(t)' for a Hölder-½ target (nondecreasing, ω(0) = 0).")
    void setModulus(String value) {
        modulus = value;
    }

    @Option(names = "--construction", paramLabel = "NAME",
            description = "ball-cover (default), bounded-width, compact, intrinsic or rcnet.")
    void setConstruction(String value) {
        for (Construction c : Construction.values()) {
            if (c.label.equals(value.trim().toLowerCase(Locale.ROOT))) {
                construction = c;
                return;
            }
        }
        throw new ParameterException(spec.commandLine(), "--construction must be ball-cover, bounded-width, compact, "
                + "intrinsic or rcnet, got '" + value + "'");
    }

    @Option(names = "--bits", paramLabel = "N",
            description = "intrinsic only: binary digits per cube, N ≥ 1 (default: the least meeting --epsilon).")
    void setBits(int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--bits must be at least 1, got " + value);
        }
        bits = value;
    }

    @Option(names = "--p", paramLabel = "P",
            description = "intrinsic and rcnet: Theorem 2.1 (1.1 for rcnet) in L^P (1 ≤ P < ∞; rcnet default 2): the "
                    + "strips narrowed so the L^P bound holds, and the L^P error measured on the grid.")
    void setLp(double value) {
        if (!(value >= 1) || !Double.isFinite(value)) {
            throw new ParameterException(spec.commandLine(), "--p must be a finite number ≥ 1, got " + value);
        }
        lp = value;
    }

    @Option(names = "--uniform",
            description = "intrinsic: Theorem 2.2, medians over 3^d shifted copies, certified on all of K "
                    + "(evaluated exactly); rcnet: Theorem 1.3 (L^∞), the middle of Theorem A.1's network at x and "
                    + "x ± δe_i, certified on all of [0,1]^d, 3r + 2d − 1 compositions.")
    private boolean uniform;

    @Option(names = "--three-parameters",
            description = "intrinsic only: Theorem 2.3, F = s·ϕ(x, v) + b with v holding every a_ℓ in its digits "
                    + "(evaluated exactly, scalar targets).")
    private boolean threeParameters;

    @Option(names = "--exact",
            description = "intrinsic only: evaluate with exact rationals even where doubles suffice (d·n ≤ 4); "
                    + "beyond that radnet always does, and checks F = s·0.ξ₁…ξₙ + b on every cube.")
    private boolean exact;

    @Option(names = "--compositions", paramLabel = "R",
            description = "rcnet only: r ≥ 1; Theorem 1.1 composes its block 3r + 1 times, K = ⌊r^{1/d}⌋ cubes per "
                    + "axis (K^d ≤ 26: double weights; up to 500: exact dyadic weights, evaluated exactly, saved as "
                    + "JSON).")
    void setCompositions(int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--compositions must be at least 1, got " + value);
        }
        compositions = value;
    }

    @Option(names = "--grid", paramLabel = "K",
            description = "Grid points per axis for the measured error, K ≥ 2 (default: 10001, 301, 41, 11 for "
                    + "1, 2, 3, more variables, fewer for large networks).")
    void setGrid(int value) {
        if (value < 2) {
            throw new ParameterException(spec.commandLine(), "--grid must be at least 2, got " + value);
        }
        grid = value;
    }

    /**
     * Builds the network, measures it and prints the report.
     *
     * @return {@link ExitCode#OK}
     */
    @Override
    public Integer call() {
        if (compositions != null && construction != Construction.RCNET) {
            throw new ParameterException(spec.commandLine(), "--compositions applies to --construction rcnet only");
        }
        if (epsilon == null && !(construction == Construction.INTRINSIC && bits != null)
                && construction != Construction.RCNET) {
            throw new ParameterException(spec.commandLine(), "--epsilon is required"
                    + (construction == Construction.INTRINSIC ? " (or --bits)" : "") + " for --construction "
                    + construction);
        }
        if (construction != Construction.INTRINSIC && (bits != null || threeParameters || exact)) {
            throw new ParameterException(spec.commandLine(), "--bits, --three-parameters and --exact apply to "
                    + "--construction intrinsic only");
        }
        if (construction != Construction.INTRINSIC && construction != Construction.RCNET && uniform) {
            throw new ParameterException(spec.commandLine(), "--uniform applies to --construction intrinsic and rcnet "
                    + "only");
        }
        if (construction != Construction.INTRINSIC && construction != Construction.RCNET && lp != null) {
            throw new ParameterException(spec.commandLine(), "--p applies to --construction intrinsic and rcnet only");
        }
        if (construction == Construction.RCNET && (epsilon != null || plot != null)) {
            throw new ParameterException(spec.commandLine(), "--construction rcnet takes --compositions instead of "
                    + "--epsilon, and draws no --plot");
        }
        if ((lp != null ? 1 : 0) + (uniform ? 1 : 0) + (threeParameters ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(), "give one of --p (Theorem 2.1 in L^p), --uniform (Theorem 2.2)"
                    + " and --three-parameters (Theorem 2.3), not both or all");
        }
        new CommandFiles(spec.commandLine()).output("--plot", plot, CommandFiles.Kind.CHART)
                .output("-o", output, CommandFiles.Kind.MODEL).check();
        BoxDomain box = ExpressionTarget.parseDomain(domain);
        int n = box.dimension();
        if (plot != null && n > 2) {
            throw new ParameterException(spec.commandLine(), "--plot draws targets of one or two variables, this one has "
                    + n);
        }
        VectorFunction target = ExpressionTarget.parse(function, n);
        Backend backend = backendName == null ? Backends.defaultBackend() : Backends.get(backendName);
        if (lipschitz != null && modulus != null) {
            throw new ParameterException(spec.commandLine(), "give --lipschitz or --modulus, not both");
        }
        boolean estimated = lipschitz == null && modulus == null;
        Modulus omega = modulus != null ? ExpressionTarget.parseModulus(modulus)
                : Modulus.lipschitz(estimated ? ExpressionTarget.estimateLipschitz(target, box,
                        Math.max(2, (int) Math.floor(Math.pow(MAX_GRID_POINTS, 1.0 / n)))) : lipschitz);
        if (construction == Construction.RCNET) {
            return new RcnetRun(spec.commandLine()).execute(backend, function, target, box, omega, estimated,
                    compositions, uniform ? Double.valueOf(Double.POSITIVE_INFINITY) : lp, grid, output, json);
        }
        if (construction == Construction.INTRINSIC) {
            int digits = bits != null ? bits : bitsFor(box, omega, target.outputDimension());
            IntrinsicRun run = new IntrinsicRun(spec.commandLine(), target, box, omega, digits, lp, uniform,
                    threeParameters, exact);
            run.requireOutput(output);
            return run.execute(backend, function, estimated, epsilon, grid, output, plot, json);
        }
        long start = System.nanoTime();
        Approximation<?> a = build(backend, target, box, omega);
        double seconds = (System.nanoTime() - start) / 1e9;
        int perAxis = grid != null ? grid : defaultGrid(n, a.certificate().parameterCount());
        double[][] points = Arrays.stream(box.grid(perAxis)).filter(a.certificate()::isGuaranteedAt)
                .toArray(double[][]::new);
        double[][] far = box.farOutside(1000, 1);
        ApproximationReport report = new ApproximationReport(construction.toString(), function, box.toString(),
                backend.name(), omega, estimated, a.certificate(), epsilon, seconds, points.length,
                a.maxError(target, points), far.length, a.maxError(target, far), output);
        if (plot != null) {
            ApproximationPlot.write(plot, a, target, box, construction.toString());
        }
        if (output != null) {
            ModelFiles.save(a.network(), output);
        }
        spec.commandLine().getOut().print(json ? report.toJson() : report.toText());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    private Approximation<?> build(Backend backend, VectorFunction target, BoxDomain box, Modulus r) {
        AffineMap zero = AffineMap.zero(target.inputDimension(), target.outputDimension());
        return switch (construction) {
            case BALL_COVER -> StepReluBallCover.build(backend, target, box, r, epsilon, zero);
            case BOUNDED_WIDTH -> BoundedWidthApproximation.build(backend, target, box, r, epsilon, zero);
            case COMPACT -> BoundedWidthApproximation.buildOnCompact(backend, target, box, r, epsilon);
            case INTRINSIC -> throw new IllegalStateException("the intrinsic construction runs through IntrinsicRun");
            case RCNET -> throw new IllegalStateException("the rcnet construction runs through RcnetRun");
        };
    }

    /**
     * @return points per axis: 10001, 301, 41 or 11 for 1, 2, 3 or more variables, fewer (down
     *     to 2) when points × parameters would exceed {@value #GRID_BUDGET} multiply-adds or the
     *     grid {@value #MAX_GRID_POINTS} points
     */
    static int defaultGrid(int n, long parameters) {
        int preferred = n == 1 ? 10_001 : n == 2 ? 301 : n == 3 ? 41 : 11;
        int affordable = (int) Math.floor(Math.pow(Math.min(MAX_GRID_POINTS, GRID_BUDGET / parameters), 1.0 / n));
        return Math.max(2, Math.min(preferred, affordable));
    }

    /**
     * The least n ≥ 1 with √m·(ω(w√d·2⁻ⁿ) + 2^{−n+2}·ω(w√d)) ≤ ε (w the widest side), the
     * intrinsic construction's bound; 64 if none is (the construction then refuses the size).
     */
    private int bitsFor(BoxDomain box, Modulus omega, int m) {
        double widest = 0;
        for (int j = 0; j < box.dimension(); j++) {
            widest = Math.max(widest, box.width(j));
        }
        double diameter = widest * Math.sqrt(box.dimension());
        int n = 1;
        while (n < 64 && Math.sqrt(m) * (omega.at(diameter * Math.scalb(1.0, -n))
                + Math.scalb(1.0, -n + 2) * omega.at(diameter)) > epsilon) {
            n++;
        }
        return n;
    }

}
