package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Charts.writePng(Charts.lineChart("loss", "epoch", "MSE", true, losses()), png);

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
        Charts.writePng(Charts.heatMap("|F − f|", "x1", "x2", new double[] {0, 0.5, 1}, new double[] {0, 1}, values), png);

        assertEquals(900, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void writingIntoAMissingDirectoryFailsNamingTheFile() {
        Path png = directory.resolve("missing").resolve("loss.png");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Charts.writePng(Charts.lineChart("loss", "epoch", "MSE", false, losses()), png));
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
