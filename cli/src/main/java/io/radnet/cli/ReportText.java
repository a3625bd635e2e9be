package io.radnet.cli;

import io.radnet.experiments.Summary;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The number formats and the table layout the text reports share ({@code reproduce},
 * {@code experiment}, {@code approximate}). It only builds strings.
 */
final class ReportText {
    private ReportText() {
    }

    /**
     * @param v a number
     * @return v in scientific notation with three significant digits and a short exponent,
     *     e.g. {@code 1.31e-8}; {@code 0} for zero; {@code NaN} or {@code Infinity} as Java writes them
     */
    static String sci(double v) {
        if (v == 0.0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = String.format(Locale.ROOT, "%.2e", v);
        int e = s.indexOf('e');
        return s.substring(0, e) + "e" + Integer.parseInt(s.substring(e + 1));
    }

    /**
     * @param v a number
     * @return v with two decimals, e.g. {@code 2.04}
     */
    static String fixed2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * @param s a mean and a sample standard deviation
     * @param fixed two decimals when true, {@link #sci} when false
     * @return {@code MEAN ± STD}, or {@code MEAN} alone when the standard deviation is not
     *     finite (a single seed)
     */
    static String plusMinus(Summary s, boolean fixed) {
        String mean = fixed ? fixed2(s.mean()) : sci(s.mean());
        if (!Double.isFinite(s.std())) {
            return mean;
        }
        return mean + " ± " + (fixed ? fixed2(s.std()) : sci(s.std()));
    }

    /**
     * @param widths n = (n₀, …, n_L)
     * @return {@code (n₀, …, n_L)}
     */
    static String widths(int[] widths) {
        return Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * @param seeds N ≥ 1
     * @return {@code seed 1} or {@code seeds 1..N}
     */
    static String seedsText(int seeds) {
        return seeds == 1 ? "seed 1" : "seeds 1.." + seeds;
    }

    /**
     * Appends rows as a table: every column right-aligned to its widest cell, columns
     * separated by two spaces, each line indented by two spaces.
     *
     * @param rows the header row first; every row has as many cells as the header
     * @param lines where the table's lines are appended
     */
    static void table(List<String[]> rows, List<String> lines) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < columns; c++) {
                line.append(' ').append(" ".repeat(widths[c] - row[c].length())).append(row[c]);
                if (c < columns - 1) {
                    line.append(' ');
                }
            }
            lines.add(line.toString());
        }
    }
}
