package io.radnet.api.tck;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeded random inputs and the shapes the contract suite runs every op on: empty, 1×1,
 * vectors in both orientations, small and medium rectangles both ways.
 */
public final class SeededInputs {
    private SeededInputs() {
    }

    /** The shapes every op is checked on, as {rows, cols}. */
    public static final List<int[]> SHAPES = List.of(
            new int[] {0, 0}, new int[] {0, 3}, new int[] {3, 0}, new int[] {1, 1}, new int[] {1, 6},
            new int[] {6, 1}, new int[] {4, 7}, new int[] {7, 4}, new int[] {17, 9}, new int[] {33, 64},
            new int[] {5, 2100});

    /**
     * @return {@link #SHAPES} as JUnit arguments (rows, cols)
     */
    public static Stream<Arguments> shapes() {
        return SHAPES.stream().map(s -> Arguments.of(s[0], s[1]));
    }

    /**
     * @return the shapes of {@link #SHAPES} without a zero dimension, as JUnit arguments (rows,
     *     cols): the shapes that reach a backend's kernels
     */
    public static Stream<Arguments> nonEmptyShapes() {
        return SHAPES.stream().filter(s -> s[0] > 0 && s[1] > 0).map(s -> Arguments.of(s[0], s[1]));
    }

    /**
     * @return (m, k, n) triples for products, including zero dimensions and vectors
     */
    public static Stream<Arguments> productShapes() {
        return Stream.of(
                Arguments.of(0, 3, 4), Arguments.of(3, 0, 4), Arguments.of(3, 4, 0), Arguments.of(1, 1, 1),
                Arguments.of(1, 7, 1), Arguments.of(7, 1, 5), Arguments.of(5, 7, 1), Arguments.of(1, 5, 6),
                Arguments.of(13, 9, 11), Arguments.of(64, 48, 33), Arguments.of(3, 1003, 2),
                Arguments.of(150, 140, 130), Arguments.of(9, 2500, 10), Arguments.of(6, 14641, 5));
    }

    /**
     * @param seed the seed
     * @param rows rows
     * @param cols columns
     * @return entries uniform in [−1, 1), row-major
     */
    public static double[][] matrix(long seed, int rows, int cols) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble(-1.0, 1.0);
            }
        }
        return m;
    }

    /**
     * @param backend the backend to create the tensor on
     * @param seed the seed
     * @param rows rows
     * @param cols columns
     * @return a tensor with entries uniform in [−1, 1)
     */
    public static Tensor tensor(Backend backend, long seed, int rows, int cols) {
        return rows == 0 ? backend.zeros(0, cols) : backend.fromRows(matrix(seed, rows, cols));
    }

    /**
     * @param seed the seed
     * @param length length
     * @return a vector uniform in [−1, 1)
     */
    public static double[] vector(long seed, int length) {
        return new SplittableRandom(seed).doubles(length, -1.0, 1.0).toArray();
    }
}
