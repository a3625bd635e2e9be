package io.radnet.cli;

import io.radnet.core.approx.Approximation;
import io.radnet.core.approx.BoxDomain;
import io.radnet.core.approx.VectorFunction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --plot} picture of {@code radnet approximate}: for one variable the components of
 * f and F over K (1001 points), for two variables a heat map of |F − f| on a 101 × 101 grid.
 */
final class ApproximationPlot {
    private static final int LINE_POINTS = 1001;
    private static final int HEAT_POINTS = 101;

    private ApproximationPlot() {
    }

    /**
     * @param target the chart to write, .png, .svg or .pdf (atomically, see {@link Charts#write})
     * @param a the approximation
     * @param f the target
     * @param box K, of dimension 1 or 2
     * @param construction the construction's name, for the title
     */
    static void write(Path target, Approximation<?> a, VectorFunction f, BoxDomain box, String construction) {
        if (box.dimension() == 1) {
            double[][] points = box.grid(LINE_POINTS);
            double[][] values = a.evaluate(points);
            double[] xs = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                xs[i] = points[i][0];
            }
            Map<String, double[][]> series = new LinkedHashMap<>();
            int m = f.outputDimension();
            for (int r = 0; r < m; r++) {
                double[] ys = new double[points.length];
                double[] fs = new double[points.length];
                for (int i = 0; i < points.length; i++) {
                    ys[i] = values[i][r];
                    fs[i] = f.apply(points[i])[r];
                }
                String suffix = m == 1 ? "" : "_" + (r + 1);
                series.put("f" + suffix, new double[][] {xs, fs});
                series.put("F" + suffix, new double[][] {xs, ys});
            }
            Charts.write(Charts.lineChart(construction + ": f and the network F", "x1", "value", false, series), target);
            return;
        }
        double[][] points = box.grid(HEAT_POINTS);
        double[][] values = a.evaluate(points);
        double[] xs = new double[HEAT_POINTS];
        double[] ys = new double[HEAT_POINTS];
        double[][] error = new double[HEAT_POINTS][HEAT_POINTS];
        for (int i = 0; i < points.length; i++) {
            int ix = i / HEAT_POINTS;
            int iy = i % HEAT_POINTS;
            xs[ix] = points[i][0];
            ys[iy] = points[i][1];
            double[] y = f.apply(points[i]);
            double acc = 0.0;
            for (int r = 0; r < y.length; r++) {
                acc += (values[i][r] - y[r]) * (values[i][r] - y[r]);
            }
            error[iy][ix] = Math.sqrt(acc);
        }
        Charts.write(Charts.heatMap(construction + ": |F − f|", "x1", "x2", xs, ys, error), target);
    }
}
