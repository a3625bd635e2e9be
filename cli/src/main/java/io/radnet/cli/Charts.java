package io.radnet.cli;

import io.radnet.core.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts for the {@code --plot} options of the program, drawn with XChart.
 *
 * <p>Every chart is written atomically: rendered to a temporary file in the target directory,
 * then renamed over the target, so a failed render never leaves a truncated PNG or clobbers an
 * existing one. Rendering needs no display (AWT runs headless).
 */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * A line chart: one line per series, all on the same axes.
     *
     * @param title the chart title
     * @param xLabel the x axis title
     * @param yLabel the y axis title
     * @param logY whether the y axis is logarithmic (every y value must then be positive)
     * @param series series name → {xs, ys}, two arrays of equal length, in legend order
     * @return the chart, ready for {@link #writePng(Chart, Path)}
     * @throws IllegalArgumentException when there is no series, a series' arrays differ in
     *     length or are empty, a value is not finite, or {@code logY} meets a y ≤ 0
     */
    public static XYChart lineChart(String title, String xLabel, String yLabel, boolean logY,
            Map<String, double[][]> series) {
        Objects.requireNonNull(series, "series");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a line chart needs at least one series");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(0);
        for (Map.Entry<String, double[][]> entry : new LinkedHashMap<>(series).entrySet()) {
            double[][] xy = entry.getValue();
            String name = entry.getKey();
            if (xy == null || xy.length != 2 || xy[0] == null || xy[1] == null) {
                throw new IllegalArgumentException("series '" + name + "' must be {xs, ys}");
            }
            if (xy[0].length != xy[1].length || xy[0].length == 0) {
                throw new IllegalArgumentException("series '" + name + "' has " + xy[0].length
                        + " x values and " + xy[1].length + " y values; they must be equal and non-zero");
            }
            for (int i = 0; i < xy[0].length; i++) {
                if (!Double.isFinite(xy[0][i]) || !Double.isFinite(xy[1][i])) {
                    throw new IllegalArgumentException("series '" + name + "' has a non-finite point at index " + i
                            + ": (" + xy[0][i] + ", " + xy[1][i] + ")");
                }
                if (logY && xy[1][i] <= 0) {
                    throw new IllegalArgumentException("series '" + name + "' has y = " + xy[1][i]
                            + " at index " + i + ", which a logarithmic axis cannot show");
                }
            }
            XYSeries line = chart.addSeries(name, xy[0], xy[1]);
            line.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * A heat map of values on a rectangular grid, e.g. |F(x) − f(x)| over a 2-D box.
     *
     * @param title the chart title
     * @param xLabel the x axis title
     * @param yLabel the y axis title
     * @param xs the grid's x coordinates (columns), length nx ≥ 1
     * @param ys the grid's y coordinates (rows), length ny ≥ 1
     * @param values values[j][i] at (xs[i], ys[j]), ny × nx, all finite
     * @return the chart, ready for {@link #writePng(Chart, Path)}
     * @throws IllegalArgumentException on empty or ragged grids or non-finite values
     */
    public static HeatMapChart heatMap(String title, String xLabel, String yLabel,
            double[] xs, double[] ys, double[][] values) {
        if (xs.length == 0 || ys.length == 0) {
            throw new IllegalArgumentException("a heat map needs at least one column and one row, got "
                    + xs.length + " × " + ys.length);
        }
        if (values.length != ys.length) {
            throw new IllegalArgumentException("a heat map with " + ys.length + " rows got " + values.length + " rows of values");
        }
        Number[][] cells = new Number[xs.length * ys.length][];
        for (int j = 0; j < ys.length; j++) {
            if (values[j].length != xs.length) {
                throw new IllegalArgumentException("row " + j + " of the heat map has " + values[j].length
                        + " values, expected " + xs.length);
            }
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isFinite(values[j][i])) {
                    throw new IllegalArgumentException("the heat map value at row " + j + ", column " + i
                            + " is " + values[j][i]);
                }
                cells[j * xs.length + i] = new Number[] {i, j, values[j][i]};
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setShowValue(false);
        chart.getStyler().setLegendVisible(true);
        List<Number> xAxis = new ArrayList<>();
        for (double x : xs) {
            xAxis.add(x);
        }
        List<Number> yAxis = new ArrayList<>();
        for (double y : ys) {
            yAxis.add(y);
        }
        chart.addSeries(title, xAxis, yAxis, Arrays.asList(cells));
        return chart;
    }

    /**
     * Renders a chart to a PNG file atomically (temporary file in the same directory, then
     * rename). The target's directory must exist.
     *
     * @param chart the chart
     * @param target the PNG file to create or replace
     * @throws UncheckedIOException naming the file when it cannot be written; the target is
     *     then unchanged
     */
    public static void writePng(Chart<?, ?> chart, Path target) {
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available");
            }
        });
    }
}
