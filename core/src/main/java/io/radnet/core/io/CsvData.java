package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Data sets as CSV text: one sample per line, the input columns and the target columns (last by
 * default; first or from any column with a {@link LabelColumn}), separated by commas (spaces and tabs around cells are ignored; blank lines are
 * skipped; a UTF-8 byte order mark at the start is dropped). The file must be valid UTF-8.
 *
 * <p>The first non-blank line is a header, and is skipped, when none of its cells is a number;
 * a line with some numeric and some non-numeric cells is an error, never a header. Every data
 * cell must be a plain decimal number: an optional sign, digits with an optional fraction
 * (or a fraction alone), an optional exponent ({@code -1}, {@code 2.5}, {@code .5},
 * {@code 6e-3}), and finite as a double. {@code NaN}, {@code Infinity}, hexadecimal
 * ({@code 0x1p1}), Java suffixes ({@code 1d}, {@code 2f}) and control characters such as a
 * trailing NUL are refused. Every error is a {@link ModelFileException} naming the file, the
 * 1-based line and, where one is at fault, the column and the cell.
 *
 * <p>Reading never holds more than the heap allows: a line longer than
 * {@value #MAX_LINE_CHARS} bytes is refused, and so is a file whose values would need
 * more than the heap has free at {@value #BYTES_PER_VALUE} bytes per value (the read buffer,
 * the input and target arrays and the backend's copy), with a {@link DataTooLargeException}
 * as soon as the values read so far pass that bound. Devices and pipes are read the same way
 * ({@code /dev/zero} fails at its first line's length).
 */
public final class CsvData {
    /** The longest line read, in bytes (16 MiB). */
    public static final int MAX_LINE_CHARS = 1 << 24;
    /** The heap a value of the data set takes while it is read and stored, in bytes. */
    public static final int BYTES_PER_VALUE = 32;

    private CsvData() {
    }

    /**
     * Reads a data set for regression: every target column is a number.
     *
     * @param file the CSV file
     * @param backend the backend to hold the tensors
     * @param inputColumns d ≥ 1, the number of input columns (the model's input width)
     * @param targetColumns k ≥ 1, the number of target columns
     * @return inputs (size × d) and targets (size × k), the targets the last k columns
     * @throws ModelFileException naming the file, the line and the problem: a wrong number of
     *     columns, a cell that is not a plain finite decimal number, invalid UTF-8, or no data
     *     rows
     * @throws DataTooLargeException if the values would not fit in the heap
     */
    public static DataTensors read(Path file, Backend backend, int inputColumns, int targetColumns) {
        return read(file, backend, inputColumns, targetColumns, LabelColumn.LAST);
    }

    /**
     * Reads a data set for regression with the k target columns at a given position.
     *
     * @param file the CSV file
     * @param backend the backend to hold the tensors
     * @param inputColumns d ≥ 1, the number of input columns
     * @param targetColumns k ≥ 1, the number of target columns
     * @param targetsAt where the k consecutive target columns start
     * @return inputs (size × d, the other columns in order) and targets (size × k)
     * @throws IllegalArgumentException if the target columns do not fit in d + k columns
     * @throws ModelFileException as {@link #read(Path, Backend, int, int)}
     * @throws DataTooLargeException if the values would not fit in the heap
     */
    public static DataTensors read(Path file, Backend backend, int inputColumns, int targetColumns,
                                   LabelColumn targetsAt) {
        if (inputColumns < 1 || targetColumns < 1) {
            throw new IllegalArgumentException("a data set needs at least one input and one target column, got "
                    + inputColumns + " and " + targetColumns);
        }
        return read(file, backend, inputColumns, targetColumns, targetsAt, 0, freeHeapValues());
    }

    /**
     * Reads a data set for classification: d input columns, then one column of class labels,
     * each an integer 0 … classes − 1 (written {@code 2}, {@code 2.0} or {@code 2e0}).
     *
     * @param file the CSV file
     * @param backend the backend to hold the tensors
     * @param inputColumns d ≥ 1, the number of input columns
     * @param classes c ≥ 1, the number of classes (the model's output width)
     * @return inputs (size × d) and labels (size × 1), the label the last column
     * @throws ModelFileException as {@link #read(Path, Backend, int, int)}, and naming the file,
     *     line and label when a label is not a class index
     * @throws DataTooLargeException if the values would not fit in the heap
     */
    public static DataTensors readLabelled(Path file, Backend backend, int inputColumns, int classes) {
        return readLabelled(file, backend, inputColumns, classes, LabelColumn.LAST);
    }

    /**
     * Reads a data set for classification with the label in a given column: {@code first} for
     * Kaggle-style files ({@code label,pixel1,…}), {@code last}, or a column number.
     *
     * @param file the CSV file
     * @param backend the backend to hold the tensors
     * @param inputColumns d ≥ 1, the number of input columns
     * @param classes c ≥ 1, the number of classes
     * @param labelAt the column of the labels
     * @return inputs (size × d, the other columns in order) and labels (size × 1)
     * @throws IllegalArgumentException if the label column is beyond the d + 1 columns
     * @throws ModelFileException as {@link #readLabelled(Path, Backend, int, int)}
     * @throws DataTooLargeException if the values would not fit in the heap
     */
    public static DataTensors readLabelled(Path file, Backend backend, int inputColumns, int classes,
                                           LabelColumn labelAt) {
        if (inputColumns < 1 || classes < 1) {
            throw new IllegalArgumentException("a labelled data set needs at least one input column and one class, got "
                    + inputColumns + " and " + classes);
        }
        return read(file, backend, inputColumns, 1, labelAt, classes, freeHeapValues());
    }

    /** @return how many values fit in the heap not in use now, at {@link #BYTES_PER_VALUE} each */
    private static long freeHeapValues() {
        return DataHeap.freeBytes() / BYTES_PER_VALUE;
    }

    /**
     * @param classes 0 for numeric targets, else the number of classes of the one label column
     * @param valueLimit the most values (cells of data lines) to hold
     */
    static DataTensors read(Path file, Backend backend, int inputColumns, int targetColumns, LabelColumn targetsAt,
                            int classes, long valueLimit) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(targetsAt, "targetsAt");
        int columns = inputColumns + targetColumns;
        int targetStart = targetsAt.start(columns, targetColumns);
        FileChecks.requireRegularInput(file, "data file");
        double[] values = new double[(int) Math.min(Math.max(columns, 1024), Math.max(columns, valueLimit))];
        int rows = 0;
        int number = 0;
        try (InputStream in = Files.newInputStream(file)) {
            LineReader lines = new LineReader(in);
            boolean first = true;
            String line;
            while (true) {
                number++;
                try {
                    line = lines.next();
                } catch (CharacterCodingException e) {
                    throw new ModelFileException(file + ": line " + number + " is not valid UTF-8");
                } catch (LineTooLongException e) {
                    throw new ModelFileException(file + ": line " + number + " is longer than " + MAX_LINE_CHARS
                            + " bytes; not a CSV data set");
                }
                if (line == null) {
                    break;
                }
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (isBlank(line)) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = strip(cells[c]);
                }
                if (first) {
                    first = false;
                    if (isHeader(file, number, cells)) {
                        continue;
                    }
                }
                if (cells.length != columns) {
                    throw new ModelFileException(file + ": line " + number + " has " + cells.length + " columns, expected "
                            + columns + " (" + inputColumns + " inputs" + (targetsAt.equals(LabelColumn.LAST)
                            ? ", then " : " and ") + (classes > 0 ? "1 label" : targetColumns + " targets")
                            + (targetsAt.equals(LabelColumn.LAST) ? "" : " in column " + (targetStart + 1)
                            + (targetColumns > 1 ? ".." + (targetStart + targetColumns) : "")) + ")");
                }
                long needed = (long) (rows + 1) * columns;
                if (needed > valueLimit) {
                    throw new DataTooLargeException(file + ": too large for the Java heap: at line " + number + ", "
                            + needed + " values need about " + bytes(needed * BYTES_PER_VALUE) + ", more than the "
                            + bytes(valueLimit * BYTES_PER_VALUE) + " free", needed * BYTES_PER_VALUE);
                }
                if (needed > Integer.MAX_VALUE - 8) {
                    throw new DataTooLargeException(file + ": at line " + number + ", more values than one Java array "
                            + "holds (" + (Integer.MAX_VALUE - 8) + ")", needed * BYTES_PER_VALUE);
                }
                if (needed > values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(Math.max(needed, (long) values.length * 3 / 2),
                            Math.min(valueLimit, Integer.MAX_VALUE - 8)));
                }
                int base = rows * columns;
                for (int c = 0; c < columns; c++) {
                    values[base + c] = parse(file, number, c, cells[c]);
                }
                if (classes > 0) {
                    checkLabel(file, number, targetStart + 1, values[base + targetStart], classes);
                }
                rows++;
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + FileChecks.reason(e), e);
        }
        if (rows == 0) {
            throw new ModelFileException(file + ": no data rows");
        }
        double[] x = new double[rows * inputColumns];
        double[] y = new double[rows * targetColumns];
        int afterTargets = columns - targetStart - targetColumns;
        for (int r = 0; r < rows; r++) {
            int line = r * columns;
            System.arraycopy(values, line, x, r * inputColumns, targetStart);
            System.arraycopy(values, line + targetStart, y, r * targetColumns, targetColumns);
            System.arraycopy(values, line + targetStart + targetColumns, x, r * inputColumns + targetStart, afterTargets);
        }
        values = null; // the read buffer is garbage before the backend copies the arrays
        return new DataTensors(backend.fromRowMajor(rows, inputColumns, x), backend.fromRowMajor(rows, targetColumns, y));
    }

    /** @return a byte count for people: {@code 384 bytes}, {@code 1.5 MB}, {@code 3.0 GB} (binary units) */
    static String bytes(long bytes) {
        if (bytes < 1 << 20) {
            return bytes + " bytes";
        }
        return bytes < 1L << 30 ? String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20))
                : String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }

    /**
     * @return whether the first line is a header: true when no cell is a number (in any
     *     spelling Java accepts, so that {@code NaN} or {@code 0x1p1} make a data line whose
     *     cell is then refused by name)
     * @throws ModelFileException naming the first non-numeric cell of a line that mixes both
     */
    private static boolean isHeader(Path file, int line, String[] cells) {
        int firstText = -1;
        boolean anyNumber = false;
        for (int c = 0; c < cells.length; c++) {
            if (looksNumeric(cells[c])) {
                anyNumber = true;
            } else if (firstText < 0) {
                firstText = c;
            }
        }
        if (anyNumber && firstText >= 0) {
            throw new ModelFileException(file + ": line " + line + ", column " + (firstText + 1) + ": '"
                    + printable(cells[firstText]) + "' is not a number, but other cells of the line are; a header line "
                    + "has no numeric cell and a data line only numbers");
        }
        return !anyNumber;
    }

    /**
     * @return whether the cell matches {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?} with d an
     *     ASCII digit: a plain decimal number
     */
    static boolean isPlainDecimal(String cell) {
        int k = 0;
        int n = cell.length();
        if (k < n && (cell.charAt(k) == '+' || cell.charAt(k) == '-')) {
            k++;
        }
        int integerDigits = digits(cell, k);
        k += integerDigits;
        int fractionDigits = 0;
        if (k < n && cell.charAt(k) == '.') {
            k++;
            fractionDigits = digits(cell, k);
            k += fractionDigits;
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (k < n && (cell.charAt(k) == 'e' || cell.charAt(k) == 'E')) {
            k++;
            if (k < n && (cell.charAt(k) == '+' || cell.charAt(k) == '-')) {
                k++;
            }
            int exponentDigits = digits(cell, k);
            if (exponentDigits == 0) {
                return false;
            }
            k += exponentDigits;
        }
        return k == n;
    }

    /** @return how many ASCII digits start at {@code from} */
    private static int digits(String text, int from) {
        int k = from;
        while (k < text.length() && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
            k++;
        }
        return k - from;
    }

    private static boolean looksNumeric(String cell) {
        if (isPlainDecimal(cell)) {
            return true;
        }
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double parse(Path file, int line, int column, String cell) {
        String where = file + ": line " + line + ", column " + (column + 1);
        if (!isPlainDecimal(cell)) {
            String spelling = cell.replaceFirst("^[+-]", "");
            if (spelling.equals("NaN") || spelling.equals("Infinity")) {
                throw new ModelFileException(where + " is " + cell + "; data must be finite (NaN and Infinity are refused)");
            }
            throw new ModelFileException(where + ": '" + printable(cell) + "' is not a "
                    + (looksNumeric(cell) ? "plain decimal number (digits, optional sign, fraction and exponent)"
                    : "number"));
        }
        double value = Double.parseDouble(cell);
        if (!Double.isFinite(value)) {
            throw new ModelFileException(where + ": " + printable(cell) + " is beyond the range of a double");
        }
        return value;
    }

    private static void checkLabel(Path file, int line, int column, double label, int classes) {
        if (!(label >= 0 && label < classes && label == Math.rint(label))) {
            throw new ModelFileException(file + ": line " + line + ", column " + column + ": the label " + label
                    + " is not a class index 0.." + (classes - 1));
        }
    }

    /** @return the cell, control characters as backslash-u escapes, cut after 40 characters */
    static String printable(String cell) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < cell.length() && s.length() < 40; k++) {
            char ch = cell.charAt(k);
            if (Character.isISOControl(ch)) {
                s.append(String.format("\\u%04x", (int) ch));
            } else {
                s.append(ch);
            }
        }
        return s.length() < 40 || cell.length() <= 40 ? s.toString() : s + "...";
    }

    private static boolean isBlank(String line) {
        return strip(line).isEmpty();
    }

    /** @return the text without leading and trailing spaces and tabs (only those) */
    private static String strip(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
            to--;
        }
        return text.substring(from, to);
    }

    /**
     * Lines ended by a line feed (a carriage return before it is dropped) or the end of the
     * input, each at most {@link #MAX_LINE_CHARS} bytes long and decoded as strict UTF-8.
     */
    private static final class LineReader {
        private final InputStream in;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final byte[] buffer = new byte[1 << 16];
        private byte[] line = new byte[256];
        private int position;
        private int limit;
        private boolean ended;

        LineReader(InputStream in) {
            this.in = in;
        }

        /**
         * @return the next line without its terminator, or null at the end of the input
         * @throws CharacterCodingException if the line is not valid UTF-8
         * @throws LineTooLongException past {@link #MAX_LINE_CHARS} bytes
         */
        String next() throws IOException {
            int length = 0;
            while (true) {
                if (position == limit) {
                    if (ended) {
                        return length > 0 ? decode(length) : null;
                    }
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        ended = true;
                        continue;
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int count = position - start;
                if (length + count > MAX_LINE_CHARS) {
                    throw new LineTooLongException();
                }
                if (length + count > line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE_CHARS, Math.max(length + count, 2 * line.length)));
                }
                System.arraycopy(buffer, start, line, length, count);
                length += count;
                if (position < limit) {
                    position++;
                    return decode(length);
                }
            }
        }

        private String decode(int length) throws CharacterCodingException {
            int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            return utf8.decode(ByteBuffer.wrap(line, 0, end)).toString();
        }
    }

    /** Signals a line past {@link #MAX_LINE_CHARS}; turned into a message naming the file and line. */
    private static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Writes a matrix as CSV, atomically: a header line, then one line per row, each value in
     * Java's shortest round-trip decimal form.
     *
     * @param file the file to create or replace; its directory must exist
     * @param header the column names, one per column of the matrix
     * @param values the matrix, not modified
     * @throws IllegalArgumentException if the header does not have one name per column
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path file, List<String> header, Tensor values) {
        if (header.size() != values.cols()) {
            throw new IllegalArgumentException("a CSV header of " + header.size() + " names for " + values.cols()
                    + " columns");
        }
        double[] v = values.toRowMajor();
        int cols = values.cols();
        AtomicFiles.write(file, out -> {
            StringBuilder s = new StringBuilder(String.join(",", header)).append('\n');
            for (int r = 0; r < values.rows(); r++) {
                for (int c = 0; c < cols; c++) {
                    s.append(c == 0 ? "" : ",").append(v[r * cols + c]);
                }
                s.append('\n');
                if (s.length() > 1 << 16) {
                    out.write(s.toString().getBytes(StandardCharsets.UTF_8));
                    s.setLength(0);
                }
            }
            out.write(s.toString().getBytes(StandardCharsets.UTF_8));
        });
    }
}
