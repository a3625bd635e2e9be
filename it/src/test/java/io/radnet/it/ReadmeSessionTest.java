package io.radnet.it;

import static io.radnet.it.InProcessRadnet.radnet;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command-line session (init, info, train, compress, eval) run in-process on
 * EJML: the numbers the README shows — epochs to the target, losses, parameter counts — come
 * out of these commands, and the compressed model's loss equals the full one's to rounding.
 */
class ReadmeSessionTest {
    @TempDir
    Path dir;

    /** The README's grid: y = sigmoid(x) on 21 × 21 points of [−3, 3]², 6 decimals, as its Python script. */
    private Path grid() throws IOException {
        StringBuilder s = new StringBuilder("x1,x2,y1,y2\n");
        for (int i = 0; i < 21; i++) {
            for (int j = 0; j < 21; j++) {
                double a = -3 + 0.3 * i;
                double b = -3 + 0.3 * j;
                s.append(String.format(Locale.ROOT, "%.1f,%.1f,", a, b)).append(sixDecimals(1 / (1 + Math.exp(-a))))
                        .append(',').append(sixDecimals(1 / (1 + Math.exp(-b)))).append('\n');
            }
        }
        Path file = dir.resolve("grid.csv");
        Files.writeString(file, s);
        return file;
    }

    private static String sixDecimals(double v) {
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    @Test
    void theSessionGivesTheReadmesNumbers() throws IOException {
        Path model = dir.resolve("model.safetensors");
        Path trained = dir.resolve("trained.safetensors");
        Path small = dir.resolve("small.safetensors");
        Path data = grid();
        assertTrue(Files.readString(data).startsWith("x1,x2,y1,y2\n-3.0,-3.0,0.047426,0.047426\n-3.0,-2.7,0.047426,0.062973\n"));

        assertTrue(radnet("init", "--widths", "2,16,64,128,16,2", "--activation", "sigmoid", "--seed", 1, "-o", model)
                .endsWith(": RadialNetwork[2, 16, 64, 128, 16, 2] sigmoid, 11554 parameters, seed 1\n"));
        assertTrue(radnet("info", model, "--backend", "ejml")
                .contains("reduced widths  [2, 3, 4, 5, 6, 2] (100 parameters after QR-compress)"));
        String train = radnet("train", model, "--data", data, "-o", trained, "--epochs", 5000, "--target-loss", 0.01,
                "--backend", "ejml");
        assertTrue(train.contains("epochs     656 (stopped: target loss)"), train);
        assertTrue(train.contains("mse        0.458453 (epoch 1) → 0.00999976 (epoch 656)"), train);
        String compress = radnet("compress", trained, "-o", small, "--backend", "ejml");
        assertTrue(compress.contains("parameters  11554 → 100"), compress);
        String full = radnet("eval", trained, "--data", data, "--backend", "ejml");
        String reduced = radnet("eval", small, "--data", data, "--backend", "ejml");
        assertTrue(full.startsWith("mse 0.009982981391876622 on 441 samples"), full);
        assertTrue(reduced.startsWith("mse 0.009982981391876625 on 441 samples"), reduced);
    }
}
