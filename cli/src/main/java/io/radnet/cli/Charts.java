package io.radnet.cli;

import de.erichseifert.vectorgraphics2d.Processor;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.VectorHints;
import de.erichseifert.vectorgraphics2d.pdf.PDFProcessor;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import io.radnet.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts for the {@code --plot} options of the program, drawn with XChart and written as PNG,
 * SVG or PDF by the file's extension.
 *
 * <p>What every line chart guarantees, so that it can go into a paper as it is:
 * <ul>
 *   <li>series differ in colour (the Okabe–Ito palette, safe for colour-blind readers), line
 *       style and marker, each cycling independently; long series carry a marker every
 *       {@value #MARKER_POINTS}th of their length rather than on every point;</li>
 *   <li>a series given with a band ({xs, ys, lower, upper}) is drawn over a translucent area
 *       between lower and upper, e.g. mean ± sd across seeds, and may have thin traces behind it
 *       in its colour, e.g. each seed's own curve;</li>
 *   <li>both axes are padded beyond the data, bands and reference lines, so no line lies on the
 *       frame;</li>
 *   <li>tick labels are short decimals or m×10ᵏ; an x axis whose values are all integers (epochs,
 *       depths, r) is labelled at integers only; a logarithmic y axis is labelled at every
 *       mantissa 1…9 when it spans at most a decade, at 1, 2, 3 and 5 up to 2.5 decades, and at the
 *       decades beyond; when fewer than three mantissa ticks 1…9 fall inside its range it is
 *       drawn linear instead, which is then stated in the axis title.</li>
 * </ul>
 *
 * <p>Every file is written atomically: rendered to a temporary file in the target directory,
 * then renamed over the target, so a failed render never leaves a truncated file or clobbers an
 * existing one. Rendering needs no display (AWT runs headless).
 */
public final class Charts {
    /** Width of one chart, in pixels (PNG) or points (SVG, PDF). */
    static final int WIDTH = 900;
    /** Height of one chart. */
    static final int HEIGHT = 600;
    /** A series longer than this carries markers at this many evenly spaced points only. */
    static final int MARKER_POINTS = 12;

    /** Okabe &amp; Ito's colour-blind safe palette, without yellow (too faint on white). */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000),
    };
    private static final BasicStroke[] LINES = {
        SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT,
    };
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
    };
    /** Viridis at five stops: perceptually uniform and readable in grey and by colour-blind readers. */
    private static final Color[] HEAT_COLOURS = {
        new Color(0x440154), new Color(0x3B528B), new Color(0x21918C), new Color(0x5EC962), new Color(0xFDE725),
    };
    /** The colour steps of a heat map. */
    static final int HEAT_STEPS = 8;
    /** Significant digits of a heat map's colour bar and axis labels. */
    static final int HEAT_DIGITS = 3;
    private static final int BAND_ALPHA = 0x40;
    private static final int TRACE_ALPHA = 0x90;
    /** Legends of up to this many entries go below the plot, where long names fit; longer ones to its right. */
    private static final int LEGEND_BELOW = 3;
    private static final double LINEAR_PADDING = 0.04;
    /** The least padding of an integer axis, a fraction of the distance between integers. */
    private static final double INTEGER_PADDING = 0.3;
    private static final double LOG_PADDING = 0.05;
    /**
     * Significant digits of a tick label: ticks fall on short multiples of 1, 2 or 5, and XChart
     * draws no ticks at all when the frame's ends format alike, so the labels keep enough digits
     * to tell the ends of a narrow frame apart.
     */
    private static final int TICK_DIGITS = 6;
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** The file formats a chart is written in, chosen by the target's extension. */
    enum Format {
        /** A bitmap, {@value #WIDTH} × {@value #HEIGHT} pixels per chart. */
        PNG,
        /** Scalable vector graphics, text kept as text. */
        SVG,
        /** PDF, text drawn as outlines so that every glyph shows without embedded fonts. */
        PDF;

        /**
         * @param target a file name
         * @return the format its extension names (case-insensitive)
         * @throws IllegalArgumentException when the extension is none of .png, .svg, .pdf
         */
        static Format of(Path target) {
            String name = String.valueOf(target.getFileName()).toLowerCase(Locale.ROOT);
            for (Format format : values()) {
                if (name.endsWith("." + format.name().toLowerCase(Locale.ROOT))) {
                    return format;
                }
            }
            throw new IllegalArgumentException("a chart is written as .png, .svg or .pdf, not " + target.getFileName());
        }
    }

    /**
     * A line chart with no reference lines; see {@link #lineChart(String, String, String, boolean, Map, Map)}.
     *
     * @param title the chart title
     * @param xLabel the x axis title
     * @param yLabel the y axis title
     * @param logY whether the y axis is logarithmic
     * @param series series name → {xs, ys} or {xs, ys, lower, upper}
     * @return the chart
     */
    public static XYChart lineChart(String title, String xLabel, String yLabel, boolean logY,
            Map<String, double[][]> series) {
        return lineChart(title, xLabel, yLabel, logY, series, Map.of());
    }

    /**
     * A line chart: one line per series, all on the same axes, optionally each over a band, and
     * horizontal reference lines (e.g. a target loss) drawn black and dashed across the x range.
     *
     * @param title the chart title
     * @param xLabel the x axis title
     * @param yLabel the y axis title
     * @param logY whether the y axis is logarithmic (every y value must then be positive; a band's
     *     lower edge at or below zero is clipped to the bottom of the frame)
     * @param series series name → {xs, ys} or {xs, ys, lower, upper}, arrays of equal length, in
     *     legend order; a band needs lower ≤ ys ≤ upper
     * @param levels name → y of a horizontal reference line, in legend order after the series
     * @return the chart, ready for {@link #write(Chart, Path)}
     * @throws IllegalArgumentException when there is no series, a series' arrays differ in
     *     length or are empty, a value is not finite, a band does not enclose its line, or
     *     {@code logY} meets a y ≤ 0 or a level ≤ 0
     */
    public static XYChart lineChart(String title, String xLabel, String yLabel, boolean logY,
            Map<String, double[][]> series, Map<String, Double> levels) {
        return lineChart(title, xLabel, yLabel, logY, series, Map.of(), levels);
    }

    /**
     * A line chart as {@link #lineChart(String, String, String, boolean, Map, Map)} with, behind
     * some series, thin translucent traces in the series' colour, out of the legend: e.g. every
     * seed's own curve behind the mean over the seeds.
     *
     * @param title the chart title
     * @param xLabel the x axis title
     * @param yLabel the y axis title
     * @param logY whether the y axis is logarithmic
     * @param series series name → {xs, ys} or {xs, ys, lower, upper}
     * @param traces series name → its traces, each {xs, ys}; every name must be a series
     * @param levels name → y of a horizontal reference line
     * @return the chart
     * @throws IllegalArgumentException as the other overload, and for a trace of an unknown series
     */
    public static XYChart lineChart(String title, String xLabel, String yLabel, boolean logY,
            Map<String, double[][]> series, Map<String, List<double[][]>> traces, Map<String, Double> levels) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(traces, "traces");
        Objects.requireNonNull(levels, "levels");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a line chart needs at least one series");
        }
        Map<String, double[][]> lines = new LinkedHashMap<>(series);
        lines.forEach((name, xy) -> check(name, xy, logY));
        traces.forEach((name, list) -> {
            if (!lines.containsKey(name)) {
                throw new IllegalArgumentException("traces of '" + name + "', which is not a series of the chart");
            }
            for (int k = 0; k < list.size(); k++) {
                check("trace " + (k + 1) + " of " + name, list.get(k), logY);
            }
        });
        levels.forEach((name, level) -> {
            if (level == null || !Double.isFinite(level) || (logY && level <= 0)) {
                throw new IllegalArgumentException("the reference line '" + name + "' is at " + level
                        + ", which " + (logY ? "a logarithmic axis cannot show" : "is not finite"));
            }
        });

        Range x = Range.EMPTY;
        Range y = Range.EMPTY;
        boolean integerX = true;
        for (double[][] xy : lines.values()) {
            for (double v : xy[0]) {
                x = x.with(v);
                integerX &= v == Math.rint(v);
            }
            for (int k = 1; k < xy.length; k++) {
                for (double v : xy[k]) {
                    if (!logY || v > 0) {
                        y = y.with(v);
                    }
                }
            }
        }
        for (List<double[][]> list : traces.values()) {
            for (double[][] xy : list) {
                for (int i = 0; i < xy[0].length; i++) {
                    x = x.with(xy[0][i]);
                    integerX &= xy[0][i] == Math.rint(xy[0][i]);
                    y = y.with(xy[1][i]);
                }
            }
        }
        for (double level : levels.values()) {
            y = y.with(level);
        }
        boolean log = logY && logTicksInside(y) >= 3;
        String yTitle = logY && !log ? yLabel + " (linear: less than a decade)" : yLabel;

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        int entries = lines.size() + levels.size();
        styler.setLegendPosition(entries > LEGEND_BELOW ? LegendPosition.OutsideE : LegendPosition.OutsideS);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setPlotGridLinesColor(new Color(0xE0E0E0));
        styler.setMarkerSize(7);
        styler.setYAxisLogarithmic(log);
        styler.setYAxisLogarithmicDecadeOnly(false);
        Range xFrame = x.padded(integerX ? Math.max(INTEGER_PADDING, LINEAR_PADDING * x.span())
                : x.span() == 0 ? 1.0 : LINEAR_PADDING * x.span());
        Range yFrame = log ? y.paddedLog(LOG_PADDING) : y.padded(y.span() == 0 ? 1.0 : LINEAR_PADDING * y.span());
        styler.setXAxisMin(xFrame.min());
        styler.setXAxisMax(xFrame.max());
        styler.setYAxisMin(yFrame.min());
        styler.setYAxisMax(yFrame.max());
        double middle = (xFrame.min() + xFrame.max()) / 2;
        styler.setXAxisTickLabelsFormattingFunction(integerX ? value -> integerTick(value, middle) : Charts::tick);
        styler.setYAxisTickLabelsFormattingFunction(log ? logTickLabels(y) : Charts::tick);

        int index = 0;
        for (Map.Entry<String, double[][]> entry : lines.entrySet()) {
            double[][] xy = entry.getValue();
            if (xy.length == 4) {
                addBand(chart, entry.getKey(), xy, PALETTE[index % PALETTE.length], log ? yFrame.min() : Double.NaN);
            }
            index++;
        }
        index = 0;
        for (String name : lines.keySet()) {
            Color colour = PALETTE[index % PALETTE.length];
            Color faint = new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), TRACE_ALPHA);
            List<double[][]> list = traces.getOrDefault(name, List.of());
            for (int k = 0; k < list.size(); k++) {
                XYSeries trace = chart.addSeries("trace " + (k + 1) + " of " + name, list.get(k)[0], list.get(k)[1]);
                trace.setLineColor(faint);
                trace.setLineStyle(new BasicStroke(1f));
                trace.setMarker(SeriesMarkers.NONE);
                trace.setShowInLegend(false);
            }
            index++;
        }
        index = 0;
        for (Map.Entry<String, double[][]> entry : lines.entrySet()) {
            addLine(chart, entry.getKey(), entry.getValue()[0], entry.getValue()[1], PALETTE[index % PALETTE.length],
                    LINES[index % LINES.length], MARKERS[index % MARKERS.length]);
            index++;
        }
        for (Map.Entry<String, Double> level : levels.entrySet()) {
            XYSeries line = chart.addSeries(level.getKey(), new double[] {xFrame.min(), xFrame.max()},
                    new double[] {level.getValue(), level.getValue()});
            line.setLineColor(Color.BLACK);
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 4f}, 0f));
            line.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static void check(String name, double[][] xy, boolean logY) {
        if (xy == null || (xy.length != 2 && xy.length != 4) || Arrays.stream(xy).anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("series '" + name + "' must be {xs, ys} or {xs, ys, lower, upper}");
        }
        for (int k = 1; k < xy.length; k++) {
            if (xy[0].length != xy[k].length || xy[0].length == 0) {
                throw new IllegalArgumentException("series '" + name + "' has " + xy[0].length
                        + " x values and " + xy[k].length + " y values; they must be equal and non-zero");
            }
        }
        for (int i = 0; i < xy[0].length; i++) {
            for (double[] values : xy) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("series '" + name + "' has a non-finite point at index " + i
                            + ": (" + xy[0][i] + ", " + xy[1][i] + ")");
                }
            }
            if (logY && xy[1][i] <= 0) {
                throw new IllegalArgumentException("series '" + name + "' has y = " + xy[1][i]
                        + " at index " + i + ", which a logarithmic axis cannot show");
            }
            if (xy.length == 4 && !(xy[2][i] <= xy[1][i] && xy[1][i] <= xy[3][i])) {
                throw new IllegalArgumentException("series '" + name + "' has a band [" + xy[2][i] + ", " + xy[3][i]
                        + "] at index " + i + " that does not contain y = " + xy[1][i]);
            }
        }
    }

    /** The band as a closed polygon: along the upper edge, back along the lower edge. */
    private static void addBand(XYChart chart, String name, double[][] xy, Color colour, double floor) {
        int n = xy[0].length;
        double[] xs = new double[2 * n];
        double[] ys = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xs[i] = xy[0][i];
            ys[i] = xy[3][i];
            xs[2 * n - 1 - i] = xy[0][i];
            ys[2 * n - 1 - i] = Double.isNaN(floor) ? xy[2][i] : Math.max(xy[2][i], floor);
        }
        XYSeries band = chart.addSeries("band of " + name, xs, ys);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        Color fill = new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), BAND_ALPHA);
        band.setFillColor(fill);
        band.setLineColor(fill);
        band.setLineStyle(SeriesLines.NONE);
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
    }

    /**
     * A short series is one line with a marker on every point. A long one is three series: the
     * line without markers, markers on {@value #MARKER_POINTS} evenly spaced points, and its
     * first point with line style and marker, which alone appears in the legend.
     */
    private static void addLine(XYChart chart, String name, double[] xs, double[] ys, Color colour, BasicStroke style,
            Marker marker) {
        if (xs.length <= MARKER_POINTS) {
            style(chart.addSeries(name, xs, ys), colour, style, marker);
            return;
        }
        style(chart.addSeries("line of " + name, xs, ys), colour, style, SeriesMarkers.NONE).setShowInLegend(false);
        double[] markerXs = new double[MARKER_POINTS];
        double[] markerYs = new double[MARKER_POINTS];
        for (int k = 0; k < MARKER_POINTS; k++) {
            int i = (int) Math.round(k * (xs.length - 1) / (double) (MARKER_POINTS - 1));
            markerXs[k] = xs[i];
            markerYs[k] = ys[i];
        }
        style(chart.addSeries("markers of " + name, markerXs, markerYs), colour, SeriesLines.NONE, marker)
                .setShowInLegend(false);
        style(chart.addSeries(name, new double[] {xs[0]}, new double[] {ys[0]}), colour, style, marker);
    }

    private static XYSeries style(XYSeries series, Color colour, BasicStroke style, Marker marker) {
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        if (style == SeriesLines.NONE || style.getDashArray() == null) {
            series.setLineStyle(style == SeriesLines.NONE ? style : new BasicStroke(2f));
        } else {
            series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    style.getDashArray(), 0f));
        }
        series.setMarker(marker);
        return series;
    }

    /** How many of the ticks m × 10ᵏ (m = 1…9) lie inside the range. */
    private static int logTicksInside(Range y) {
        if (!(y.min() > 0)) {
            return 0;
        }
        int count = 0;
        for (int k = (int) Math.floor(Math.log10(y.min())); k <= (int) Math.ceil(Math.log10(y.max())); k++) {
            for (int m = 1; m <= 9; m++) {
                double v = m * Math.pow(10, k);
                if (v >= y.min() * (1 - 1e-12) && v <= y.max() * (1 + 1e-12)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Labels for XChart's log ticks (every m × 10ᵏ): which mantissas get a label depends on the span. */
    private static Function<Double, String> logTickLabels(Range y) {
        double decades = Math.log10(y.max() / y.min());
        return value -> {
            int exponent = (int) Math.floor(Math.log10(value) + 1e-9);
            long mantissa = Math.round(value / Math.pow(10, exponent));
            boolean labelled = decades <= 1.0 || mantissa == 1
                    || (decades <= 2.5 && (mantissa == 2 || mantissa == 3 || mantissa == 5));
            return labelled ? tick(value) : " ";
        };
    }

    /**
     * @param value an axis tick
     * @param middle the middle of the axis
     * @return the integer, or a blank label for a tick between integers: one space below the
     *     middle, two above, because XChart draws no ticks at all when the frame's two ends
     *     format alike
     */
    static String integerTick(double value, double middle) {
        return value == Math.rint(value) ? tick(value) : value < middle ? " " : "  ";
    }

    /**
     * A tick label: {@value #TICK_DIGITS} significant digits at most, trailing zeros dropped; plain
     * decimals from 0.001 to 99,999, m×10ᵏ outside (10ᵏ when m is 1).
     *
     * @param value a finite value
     * @return its label
     */
    static String tick(double value) {
        return format(value, TICK_DIGITS);
    }

    private static String format(double value, int digits) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-3 && magnitude < 1e5) {
            return rounded.toPlainString().replace('-', '−');
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        String power = "10" + superscript(exponent);
        String sign = mantissa.signum() < 0 ? "−" : "";
        BigDecimal m = mantissa.abs();
        return sign + (m.compareTo(BigDecimal.ONE) == 0 ? power : m.toPlainString() + "×" + power);
    }

    private static String superscript(int exponent) {
        StringBuilder out = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (char digit : Integer.toString(Math.abs(exponent)).toCharArray()) {
            out.append(SUPERSCRIPTS.charAt(digit - '0'));
        }
        return out.toString();
    }

    /**
     * A heat map of values on a rectangular grid, e.g. |F(x) − f(x)| over a 2-D box, coloured by
     * viridis in {@value #HEAT_STEPS} equal steps from the least to the greatest value, with a
     * colour bar that gives each step's range to {@value #HEAT_DIGITS} significant digits (XChart
     * labels a continuous colour bar with unformatted doubles). The axes are labelled at grid
     * points, to the same digits.
     *
     * @param title the chart title
     * @param xLabel the x axis title
     * @param yLabel the y axis title
     * @param xs the grid's x coordinates (columns), length nx ≥ 1
     * @param ys the grid's y coordinates (rows), length ny ≥ 1
     * @param values values[j][i] at (xs[i], ys[j]), ny × nx, all finite
     * @return the chart, ready for {@link #write(Chart, Path)}
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
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setRangeColors(HEAT_COLOURS);
        chart.getStyler().setPiecewise(true);
        chart.getStyler().setPiecewiseRanged(true);
        chart.getStyler().setSplitNumber(HEAT_STEPS);
        chart.getStyler().setHeatMapDecimalValueFormatter(value -> format(value, HEAT_DIGITS));
        chart.getStyler().setXAxisTickLabelsFormattingFunction(value -> format(value, HEAT_DIGITS));
        chart.getStyler().setYAxisTickLabelsFormattingFunction(value -> format(value, HEAT_DIGITS));
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
     * Writes one chart; see {@link #write(List, Path)}.
     *
     * @param chart the chart
     * @param target the .png, .svg or .pdf file to create or replace
     */
    public static void write(Chart<?, ?> chart, Path target) {
        write(List.of(chart), target);
    }

    /**
     * Writes charts side by side, as panels of one figure, {@value #WIDTH} × {@value #HEIGHT}
     * each, in the format the target's extension names, atomically (temporary file in the same
     * directory, then rename). The target's directory must exist.
     *
     * @param panels the charts, left to right, at least one
     * @param target the .png, .svg or .pdf file to create or replace
     * @throws IllegalArgumentException when the extension is none of .png, .svg, .pdf, or there
     *     is no panel
     * @throws UncheckedIOException naming the file when it cannot be written; the target is
     *     then unchanged
     */
    public static void write(List<? extends Chart<?, ?>> panels, Path target) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one chart");
        }
        Format format = Format.of(target);
        int width = WIDTH * panels.size();
        if (format == Format.PNG) {
            BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = image.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            paint(panels, graphics);
            graphics.dispose();
            AtomicFiles.write(target, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer is available");
                }
            });
            return;
        }
        VectorGraphics2D graphics = new VectorGraphics2D();
        if (format == Format.PDF) {
            graphics.setRenderingHint(VectorHints.KEY_TEXT, VectorHints.VALUE_TEXT_VECTOR);
        }
        paint(panels, graphics);
        Processor processor = format == Format.PDF ? new PDFProcessor(true) : new SVGProcessor();
        var document = processor.getDocument(graphics.getCommands(), new PageSize(0, 0, width, HEIGHT));
        AtomicFiles.write(target, document::writeTo);
    }

    private static void paint(List<? extends Chart<?, ?>> panels, Graphics2D graphics) {
        for (int k = 0; k < panels.size(); k++) {
            Graphics2D panel = (Graphics2D) graphics.create(k * WIDTH, 0, WIDTH, HEIGHT);
            panels.get(k).paint(panel, WIDTH, HEIGHT);
            panel.dispose();
        }
    }

    /** A closed interval of data values, empty until the first value. */
    private record Range(double min, double max) {
        static final Range EMPTY = new Range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

        Range with(double value) {
            return new Range(Math.min(min, value), Math.max(max, value));
        }

        double span() {
            return max - min;
        }

        Range padded(double by) {
            return new Range(min - by, max + by);
        }

        /** Padded by a fraction of the span in log₁₀ (a factor of 2 either way for a single value). */
        Range paddedLog(double fraction) {
            double decades = Math.log10(max / min);
            double factor = decades == 0 ? 2.0 : Math.pow(10, fraction * decades);
            return new Range(min / factor, max * factor);
        }
    }
}
