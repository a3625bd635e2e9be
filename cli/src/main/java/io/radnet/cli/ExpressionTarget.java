package io.radnet.cli;

import io.radnet.core.approx.BoxDomain;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.VectorFunction;
import java.util.ArrayList;
import java.util.List;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.function.Function;

/**
 * Targets and domains from the command line: formulas in x1 … xn parsed by exp4j (with its
 * functions abs, sin, cos, tan, exp, log, sqrt, … plus max(a, b) and min(a, b)), one formula
 * per output separated by ';', and boxes written a:b[,c:d…].
 */
final class ExpressionTarget {
    private static final Function MAX = new Function("max", 2) {
        @Override
        public double apply(double... args) {
            return Math.max(args[0], args[1]);
        }
    };
    private static final Function MIN = new Function("min", 2) {
        @Override
        public double apply(double... args) {
            return Math.min(args[0], args[1]);
        }
    };

    private ExpressionTarget() {
    }

    /**
     * @param text intervals a:b separated by commas, e.g. {@code -1:1,0:2}
     * @return the box
     * @throws IllegalArgumentException naming the interval that is not a:b with a &lt; b
     */
    static BoxDomain parseDomain(String text) {
        String[] parts = text.split(",", -1);
        double[] lower = new double[parts.length];
        double[] upper = new double[parts.length];
        for (int j = 0; j < parts.length; j++) {
            String[] ends = parts[j].trim().split(":", -1);
            if (ends.length != 2) {
                throw new IllegalArgumentException("--domain interval " + (j + 1) + " '" + parts[j]
                        + "' must be written a:b, e.g. -1:1");
            }
            try {
                lower[j] = Double.parseDouble(ends[0].trim());
                upper[j] = Double.parseDouble(ends[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--domain interval " + (j + 1) + " '" + parts[j]
                        + "' must have numeric ends a:b", e);
            }
        }
        return new BoxDomain(lower, upper);
    }

    /**
     * @param text one formula per output, separated by ';', in the variables x1 … xn (and x when
     *     n = 1)
     * @param n the number of variables, the domain's dimension
     * @return the target ℝⁿ → ℝᵐ, m the number of formulas
     * @throws IllegalArgumentException naming an unknown variable or function, or a malformed
     *     formula
     */
    static VectorFunction parse(String text, int n) {
        String[] formulas = text.split(";", -1);
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= n; j++) {
            names.add("x" + j);
        }
        if (n == 1) {
            names.add("x");
        }
        Expression[] expressions = new Expression[formulas.length];
        for (int r = 0; r < formulas.length; r++) {
            String formula = formulas[r].trim();
            if (formula.isEmpty()) {
                throw new IllegalArgumentException("--function component " + (r + 1) + " is empty");
            }
            try {
                expressions[r] = new ExpressionBuilder(formula).functions(MAX, MIN).variables(names.toArray(String[]::new)).build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--function '" + formula + "': " + e.getMessage()
                        + " (the variables of a " + n + "-dimensional domain are " + String.join(", ", names) + ")", e);
            }
        }
        return VectorFunction.of(n, formulas.length, x -> {
            double[] y = new double[expressions.length];
            for (int r = 0; r < expressions.length; r++) {
                for (int j = 0; j < n; j++) {
                    expressions[r].setVariable("x" + (j + 1), x[j]);
                }
                if (n == 1) {
                    expressions[r].setVariable("x", x[0]);
                }
                y[r] = expressions[r].evaluate();
            }
            return y;
        });
    }

    /**
     * @param text a formula in t, e.g. {@code sqrt(t)} or {@code 2*t}
     * @return the modulus ω(t) it defines (checked to vanish at 0 and not to decrease)
     * @throws IllegalArgumentException naming an unknown variable or a formula that is no modulus
     */
    static Modulus parseModulus(String text) {
        Expression expression;
        try {
            expression = new ExpressionBuilder(text).functions(MAX, MIN).variables("t").build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--modulus '" + text + "': " + e.getMessage() + " (its variable is t)", e);
        }
        return Modulus.of("ω(t) = " + text, t -> expression.setVariable("t", t).evaluate());
    }

    /**
     * An estimate of the Lipschitz constant: the largest Frobenius norm of the forward-difference
     * Jacobian over a regular grid of the box, times 1.1. Not a proof: a certificate built on it
     * is only as good as the estimate.
     *
     * @param f the target
     * @param box the box
     * @param perAxis grid points per axis, ≥ 2
     * @return the estimate, finite and ≥ 0
     */
    static double estimateLipschitz(VectorFunction f, BoxDomain box, int perAxis) {
        double largest = 0.0;
        int n = box.dimension();
        for (double[] x : box.grid(perAxis)) {
            double[] fx = f.apply(x);
            double acc = 0.0;
            for (int j = 0; j < n; j++) {
                double step = box.width(j) / (perAxis - 1);
                double[] moved = x.clone();
                moved[j] = x[j] + step <= box.upper()[j] ? x[j] + step : x[j] - step;
                double[] fm = f.apply(moved);
                for (int r = 0; r < fx.length; r++) {
                    double slope = (fm[r] - fx[r]) / step;
                    acc += slope * slope;
                }
            }
            largest = Math.max(largest, Math.sqrt(acc));
        }
        return 1.1 * largest;
    }
}
