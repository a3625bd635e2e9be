package io.radnet.api.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radnet.api.RadialCoefficients;
import io.radnet.api.RadialProfile;
import io.radnet.api.tck.RadialContract;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RadialColumnArrays#forward} gives, bit for bit, the arithmetic its class documents,
 * computed here one column at a time with no blocking: r from the sum of squares in entry order
 * (max·‖v/max‖ when that sum may have underflowed or overflowed), then
 * {@link RadialCoefficients#evaluate} and out = c·z. Widths that are and are not multiples of
 * the kernel's four columns in flight, single rows, offsets, in-place output, zero columns and
 * columns whose sums of squares underflow or overflow; heap arrays and direct buffers.
 */
class RadialColumnArraysTest {
    private static final double SHIFT = 0.25;

    @ParameterizedTest(name = "{0} × {1}, in place: {2}")
    @CsvSource({"1, 1, false", "1, 9, true", "3, 4, false", "5, 7, true", "17, 3, false", "64, 13, true",
        "1024, 10, false", "785, 6, true"})
    void forwardMatchesTheColumnByColumnArithmeticBitForBit(int rows, int cols, boolean inPlace) {
        double[] z = columns(rows, cols, 11L * rows + cols);
        for (RadialProfile profile : new RadialProfile[] {RadialContract.SIGMOID, RadialContract.SQUASH}) {
            int zOffset = 3;
            int stateOffset = 2;
            double[] input = new double[zOffset + z.length + 5];
            System.arraycopy(z, 0, input, zOffset, z.length);
            double[] out = inPlace ? input : new double[zOffset + z.length + 5];
            double[] state = new double[stateOffset + 3 * cols + 4];
            RadialColumnArrays.forward(input, zOffset, rows, cols, profile, SHIFT, out, zOffset, state, stateOffset);

            double[] expectedOut = new double[z.length];
            double[] expectedState = new double[3 * cols];
            reference(z, rows, cols, profile, expectedOut, expectedState);
            for (int k = 0; k < z.length; k++) {
                assertBits(expectedOut[k], out[zOffset + k], "out[" + k + "]");
            }
            for (int k = 0; k < 3 * cols; k++) {
                assertBits(expectedState[k], state[stateOffset + k], "state[" + k + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0} × {1}")
    @CsvSource({"1, 5", "6, 9", "300, 11"})
    void forwardOnDirectBuffersMatchesTheArithmeticBitForBit(int rows, int cols) {
        double[] z = columns(rows, cols, 7L * rows + cols);
        DoubleBuffer zBuffer = direct(z.length).put(0, z);
        DoubleBuffer out = direct(z.length);
        DoubleBuffer state = direct(3 * cols);
        RadialColumnArrays.forward(zBuffer, rows, cols, RadialContract.SIGMOID, SHIFT, out, state);

        double[] expectedOut = new double[z.length];
        double[] expectedState = new double[3 * cols];
        reference(z, rows, cols, RadialContract.SIGMOID, expectedOut, expectedState);
        for (int k = 0; k < z.length; k++) {
            assertBits(expectedOut[k], out.get(k), "out[" + k + "]");
        }
        for (int k = 0; k < 3 * cols; k++) {
            assertBits(expectedState[k], state.get(k), "state[" + k + "]");
        }
    }

    /** Seeded columns, among them a zero column, one of tiny entries and one of huge entries. */
    private static double[] columns(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] z = new double[rows * cols];
        for (int k = 0; k < z.length; k++) {
            z[k] = random.nextDouble(-3.0, 3.0);
        }
        for (int column = 0; column < cols; column++) {
            double scale = switch (column % 5) {
                case 1 -> 0.0;
                case 3 -> 1e-170;
                case 4 -> column % 2 == 0 ? 1e160 : 1.0;
                default -> 1.0;
            };
            for (int j = 0; j < rows; j++) {
                z[column * rows + j] *= scale;
            }
        }
        return z;
    }

    /** The class doc's arithmetic, one column at a time. */
    private static void reference(double[] z, int rows, int cols, RadialProfile profile, double[] out,
                                  double[] state) {
        for (int column = 0; column < cols; column++) {
            int base = column * rows;
            double sum = 0.0;
            for (int j = 0; j < rows; j++) {
                sum += z[base + j] * z[base + j];
            }
            double r = NormArrays.needsRescaling(sum) ? NormArrays.scaledNorm(z, base, 1, rows) : Math.sqrt(sum);
            RadialCoefficients.evaluate(profile, SHIFT, r, state, 3 * column, 1);
            for (int j = 0; j < rows; j++) {
                out[base + j] = state[3 * column + 1] * z[base + j];
            }
        }
    }

    private static DoubleBuffer direct(int size) {
        return ByteBuffer.allocateDirect(8 * size).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    private static void assertBits(double expected, double actual, String where) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                where + ": expected " + expected + ", got " + actual);
    }
}
