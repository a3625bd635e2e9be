package io.radnet.core.io;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The numeric element types of the binary array files radnet reads (IDX and NumPy {@code .npy}),
 * each widened to double on reading: exactly for every type but {@link #INT64}, whose values are
 * exact only up to 2⁵³ in magnitude (larger ones are refused by the readers).
 */
public enum ElementType {
    /** Unsigned 8-bit integers, 0 … 255. */
    UINT8(1, true),
    /** Signed 8-bit integers, −128 … 127. */
    INT8(1, true),
    /** Signed 16-bit integers. */
    INT16(2, true),
    /** Signed 32-bit integers. */
    INT32(4, true),
    /** Signed 64-bit integers (exact as doubles up to 2⁵³ in magnitude). */
    INT64(8, true),
    /** IEEE 754 binary32. */
    FLOAT32(4, false),
    /** IEEE 754 binary64. */
    FLOAT64(8, false);

    /** 2⁵³: every integer of at most this magnitude is a double exactly. */
    private static final long EXACT_INTEGER_LIMIT = 1L << 53;

    private final int itemSize;
    private final boolean integer;

    ElementType(int itemSize, boolean integer) {
        this.itemSize = itemSize;
        this.integer = integer;
    }

    /** @return the bytes per element: 1, 2, 4 or 8 */
    public int itemSize() {
        return itemSize;
    }

    /** @return whether the elements are integers (class labels may be stored in these) */
    public boolean isInteger() {
        return integer;
    }

    /** @return the name in messages, e.g. {@code uint8}, {@code float32} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Widens {@code count} elements to doubles.
     *
     * @param source the elements from index 0, in the buffer's byte order; not modified (absolute reads)
     * @param destination receives the values at 0 … count − 1
     * @param count the number of elements
     * @return the index of the first element that is not a finite double exactly (NaN or ±∞ for a
     *     float type, a magnitude above 2⁵³ for {@link #INT64}), or −1 if there is none
     */
    int decode(ByteBuffer source, double[] destination, int count) {
        switch (this) {
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    destination[i] = source.get(i) & 0xFF;
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    destination[i] = source.get(i);
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) {
                    destination[i] = source.getShort(2 * i);
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    destination[i] = source.getInt(4 * i);
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) {
                    long value = source.getLong(8 * i);
                    if (value > EXACT_INTEGER_LIMIT || value < -EXACT_INTEGER_LIMIT) {
                        return i;
                    }
                    destination[i] = value;
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    destination[i] = source.getFloat(4 * i);
                }
                return firstNonFinite(destination, count);
            }
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    destination[i] = source.getDouble(8 * i);
                }
                return firstNonFinite(destination, count);
            }
            default -> throw new AssertionError(this);
        }
        return -1;
    }

    /**
     * Narrows one value to this type, for writing.
     *
     * @param value a finite double; for an integer type an integer within the type's range
     * @param target receives the element at its position, in its byte order
     * @return whether the value is representable (exactly for integer types, rounded to nearest for
     *     {@link #FLOAT32}, finite always); nothing is written when it is not
     */
    boolean encode(double value, ByteBuffer target) {
        if (!Double.isFinite(value)) {
            return false;
        }
        if (integer && (value != Math.rint(value) || value < minimum() || value > maximum())) {
            return false;
        }
        switch (this) {
            case UINT8, INT8 -> target.put((byte) (long) value);
            case INT16 -> target.putShort((short) (long) value);
            case INT32 -> target.putInt((int) (long) value);
            case INT64 -> target.putLong((long) value);
            case FLOAT32 -> {
                float narrowed = (float) value;
                if (Float.isInfinite(narrowed)) {
                    return false;
                }
                target.putFloat(narrowed);
            }
            case FLOAT64 -> target.putDouble(value);
            default -> throw new AssertionError(this);
        }
        return true;
    }

    /** @return the smallest value an integer type holds (as a double; −2⁵³ for {@link #INT64}) */
    double minimum() {
        return switch (this) {
            case UINT8 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> -EXACT_INTEGER_LIMIT;
            case FLOAT32, FLOAT64 -> Double.NEGATIVE_INFINITY;
        };
    }

    /** @return the largest value an integer type holds (as a double; 2⁵³ for {@link #INT64}) */
    double maximum() {
        return switch (this) {
            case UINT8 -> 255;
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case INT64 -> EXACT_INTEGER_LIMIT;
            case FLOAT32, FLOAT64 -> Double.POSITIVE_INFINITY;
        };
    }

    private static int firstNonFinite(double[] values, int count) {
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
