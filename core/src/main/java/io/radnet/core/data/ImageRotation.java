package io.radnet.core.data;

import java.util.Objects;

/**
 * Rotation of a grey-scale image by bilinear interpolation with zero fill, and the angle classes
 * of the hypernetworks paper's rotation-prediction task (§5: the label of a rotation by α is the
 * nearest multiple of 30°, 12 classes).
 *
 * <p>An image is h × w values, pixel (r, c) at index w·r + c (row r downwards, column c to the
 * right), as {@link Datasets#fashionMnist} lays them out. The rotation turns the picture by α
 * degrees counter-clockwise about the centre (c_r, c_c) = ((h − 1)/2, (w − 1)/2): with
 * x = c − c_c and y = c_r − r (y upwards), output pixel (r, c) takes the input's value at
 * <pre>
 *   x_s =  cos α · x + sin α · y,    c_s = c_c + x_s,
 *   y_s = −sin α · x + cos α · y,    r_s = c_r − y_s,
 * </pre>
 * interpolated bilinearly from the four pixels around (r_s, c_s); pixels outside the image
 * count as 0. For α a multiple of 90° the cosine and sine are exactly 0 or ±1, so on a square
 * image the rotation is an exact permutation of the pixels (90°: out(r, c) = in(c, w − 1 − r)).
 */
public final class ImageRotation {
    /** The number of angle classes: multiples 0°, 30°, …, 330° of {@link #CLASS_DEGREES}. */
    public static final int CLASSES = 12;
    /** The angle between two classes, in degrees. */
    public static final double CLASS_DEGREES = 30.0;

    private ImageRotation() {
    }

    /**
     * @param image h × w values, row-major; not modified
     * @param height h ≥ 1
     * @param width w ≥ 1
     * @param degrees α, any finite angle (counter-clockwise)
     * @param out h × w values, overwritten with the rotated image; must not be {@code image}
     * @throws IllegalArgumentException if a length is not h·w, the arrays are the same, or α is not finite
     */
    public static void rotate(double[] image, int height, int width, double degrees, double[] out) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(out, "out");
        if (height < 1 || width < 1 || image.length != (long) height * width || out.length != image.length) {
            throw new IllegalArgumentException("an image of " + height + " × " + width + " needs " + (long) height * width
                    + " values, got " + image.length + " in and " + out.length + " out");
        }
        if (image == out) {
            throw new IllegalArgumentException("rotate needs distinct input and output arrays");
        }
        if (!Double.isFinite(degrees)) {
            throw new IllegalArgumentException("the rotation angle must be finite, got " + degrees);
        }
        double cos = cosDegrees(degrees);
        double sin = sinDegrees(degrees);
        double centreRow = (height - 1) / 2.0;
        double centreCol = (width - 1) / 2.0;
        for (int r = 0; r < height; r++) {
            double y = centreRow - r;
            for (int c = 0; c < width; c++) {
                double x = c - centreCol;
                double sourceCol = centreCol + cos * x + sin * y;
                double sourceRow = centreRow - (-sin * x + cos * y);
                out[r * width + c] = bilinear(image, height, width, sourceRow, sourceCol);
            }
        }
    }

    /**
     * @param image h × w values; not modified
     * @param height h
     * @param width w
     * @param degrees α
     * @return the rotated image, a new array (see {@link #rotate(double[], int, int, double, double[])})
     */
    public static double[] rotate(double[] image, int height, int width, double degrees) {
        double[] out = new double[Objects.requireNonNull(image, "image").length];
        rotate(image, height, width, degrees, out);
        return out;
    }

    /**
     * The class of a rotation angle: the nearest multiple k·30° of α, k taken modulo 12, so that
     * angles near 360° belong to class 0 with those near 0°. Ties (α = 15° + 30°·k, probability
     * zero for a continuous α) go to the larger multiple. The paper's published code instead
     * takes the nearest of 0°, …, 330° without wrapping, which puts (345°, 360°) into class 11.
     *
     * @param degrees α ∈ [0°, 360°)
     * @return k ∈ {0, …, 11}
     * @throws IllegalArgumentException if α is not in [0, 360)
     */
    public static int angleClass(double degrees) {
        if (!(degrees >= 0.0 && degrees < 360.0)) {
            throw new IllegalArgumentException("a rotation angle must be in [0°, 360°), got " + degrees);
        }
        return (int) Math.round(degrees / CLASS_DEGREES) % CLASSES;
    }

    /** cos α for α in degrees, exactly 0 or ±1 at multiples of 90°. */
    static double cosDegrees(double degrees) {
        double reduced = degrees % 360.0;
        if (reduced % 90.0 == 0.0) {
            int quarter = (int) Math.floorMod((long) (reduced / 90.0), 4L);
            return new double[] {1.0, 0.0, -1.0, 0.0}[quarter];
        }
        return Math.cos(Math.toRadians(reduced));
    }

    /** sin α for α in degrees, exactly 0 or ±1 at multiples of 90°. */
    static double sinDegrees(double degrees) {
        double reduced = degrees % 360.0;
        if (reduced % 90.0 == 0.0) {
            int quarter = (int) Math.floorMod((long) (reduced / 90.0), 4L);
            return new double[] {0.0, 1.0, 0.0, -1.0}[quarter];
        }
        return Math.sin(Math.toRadians(reduced));
    }

    /** The bilinear interpolation at (row, col), pixels outside the image counting as 0. */
    private static double bilinear(double[] image, int height, int width, double row, double col) {
        double r0 = Math.floor(row);
        double c0 = Math.floor(col);
        double fr = row - r0;
        double fc = col - c0;
        int top = (int) r0;
        int left = (int) c0;
        return (1 - fr) * ((1 - fc) * pixel(image, height, width, top, left) + fc * pixel(image, height, width, top, left + 1))
                + fr * ((1 - fc) * pixel(image, height, width, top + 1, left)
                + fc * pixel(image, height, width, top + 1, left + 1));
    }

    private static double pixel(double[] image, int height, int width, int row, int col) {
        return row < 0 || row >= height || col < 0 || col >= width ? 0.0 : image[row * width + col];
    }
}
