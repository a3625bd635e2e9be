package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.core.network.TrainingPass;
import io.radnet.core.optim.StopReason;
import io.radnet.experiments.RadialExperiment3;
import io.radnet.experiments.RcnetExperiment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator_;
import org.knowm.xchart.internal.chartpart.Axis_;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ChartsTest {
    @TempDir
    Path directory;

    private static Map<String, double[][]> losses() {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("full", new double[][] {{1, 2, 3}, {1.0, 0.1, 0.01}});
        series.put("reduced", new double[][] {{1, 2}, {0.5, 0.005}});
        return series;
    }

    @Test
    void aLineChartIsWrittenAsAPngAndNothingElseIsLeftInTheDirectory() throws Exception {
        Path png = directory.resolve("loss.png");
        Charts.write(Charts.lineChart("loss", "epoch", "MSE", true, losses()), png);

        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
        try (var files = Files.list(directory)) {
            assertArrayEquals(new Object[] {png}, files.toArray());
        }
    }

    @Test
    void aHeatMapIsWrittenAsAPng() throws Exception {
        Path png = directory.resolve("error.png");
        double[][] values = {{0, 1e-3, 2e-3}, {1e-3, 2e-3, 3e-3}};
        Charts.write(Charts.heatMap("|F − f|", "x1", "x2", new double[] {0, 0.5, 1}, new double[] {0, 1}, values), png);

        assertEquals(900, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void theExtensionChoosesSvgOrPdfAndBothAreValid() throws Exception {
        XYChart chart = Charts.lineChart("loss", "epoch", "MSE", true, losses(), Map.of("target", 0.01));
        Path svg = directory.resolve("loss.svg");
        Path pdf = directory.resolve("LOSS.PDF");
        Charts.write(chart, svg);
        Charts.write(chart, pdf);

        Document document = svgDocument(svg);
        assertEquals("svg", document.getDocumentElement().getNodeName());
        assertTrue(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"));
        assertTrue(Files.size(pdf) > 1000, "the PDF has content");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.write(chart, directory.resolve("loss.jpg")));
        assertEquals("a chart is written as .png, .svg or .pdf, not loss.jpg", e.getMessage());
    }

    @Test
    void panelsAreWrittenSideBySide() throws Exception {
        Path png = directory.resolve("panels.png");
        XYChart chart = Charts.lineChart("loss", "epoch", "MSE", true, losses());
        Charts.write(List.of(chart, chart), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
    }

    @Test
    void aLogAxisWithinADecadeIsLabelledAtEveryMantissa() throws Exception {
        Map<String, double[][]> series = Map.of("loss", new double[][] {{1, 2, 3, 4}, {0.31, 0.5, 0.7, 0.88}});
        XYChart chart = Charts.lineChart("loss", "epoch", "MSE", true, series);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        List<String> texts = tickLabels(chart, "getYAxis");
        for (String label : List.of("0.4", "0.5", "0.6", "0.7", "0.8")) {
            assertTrue(texts.contains(label), label + " in " + texts);
        }
        List<String> epochs = tickLabels(chart, "getXAxis");
        for (String epoch : List.of("1", "2", "3", "4")) {
            assertTrue(epochs.contains(epoch), epoch + " in " + epochs);
        }
    }

    @Test
    void aLogAxisOverDecadesIsLabelledAtTheDecadesInPowersOfTen() throws Exception {
        Map<String, double[][]> series = Map.of("loss", new double[][] {{1, 2, 3, 4}, {2e-7, 1e-5, 1e-3, 0.5}});
        List<String> texts = tickLabels(Charts.lineChart("loss", "epoch", "MSE", true, series), "getYAxis");
        for (String label : List.of("10⁻⁶", "10⁻⁵", "10⁻⁴", "0.001", "0.01", "0.1")) {
            assertTrue(texts.contains(label), label + " in " + texts);
        }
    }

    @Test
    void aLogAxisWithTooFewTicksIsDrawnLinearAndSaysSo() {
        Map<String, double[][]> series = Map.of("loss", new double[][] {{1, 2, 3}, {0.0101, 0.0105, 0.0115}});
        XYChart chart = Charts.lineChart("loss", "epoch", "MSE", true, series);
        assertFalse(chart.getStyler().isYAxisLogarithmic());
        assertEquals("MSE (linear: less than a decade)", chart.getYAxisTitle());
    }

    @Test
    void epochAxesAreLabelledAtRoundIntegersAndTheFrameEnclosesTheTargetLine() throws Exception {
        double[] epochs = new double[656];
        double[] losses = new double[656];
        for (int e = 0; e < epochs.length; e++) {
            epochs[e] = e + 1;
            losses[e] = 0.5 * Math.exp(-e / 150.0);
        }
        XYChart chart = Charts.lineChart("loss", "epoch", "MSE", true, Map.of("mse", new double[][] {epochs, losses}),
                Map.of("target", losses[655]));
        assertTrue(chart.getStyler().getYAxisMin() < losses[655], "the target line is inside the frame");
        assertTrue(chart.getStyler().getXAxisMin() < 1 && chart.getStyler().getXAxisMax() > 656);
        List<String> texts = tickLabels(chart, "getXAxis");
        assertTrue(texts.contains("200") && texts.contains("400") && texts.contains("600"), texts.toString());
        assertFalse(texts.contains("80") || texts.contains("159"), texts.toString());
    }

    @Test
    void seriesDifferInColourLineStyleAndMarker() {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            series.put("s" + k, new double[][] {{1, 2, 3}, {k + 1, k + 2, k + 3}});
        }
        XYChart chart = Charts.lineChart("t", "x", "y", false, series);
        List<XYSeries> shown = chart.getSeriesCollection().stream().filter(XYSeries::isShowInLegend).toList();
        assertEquals(4, shown.size());
        assertEquals(4, shown.stream().map(XYSeries::getLineColor).distinct().count());
        assertEquals(4, shown.stream().map(s -> java.util.Arrays.toString(s.getLineStyle().getDashArray())).distinct()
                .count());
        assertEquals(4, shown.stream().map(s -> s.getMarker().getClass()).distinct().count());
    }

    @Test
    void aSeriesWithABandGetsAShadedAreaAndABadBandIsRefused() {
        Map<String, double[][]> series = Map.of("mean", new double[][] {{1, 2}, {1, 2}, {0.5, 1.5}, {1.5, 2.5}});
        XYChart chart = Charts.lineChart("t", "x", "y", true, series);
        assertEquals(1, bands(chart));
        Map<String, double[][]> outside = Map.of("mean", new double[][] {{1, 2}, {1, 2}, {1.5, 1.5}, {1.5, 2.5}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Charts.lineChart("t", "x", "y", false, outside))
                .getMessage().contains("does not contain y = 1.0"));
    }

    @Test
    void experimentThreeIsDrawnAgainstEpochsAndWallTimeWithBandsAcrossSeeds() {
        RadialExperiment3.Run[] full = new RadialExperiment3.Run[3];
        RadialExperiment3.Run[] reduced = new RadialExperiment3.Run[3];
        for (int s = 0; s < 3; s++) {
            double[] losses = new double[20 + s];
            for (int e = 0; e < losses.length; e++) {
                losses[e] = (1 + 0.1 * s) * Math.exp(-e / 5.0);
            }
            full[s] = new RadialExperiment3.Run(10.0 + s, losses.length, losses[losses.length - 1],
                    StopReason.TARGET_LOSS, losses, TrainingPass.Method.DENSE);
            reduced[s] = new RadialExperiment3.Run(0.5 + s, losses.length, losses[losses.length - 1],
                    StopReason.TARGET_LOSS, losses.clone(), TrainingPass.Method.FUSED);
        }
        RadialExperiment3.Result result = new RadialExperiment3.Result(new RadialExperiment3.Settings(3, 0.01, 100),
                "ejml", "test", "unknown", new int[] {2, 16, 2}, new int[] {2, 3, 2}, full, reduced);
        List<XYChart> panels = ReproduceCommand.lossCurves(result);
        assertEquals(2, panels.size());
        assertEquals("epoch", panels.get(0).getXAxisTitle());
        assertTrue(panels.get(1).getXAxisTitle().startsWith("wall time (s)"));
        for (XYChart panel : panels) {
            assertEquals(2, bands(panel));
        }
        XYSeries wallTime = panels.get(1).getSeries("line of full [2, 16, 2], mean ± sd of 3 seeds (thin: each seed)");
        assertEquals(20, wallTime.getXData().length, "the curve covers the epochs every seed ran");
        // epoch 1 of a run of E epochs that took T seconds is taken to end at T / E
        assertEquals((10.0 / 20 + 11.0 / 21 + 12.0 / 22) / 3, wallTime.getXData()[0], 1e-12);
    }

    @Test
    void rcnetChartsShowBandsAcrossSeeds(@TempDir Path plots) throws Exception {
        List<RcnetExperiment.Row> rows = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            rows.add(new RcnetExperiment.Row(r, 100, new double[] {0.01 / r, 0.012 / r}, new double[] {0.5, 0.4},
                    new double[] {0.05, 0.03, 0.02}, 50, new double[] {0.6 + 0.1 * r, 0.65 + 0.1 * r},
                    new double[] {0.7, 0.5, 0.3}));
        }
        RcnetExperiment.Settings settings = RcnetExperiment.Settings.defaults();
        List<Path> files = SharingReport.plots(new RcnetExperiment.Result(settings, "ejml", "test", "unknown", rows), plots);
        assertEquals(3, files.size());
        for (Path file : files) {
            assertEquals(Charts.WIDTH, ImageIO.read(file.toFile()).getWidth());
        }
    }

    private static long bands(XYChart chart) {
        return chart.getSeriesCollection().stream()
                .filter(s -> s.getXYSeriesRenderStyle().orElse(null) == XYSeriesRenderStyle.PolygonArea).count();
    }

    /**
     * The tick labels XChart draws on an axis, read after laying the chart out. XChart draws text
     * as outlines (no text in an SVG) and keeps the ticks in package-private parts, hence the
     * reflection.
     */
    private static List<String> tickLabels(XYChart chart, String axis) throws Exception {
        BitmapEncoder.getBufferedImage(chart);
        Object pair = call(chart, AxesChart.class, "getAxisPair");
        Object calculator = call(call(pair, pair.getClass(), axis), Axis_.class, "getAxisTickCalculator");
        List<String> labels = new ArrayList<>();
        for (Object label : (List<?>) call(calculator, AxisTickCalculator_.class, "getTickLabels")) {
            if (label != null && !label.toString().isBlank()) {
                labels.add(label.toString().trim());
            }
        }
        return labels;
    }

    private static Object call(Object target, Class<?> owner, String method) throws Exception {
        Method m = owner.getDeclaredMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    private static Document svgDocument(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
    }

    @Test
    void writingIntoAMissingDirectoryFailsNamingTheFile() {
        Path png = directory.resolve("missing").resolve("loss.png");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Charts.write(Charts.lineChart("loss", "epoch", "MSE", false, losses()), png));
        assertTrue(e.getMessage().contains("loss.png"), e.getMessage());
    }

    @Test
    void badSeriesAreRefusedWithTheirName() {
        Map<String, double[][]> ragged = Map.of("full", new double[][] {{1, 2}, {1}});
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Charts.lineChart("t", "x", "y", false, ragged)).getMessage().contains("'full'"));
        Map<String, double[][]> nan = Map.of("reduced", new double[][] {{1, 2}, {1, Double.NaN}});
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Charts.lineChart("t", "x", "y", false, nan)).getMessage().contains("non-finite"));
        Map<String, double[][]> zeroOnLog = Map.of("full", new double[][] {{1, 2}, {1, 0}});
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Charts.lineChart("t", "x", "y", true, zeroOnLog)).getMessage().contains("logarithmic"));
        assertThrows(IllegalArgumentException.class, () -> Charts.lineChart("t", "x", "y", false, Map.of()));
    }

    @Test
    void badHeatMapsAreRefused() {
        double[] xs = {0, 1};
        double[] ys = {0};
        assertThrows(IllegalArgumentException.class,
                () -> Charts.heatMap("t", "x", "y", xs, ys, new double[][] {{0}}));
        assertThrows(IllegalArgumentException.class,
                () -> Charts.heatMap("t", "x", "y", xs, ys, new double[][] {{0, Double.POSITIVE_INFINITY}}));
        assertThrows(IllegalArgumentException.class,
                () -> Charts.heatMap("t", "x", "y", new double[0], ys, new double[][] {{}}));
    }
}
