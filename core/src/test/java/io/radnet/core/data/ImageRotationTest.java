package io.radnet.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bilinear rotation against exact permutations (0°, 90°, 180°, 270°, 360°) and a hand
 * computation at 45°; the angle classes; the rotation-prediction data set built from them.
 */
class ImageRotationTest {
    private static double[] randomImage(int height, int width, long seed) {
        return new SplittableRandom(seed).doubles((long) height * width, 0, 1).toArray();
    }

    @Test
    void zeroAndFullTurnsAreTheIdentity() {
        double[] image = randomImage(28, 28, 1);
        assertArrayEquals(image, ImageRotation.rotate(image, 28, 28, 0.0));
        assertArrayEquals(image, ImageRotation.rotate(image, 28, 28, 360.0));
        assertArrayEquals(image, ImageRotation.rotate(image, 28, 28, -720.0));
    }

    @Test
    void quarterTurnsAreExactPermutations() {
        int n = 28;
        double[] image = randomImage(n, n, 2);
        double[] quarter = ImageRotation.rotate(image, n, n, 90.0);
        double[] half = ImageRotation.rotate(image, n, n, 180.0);
        double[] threeQuarters = ImageRotation.rotate(image, n, n, 270.0);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                // counter-clockwise: the right column becomes the top row
                assertEquals(image[c * n + (n - 1 - r)], quarter[r * n + c], 0.0);
                assertEquals(image[(n - 1 - r) * n + (n - 1 - c)], half[r * n + c], 0.0);
                assertEquals(image[(n - 1 - c) * n + r], threeQuarters[r * n + c], 0.0);
            }
        }
        assertArrayEquals(quarter, ImageRotation.rotate(image, n, n, -270.0));
    }

    @Test
    void bilinearValuesMatchAHandComputationAt45Degrees() {
        // 2 × 2 image, centre (0.5, 0.5). Output pixel (0, 0): x = −0.5, y = 0.5, so
        // x_s = 0 and y_s = √2/2: source (r_s, c_s) = (0.5 − √2/2, 0.5) = (−0.2071…, 0.5).
        // Its neighbours are rows −1 (outside, 0) and 0 with weights 1 − f_r and f_r = r_s + 1,
        // columns 0 and 1 with weight 1/2 each: value = f_r · (p00 + p01) / 2.
        double[] image = {0.2, 0.6, 0.9, 0.4};
        double[] rotated = ImageRotation.rotate(image, 2, 2, 45.0);
        double fr = 0.5 - Math.sqrt(0.5) + 1.0;
        assertEquals(fr * (0.2 + 0.6) / 2, rotated[0], 1e-15);
        // output pixel (1, 1): x = 0.5, y = −0.5: x_s = 0, y_s = −√2/2, source (0.5 + √2/2, 0.5),
        // rows 1 and 2 (outside): value = (1 − (r_s − 1)) · (p10 + p11) / 2
        double frBottom = 0.5 + Math.sqrt(0.5) - 1.0;
        assertEquals((1 - frBottom) * (0.9 + 0.4) / 2, rotated[3], 1e-15);
    }

    @Test
    void whatComesFromOutsideTheImageIsZeroAndTheInsideOfAConstantImageStaysConstant() {
        int n = 28;
        double[] ones = new double[n * n];
        java.util.Arrays.fill(ones, 1.0);
        double[] rotated = ImageRotation.rotate(ones, n, n, 45.0);
        // corner (0, 0): x = −13.5, y = 13.5 → x_s = 0, y_s = 13.5·√2, r_s = 13.5 − 19.09… < −1
        for (int corner : new int[] {0, n - 1, n * (n - 1), n * n - 1}) {
            assertEquals(0.0, rotated[corner], 0.0, "corner " + corner);
        }
        // inside the inscribed disc every source lies among four pixels of value 1
        for (int r = 8; r < 20; r++) {
            for (int c = 8; c < 20; c++) {
                assertEquals(1.0, rotated[r * n + c], 1e-15, "pixel " + r + ", " + c);
            }
        }
    }

    @Test
    void angleClassesAreTheNearestMultipleOf30DegreesModulo12() {
        assertEquals(0, ImageRotation.angleClass(0.0));
        assertEquals(0, ImageRotation.angleClass(14.99));
        assertEquals(1, ImageRotation.angleClass(15.01));
        assertEquals(1, ImageRotation.angleClass(44.99));
        assertEquals(2, ImageRotation.angleClass(45.01));
        assertEquals(6, ImageRotation.angleClass(180.0));
        assertEquals(11, ImageRotation.angleClass(344.99));
        assertEquals(0, ImageRotation.angleClass(345.01));
        assertEquals(0, ImageRotation.angleClass(Math.nextDown(360.0)));
        for (int k = 0; k < 12; k++) {
            assertEquals(k, ImageRotation.angleClass(30.0 * k), "class of " + 30 * k + "°");
        }
    }

    @Test
    void badInputFailsWithOneLine() {
        assertEquals("a rotation angle must be in [0°, 360°), got 360.0",
                assertThrows(IllegalArgumentException.class, () -> ImageRotation.angleClass(360.0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageRotation.angleClass(Double.NaN));
        assertEquals("an image of 2 × 3 needs 6 values, got 5 in and 5 out", assertThrows(IllegalArgumentException.class,
                () -> ImageRotation.rotate(new double[5], 2, 3, 10.0)).getMessage());
        assertEquals("the rotation angle must be finite, got Infinity", assertThrows(IllegalArgumentException.class,
                () -> ImageRotation.rotate(new double[4], 2, 2, Double.POSITIVE_INFINITY)).getMessage());
        double[] same = new double[4];
        assertThrows(IllegalArgumentException.class, () -> ImageRotation.rotate(same, 2, 2, 10.0, same));
    }

    @Test
    void theDataSetPairsEachRotatedImageWithItsOriginalAndTheClassOfItsAngle() {
        Backend ejml = Backends.get("ejml");
        int n = 5;
        double[][] rows = new double[7][];
        for (int s = 0; s < rows.length; s++) {
            rows[s] = randomImage(n, n, 10 + s);
        }
        Dataset data = RotationPrediction.dataset(ejml.fromRows(rows), n, n, 6, 42);
        double[] angles = RotationPrediction.angles(6, 42);
        assertEquals(6, data.size());
        assertEquals(2 * n * n, data.inputWidth());
        double[] inputs = data.inputs().toRowMajor();
        double[] targets = data.targets().toRowMajor();
        for (int s = 0; s < 6; s++) {
            double[] rotated = ImageRotation.rotate(rows[s], n, n, angles[s]);
            for (int p = 0; p < n * n; p++) {
                assertEquals(rotated[p], inputs[s * 2 * n * n + p], 0.0);
                assertEquals(rows[s][p], inputs[s * 2 * n * n + n * n + p], 0.0);
            }
            assertEquals(ImageRotation.angleClass(angles[s]), targets[s], 0.0);
            assertEquals(true, angles[s] >= 0 && angles[s] < 360);
        }
        assertArrayEquals(angles, RotationPrediction.angles(6, 42));
        assertEquals("the rotation data set needs 1 … 7 samples (the images available), got 8",
                assertThrows(IllegalArgumentException.class,
                        () -> RotationPrediction.dataset(ejml.fromRows(rows), n, n, 8, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RotationPrediction.dataset(ejml.fromRows(rows), 4, 6, 3, 1));
    }

    @Test
    void anglesCoverAllTwelveClassesEvenly() {
        int[] counts = new int[12];
        for (double a : RotationPrediction.angles(12_000, 7)) {
            counts[ImageRotation.angleClass(a)]++;
        }
        for (int k = 0; k < 12; k++) {
            assertEquals(1000, counts[k], 100, "class " + k);
        }
    }
}
