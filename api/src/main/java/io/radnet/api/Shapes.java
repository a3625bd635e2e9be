package io.radnet.api;

/**
 * The one place where shapes, indices, block ranges and scalar values are checked, so that
 * every backend reports the same problem with the same exception and message. Every message
 * starts with the operation's name and names the offending arguments with their shapes.
 *
 * <p>Vector arguments: where an operation takes a vector of length n, any tensor of shape
 * 1×n or n×1 is accepted.
 */
public final class Shapes {
    private Shapes() {
    }

    /**
     * @param t a tensor
     * @return its shape as {@code "rowsxcols"}, e.g. {@code "3x4"}
     */
    public static String of(Tensor t) {
        return t.rows() + "x" + t.cols();
    }

    /**
     * Checks dimensions of a tensor to be created.
     *
     * @param op the operation
     * @param rows number of rows
     * @param cols number of columns
     * @throws ShapeMismatchException if a dimension is negative or rows·cols exceeds the
     *     largest Java array
     */
    public static void requireDimensions(String op, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new ShapeMismatchException(op + ": dimensions must be non-negative, got " + rows + "x" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new ShapeMismatchException(op + ": " + rows + "x" + cols + " has " + (long) rows * cols
                    + " entries, more than a dense tensor can hold (" + (Integer.MAX_VALUE - 8) + ")");
        }
    }

    /**
     * @param op the operation
     * @param name the argument's name
     * @param t the tensor
     * @param rows the required number of rows
     * @param cols the required number of columns
     * @throws ShapeMismatchException if t is not rows×cols
     */
    public static void requireShape(String op, String name, Tensor t, int rows, int cols) {
        if (t.rows() != rows || t.cols() != cols) {
            throw new ShapeMismatchException(op + ": " + name + " must be " + rows + "x" + cols + " but is " + of(t));
        }
    }

    /**
     * @param op the operation
     * @param nameA the first argument's name
     * @param a the first tensor
     * @param nameB the second argument's name
     * @param b the second tensor
     * @throws ShapeMismatchException if the shapes differ
     */
    public static void requireSameShape(String op, String nameA, Tensor a, String nameB, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new ShapeMismatchException(op + ": " + nameA + " is " + of(a) + " but " + nameB + " is " + of(b)
                    + "; they must have the same shape");
        }
    }

    /**
     * @param op the operation
     * @param name the argument's name
     * @param v the tensor that must be a vector (1×length or length×1)
     * @param length the required length
     * @param what what the length must match, for the message (e.g. "the rows of a")
     * @param matched the tensor whose dimension gives the length; its shape follows
     *     {@code what} in the message (e.g. "the rows of a (3x4)"), built only on failure
     * @throws ShapeMismatchException if v is not a vector of that length
     */
    public static void requireVector(String op, String name, Tensor v, int length, String what, Tensor matched) {
        boolean ok = (v.rows() == 1 && v.cols() == length) || (v.cols() == 1 && v.rows() == length);
        if (!ok) {
            throw new ShapeMismatchException(op + ": " + name + " must be a vector of length " + length + " (1x"
                    + length + " or " + length + "x1) matching " + what + " (" + of(matched) + "), but is " + of(v));
        }
    }

    /**
     * @param op the operation
     * @param t the tensor
     * @param row a row index
     * @param col a column index
     * @throws ShapeMismatchException if (row, col) is outside t
     */
    public static void requireIndex(String op, Tensor t, int row, int col) {
        if (row < 0 || row >= t.rows() || col < 0 || col >= t.cols()) {
            throw new ShapeMismatchException(op + ": index (" + row + ", " + col + ") is outside a " + of(t) + " tensor");
        }
    }

    /**
     * Checks that the block of {@code rows×cols} entries at ({@code row}, {@code col}) lies
     * inside t.
     *
     * @param op the operation
     * @param name the argument's name
     * @param t the tensor
     * @param row the block's first row
     * @param col the block's first column
     * @param rows the block's number of rows, ≥ 0
     * @param cols the block's number of columns, ≥ 0
     * @throws ShapeMismatchException if the block is negative-sized or leaves t
     */
    public static void requireBlock(String op, String name, Tensor t, int row, int col, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new ShapeMismatchException(op + ": block size must be non-negative, got " + rows + "x" + cols);
        }
        if (row < 0 || col < 0 || (long) row + rows > t.rows() || (long) col + cols > t.cols()) {
            throw new ShapeMismatchException(op + ": the " + rows + "x" + cols + " block at (" + row + ", " + col
                    + ") does not fit in " + name + " (" + of(t) + ")");
        }
    }

    /**
     * @param op the operation
     * @param name the scalar's name
     * @param value the scalar
     * @throws NonFiniteValueException if value is NaN or infinite
     */
    public static void requireFinite(String op, String name, double value) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteValueException(op + ": " + name + " must be finite, got " + value);
        }
    }

    /**
     * @param op the operation
     * @param name the argument's name
     * @param t the tensor that must not be null
     * @throws NullPointerException naming the argument if t is null
     */
    public static void requireNonNull(String op, String name, Object t) {
        if (t == null) {
            throw new NullPointerException(op + ": " + name + " is null");
        }
    }

    /**
     * @param op the operation
     * @param nameA the first argument's name
     * @param a the first tensor
     * @param nameB the second argument's name
     * @param b the second tensor
     * @throws IllegalArgumentException if a and b are the same object
     */
    public static void requireDistinct(String op, String nameA, Tensor a, String nameB, Tensor b) {
        if (a == b) {
            throw new IllegalArgumentException(op + ": " + nameB + " must not be the same tensor as " + nameA
                    + " (" + of(a) + "); pass a separate output");
        }
    }
}
