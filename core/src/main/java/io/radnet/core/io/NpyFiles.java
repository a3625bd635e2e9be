package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0): the magic
 * {@code \x93NUMPY}, the version, the header length (uint16 for 1.0, uint32 after), a header
 * that is a Python dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (60000,
 * 784), }} padded with spaces and ended by a newline, then the elements.
 *
 * <p>Accepted: the dtypes {@code <f8}, {@code <f4}, {@code |i1}, {@code <i2}, {@code <i4},
 * {@code <i8} and {@code |u1} ({@link ElementType}), C (row-major) order, one or more
 * dimensions. Refused, with a one-line {@link ModelFileException} naming the file, the offset or
 * header field and what was expected: {@code fortran_order: True}, big-endian ({@code >f8}) and
 * object or structured dtypes, a scalar (0-d) array, a length that does not match the shape, a
 * float that is not finite, an int64 beyond 2⁵³. The first dimension counts the samples: a
 * shape (n₁, n₂, …, n_r) is read as an n₁ × (n₂ ⋯ n_r) tensor, (n₁,) as n₁ × 1. The length and
 * the heap are checked before allocation; nothing half-read is returned.
 */
public final class NpyFiles {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The longest header accepted (numpy's own limit for a safe read is 10 000 characters). */
    private static final int MAX_HEADER = 1 << 16;
    /** numpy aligns the data to this many bytes. */
    private static final int ALIGNMENT = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final long DIMENSION_CAP = 1L << 31;
    private static final String ACCEPTED = "'<f8', '<f4', '|i1', '<i2', '<i4', '<i8', '|u1'";

    private NpyFiles() {
    }

    /**
     * An npy file's header.
     *
     * @param type the element type
     * @param shape the dimensions, each ≥ 0, at least one (not modified by readers)
     * @param dataOffset the byte offset of the first element
     */
    public record Header(ElementType type, int[] shape, long dataOffset) {
        /** @return n₁, the number of samples */
        public int samples() {
            return shape[0];
        }

        /** @return n₂ ⋯ n_r (1 for a one-dimensional array), saturated at 2³¹ */
        public long sampleWidth() {
            long width = 1;
            for (int k = 1; k < shape.length; k++) {
                width = Math.min(width * shape[k], DIMENSION_CAP);
            }
            return width;
        }

        /** @return the shape as numpy prints it, e.g. {@code (60000, 784)} or {@code (5,)} */
        public String shapeText() {
            StringBuilder s = new StringBuilder("(");
            for (int k = 0; k < shape.length; k++) {
                s.append(k == 0 ? "" : ", ").append(shape[k]);
            }
            return s.append(shape.length == 1 ? ",)" : ")").toString();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Header h && type == h.type && dataOffset == h.dataOffset && Arrays.equals(shape, h.shape);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, Arrays.hashCode(shape), dataOffset);
        }

        @Override
        public String toString() {
            return "npy " + type.label() + " " + shapeText();
        }
    }

    /**
     * Reads only the header.
     *
     * @param file an npy file
     * @return its header
     * @throws ModelFileException naming the file, the offset or field and what was expected
     */
    public static Header header(Path file) {
        FileChecks.requireRegularInput(file, "npy file");
        try (InputStream in = Files.newInputStream(file)) {
            return readHeader(file, in);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + FileChecks.reason(e), e);
        }
    }

    /**
     * Reads an array as doubles: n₁ × (n₂ ⋯ n_r).
     *
     * @param file an npy file
     * @param backend the backend to hold the tensor
     * @return the tensor, every value widened exactly
     * @throws ModelFileException naming the file, the offset or field and what was expected (see
     *     the class comment)
     * @throws DataTooLargeException if the tensor would not fit in the heap
     */
    public static Tensor read(Path file, Backend backend) {
        return read(file, backend, 0);
    }

    /**
     * Reads class labels: an array of n₁ values (shape (n₁,) or (n₁, 1)), each an integer
     * 0 … c − 1 (stored in any dtype; a float must be integral).
     *
     * @param file an npy file
     * @param backend the backend to hold the tensor
     * @param classes c ≥ 1
     * @return the n₁ × 1 tensor of labels
     * @throws ModelFileException as {@link #read}, and naming the element of a label that is not
     *     a class index, or the shape when it is not one label per sample
     * @throws DataTooLargeException if the tensor would not fit in the heap
     */
    public static Tensor readLabels(Path file, Backend backend, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("labels need at least one class, got " + classes);
        }
        return read(file, backend, classes);
    }

    private static Tensor read(Path file, Backend backend, int classes) {
        Objects.requireNonNull(backend, "backend");
        FileChecks.requireRegularInput(file, "npy file");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Header header = readHeader(file, in);
            if (classes > 0 && header.sampleWidth() != 1) {
                throw new ModelFileException(file + ": header field 'shape': " + header.shapeText()
                        + "; class labels are one per sample, shape (n,) or (n, 1)");
            }
            long width = header.sampleWidth();
            if (header.samples() == 0 || width == 0) {
                throw new ModelFileException(file + ": header field 'shape': " + header.shapeText() + " holds no values; "
                        + "a data set needs at least one sample of one value");
            }
            if (width >= DIMENSION_CAP || header.samples() * width > Integer.MAX_VALUE - 8) {
                throw new DataTooLargeException(file + ": shape " + header.shapeText() + " has more values than one tensor "
                        + "holds (" + (Integer.MAX_VALUE - 8) + ")", Long.MAX_VALUE);
            }
            BinaryArrays.Layout layout = new BinaryArrays.Layout(file, header.type(), ByteOrder.LITTLE_ENDIAN,
                    header.samples(), (int) width, header.dataOffset(), header.shapeText());
            long expected = header.dataOffset() + layout.dataBytes();
            long actual = Files.size(file);
            if (actual != expected) {
                throw new ModelFileException(file + ": " + (actual < expected ? "truncated" : "more bytes than its shape")
                        + ": the file has " + actual + " bytes, but the " + layout.need() + " (" + expected + " in all)");
            }
            return BinaryArrays.read(in, layout, new BinaryArrays.Values(1, classes), backend);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + FileChecks.reason(e), e);
        }
    }

    private static Header readHeader(Path file, InputStream in) throws IOException {
        byte[] prefix = in.readNBytes(MAGIC.length + 2);
        if (prefix.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(prefix, MAGIC.length), MAGIC)) {
            throw new ModelFileException(file + ": byte 0: bad magic number; expected an npy file, which starts with "
                    + "\\x93NUMPY");
        }
        if (prefix.length < MAGIC.length + 2) {
            throw new ModelFileException(file + ": truncated at byte " + prefix.length + ": the format version needs bytes 6..7");
        }
        int major = prefix[6] & 0xFF;
        if (major < 1 || major > 3) {
            throw new ModelFileException(file + ": byte 6: npy format version " + major + "." + (prefix[7] & 0xFF)
                    + "; expected 1.0, 2.0 or 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new ModelFileException(file + ": truncated at byte " + (8 + lengthField.length) + ": the header length "
                    + "needs bytes 8.." + (7 + lengthBytes));
        }
        ByteBuffer lengthView = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lengthView.getShort(0) & 0xFFFF : lengthView.getInt(0) & 0xFFFFFFFFL;
        int headerStart = 8 + lengthBytes;
        if (headerLength > MAX_HEADER) {
            throw new ModelFileException(file + ": byte 8: a header of " + headerLength + " bytes; expected at most "
                    + MAX_HEADER);
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new ModelFileException(file + ": truncated at byte " + (headerStart + headerBytes.length) + ": the header "
                    + "announces " + headerLength + " bytes, to byte " + (headerStart + headerLength));
        }
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        String where = file + ": header (bytes " + headerStart + ".." + (headerStart + headerLength - 1) + ")";
        if (!text.startsWith("{") || !text.endsWith("}")) {
            throw new ModelFileException(where + " is not a Python dict literal {'descr': ..., 'fortran_order': ..., "
                    + "'shape': ...}");
        }
        ElementType type = dtype(file, field(where, DESCR, text, "descr", "a dtype string such as '<f8'"));
        if (field(where, FORTRAN, text, "fortran_order", "True or False").equals("True")) {
            throw new ModelFileException(file + ": header field 'fortran_order' is True; only C (row-major) order is read "
                    + "(save np.ascontiguousarray(x))");
        }
        int[] shape = shape(file, field(where, SHAPE, text, "shape", "a tuple of sizes such as (60000, 784)"));
        return new Header(type, shape, headerStart + headerLength);
    }

    private static String field(String where, Pattern pattern, String text, String name, String expected) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new ModelFileException(where + ": no field '" + name + "' with " + expected);
        }
        return m.group(1);
    }

    private static ElementType dtype(Path file, String descr) {
        String where = file + ": header field 'descr' is '" + CsvData.printable(descr) + "'";
        if (descr.length() < 2) {
            throw new ModelFileException(where + "; expected one of " + ACCEPTED);
        }
        char order = descr.charAt(0);
        String kind = descr.substring(1);
        ElementType type = switch (kind) {
            case "f8" -> ElementType.FLOAT64;
            case "f4" -> ElementType.FLOAT32;
            case "i1" -> ElementType.INT8;
            case "i2" -> ElementType.INT16;
            case "i4" -> ElementType.INT32;
            case "i8" -> ElementType.INT64;
            case "u1" -> ElementType.UINT8;
            default -> null;
        };
        if (kind.startsWith("O")) {
            throw new ModelFileException(where + ": object arrays are refused; expected one of " + ACCEPTED);
        }
        if (type == null || "<>|=".indexOf(order) < 0) {
            throw new ModelFileException(where + ": unsupported dtype; expected one of " + ACCEPTED);
        }
        if (type.itemSize() > 1 && order != '<') {
            throw new ModelFileException(where + (order == '>' ? ": big-endian" : ": no byte order")
                    + "; only little-endian ('<') is read (save x.astype('<" + CsvData.printable(kind) + "'))");
        }
        return type;
    }

    private static int[] shape(Path file, String tuple) {
        List<Integer> sizes = new ArrayList<>();
        String[] parts = tuple.split(",", -1);
        for (int k = 0; k < parts.length; k++) {
            String part = parts[k].strip();
            if (part.isEmpty() && k == parts.length - 1 && k > 0) {
                break;
            }
            if (part.isEmpty() && parts.length == 1) {
                break;
            }
            if (!part.matches("[0-9]{1,10}") || Long.parseLong(part) > Integer.MAX_VALUE) {
                throw new ModelFileException(file + ": header field 'shape' is (" + CsvData.printable(tuple) + "): '"
                        + CsvData.printable(part) + "' is not a size 0.." + Integer.MAX_VALUE);
            }
            sizes.add(Integer.parseInt(part));
        }
        if (sizes.isEmpty()) {
            throw new ModelFileException(file + ": header field 'shape' is (): a scalar; a data set needs an array of "
                    + "one or more dimensions");
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Writes a matrix as an npy file (format 1.0, C order, little-endian), atomically: shape
     * (rows, cols), every value narrowed to {@code type} (rounded to nearest for float32,
     * exactly for an integer type).
     *
     * @param file the file to create or replace; its directory must exist
     * @param values the matrix, not modified
     * @param type the element type
     * @throws IllegalArgumentException naming the first value the type cannot hold (a fraction or
     *     an out-of-range value for an integer type, a value beyond float32's range, NaN or ±∞);
     *     the file is then unchanged
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path file, Tensor values, ElementType type) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(type, "type");
        double[] entries = values.toRowMajor();
        int cols = values.cols();
        String descr = (type.itemSize() == 1 ? "|" : "<") + switch (type) {
            case FLOAT64 -> "f8";
            case FLOAT32 -> "f4";
            case INT8 -> "i1";
            case INT16 -> "i2";
            case INT32 -> "i4";
            case INT64 -> "i8";
            case UINT8 -> "u1";
        };
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + values.rows() + ", " + cols + "), }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        String header = dict + " ".repeat((ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT) + "\n";
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(entries.length, type.itemSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < entries.length; i++) {
            if (!type.encode(entries[i], data)) {
                throw new IllegalArgumentException("cannot write " + file + " as " + type.label() + ": entry (" + i / cols
                        + ", " + i % cols + ") = " + entries[i] + " is not " + (type.isInteger()
                        ? String.format(Locale.ROOT, "an integer %.0f..%.0f", type.minimum(), type.maximum())
                        : "a finite " + type.label()));
            }
        }
        AtomicFiles.write(file, out -> {
            out.write(MAGIC);
            out.write(new byte[] {1, 0, (byte) (header.length() & 0xFF), (byte) (header.length() >>> 8)});
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            out.write(data.array());
        });
    }
}
