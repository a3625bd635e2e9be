package io.radnet.it;

import static io.radnet.it.InProcessRadnet.radnet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.approx.AffineMap;
import io.radnet.core.approx.Approximation;
import io.radnet.core.approx.BoundedWidthApproximation;
import io.radnet.core.approx.BoxDomain;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.StepReluBallCover;
import io.radnet.core.approx.VectorFunction;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.RadialNetwork;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's constructive-approximation example, line for line, with what the README states,
 * and its {@code approximate -o} / {@code info} session run in-process.
 */
class ReadmeApproximationExampleTest {
    @Test
    void theReadmeApproximationExampleComputesWhatTheReadmeSays() {
        Backend backend = Backends.get("ejml");
        VectorFunction hat = VectorFunction.scalar(1, x -> Math.max(0, 1 - Math.abs(x[0])));
        BoxDomain k = new BoxDomain(new double[] {-1.5}, new double[] {1.5});
        Approximation<RadialNetwork> a = StepReluBallCover.build(backend, hat, k, Modulus.lipschitz(1.0), 0.05, AffineMap.zero(1, 1));
        double error = a.maxError(hat, k.grid(10_001));
        Approximation<RadialNetwork> b = BoundedWidthApproximation.build(backend, hat, k, Modulus.lipschitz(1.0), 0.05, AffineMap.zero(1, 1));
        RadialNetwork small = QrCompression.compress(b.network()).network();

        assertTrue(error <= a.certificate().bound() && a.certificate().bound() < 0.05);
        assertEquals(3.0 / 62, a.certificate().bound(), 1e-6, "31 cells of width 3/31: R·r = half a cell");
        assertTrue(error > 0.999 * a.certificate().bound(), "the hat attains the bound at a cell's edge");
        int[] widths = small.widths();
        int[] expected = new int[widths.length];
        Arrays.fill(expected, 3);
        expected[0] = 1;
        expected[1] = 2;
        expected[widths.length - 1] = 1;
        assertArrayEquals(expected, widths, "Theorem 4's first hidden layer shrinks from n+m+1 = 3 to n+1 = 2");
        int hidden3 = widths.length - 3;
        assertEquals(2 * 2 + 3 * 3 + (hidden3 - 1) * 12 + 4, small.parameters().size());
        assertEquals(b.network().parameters().size() - 5, small.parameters().size(), "485 of 490 parameters");
        assertTrue(new Approximation<>(small, b.certificate()).maxError(hat, k.grid(10_001)) <= b.certificate().bound());
    }

    @Test
    void theReadmesSavedApproximationHasTheSizesInfoShows(@TempDir Path dir) {
        String model = dir.resolve("hat.safetensors").toString();
        String report = radnet("approximate", "--function", "max(0, 1-abs(x1))", "--domain", "-1.5:1.5", "--epsilon",
                "0.2", "--lipschitz", "1", "--construction", "bounded-width", "-o", model, "--backend", "ejml");
        for (String line : new String[] {"widths              1, 3 ×11, 1", "parameters          130 (24 depend on the target)",
            "balls               11", "model file          wrote " + model + " (safetensors; the certificate is not stored in it)"}) {
            assertTrue(report.lines().anyMatch(line::equals), "'" + line + "' missing from:\n" + report);
        }
        assertTrue(report.contains("certified bound     |F − f| ≤ 1.86e-1 (ε = 2.00e-1)"), report);
        String info = radnet("info", model, "--backend", "ejml");
        for (String line : new String[] {"kind            radial", "widths          [1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1]",
            "activation      step-relu", "shifts          none", "parameters      130",
            "reduced widths  [1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1] (125 parameters after QR-compress)"}) {
            assertTrue(info.lines().anyMatch(line::equals), "'" + line + "' missing from:\n" + info);
        }
    }
}
