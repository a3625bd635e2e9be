package io.radnet.core.data;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.io.DataTooLargeException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The rotation-prediction task of the hypernetworks paper (§5, Figs. 3, 5, 7): for an image I,
 * draw α ~ U(0°, 360°), let x = I rotated by α ({@link ImageRotation}, bilinear, zero fill), and
 * ask for the class of α, the nearest multiple of 30° ({@link ImageRotation#angleClass}, 12
 * classes). A hypernetwork reads the rows [x | I] as {@code HyperNetwork} and
 * {@code EmbeddingNetwork} take them: the first h·w columns x, the next h·w columns I.
 *
 * <p>Sample s uses image s of the given images and the angle α_s = 360°·u_s, u_s the s-th
 * draw of {@code SplittableRandom(seed).nextDouble()} ({@link #angles}), so a data set is
 * deterministic for its images, count and seed.
 */
public final class RotationPrediction {
    private RotationPrediction() {
    }

    /**
     * @param count N ≥ 0
     * @param seed the seed
     * @return α_1 … α_N, each in [0°, 360°): the angles {@link #dataset} uses for that seed
     */
    public static double[] angles(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("the number of angles must be at least 0, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] angles = new double[count];
        for (int s = 0; s < count; s++) {
            angles[s] = 360.0 * random.nextDouble();
        }
        return angles;
    }

    /**
     * @param images the images, one per row, each h × w values row-major (e.g. Fashion-MNIST's
     *     inputs, N × 784); not modified
     * @param height h ≥ 1
     * @param width w ≥ 1, with h·w = the images' columns
     * @param count how many samples, 1 ≤ count ≤ the number of images: images 0 … count − 1
     * @param seed the seed of the angles
     * @return inputs count × 2hw, row s = [x_s | I_s]; targets count × 1, the class of α_s
     * @throws IllegalArgumentException if a size does not fit
     * @throws DataTooLargeException if the data set would not fit in the free heap (checked
     *     before it is allocated)
     */
    public static Dataset dataset(Tensor images, int height, int width, int count, long seed) {
        Objects.requireNonNull(images, "images");
        long pixels = (long) height * width;
        if (height < 1 || width < 1 || images.cols() != pixels) {
            throw new IllegalArgumentException("images of " + height + " × " + width + " need " + pixels
                    + " columns, but the images are " + images.shape());
        }
        if (count < 1 || count > images.rows()) {
            throw new IllegalArgumentException("the rotation data set needs 1 … " + images.rows()
                    + " samples (the images available), got " + count);
        }
        long bytes = 8L * count * (2 * pixels + 1) * 2;
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (2 * pixels * count > Integer.MAX_VALUE || bytes > free) {
            throw new DataTooLargeException("the rotation data set of " + count + " samples of 2 × " + pixels
                    + " values needs about " + bytes / (1 << 20) + " MB, more than the " + free / (1 << 20)
                    + " MB of heap free; use fewer samples", bytes);
        }
        Backend backend = images.backend();
        double[] angles = angles(count, seed);
        int columns = (int) (2 * pixels);
        double[] inputs = new double[count * columns];
        double[] targets = new double[count];
        double[] image = new double[(int) pixels];
        double[] rotated = new double[(int) pixels];
        try (Tensor row = backend.zeros(1, (int) pixels)) {
            for (int s = 0; s < count; s++) {
                backend.copyBlock(images, s, 0, 1, (int) pixels, row, 0, 0);
                System.arraycopy(row.toRowMajor(), 0, image, 0, image.length);
                ImageRotation.rotate(image, height, width, angles[s], rotated);
                System.arraycopy(rotated, 0, inputs, s * columns, rotated.length);
                System.arraycopy(image, 0, inputs, s * columns + image.length, image.length);
                targets[s] = ImageRotation.angleClass(angles[s]);
            }
        }
        return Dataset.of(backend.fromRowMajor(count, columns, inputs), backend.fromRowMajor(count, 1, targets));
    }
}
