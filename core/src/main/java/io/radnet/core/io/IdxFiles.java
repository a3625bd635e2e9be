package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed (told apart by
 * the gzip magic bytes {@code 1f 8b}, not by the name).
 *
 * <p>Layout (big-endian): two zero bytes; the element type ({@code 08} uint8, {@code 09} int8,
 * {@code 0B} int16, {@code 0C} int32, {@code 0D} float32, {@code 0E} float64); the number of
 * dimensions r ≥ 1; r sizes as int32; then n₁ · … · n_r elements in row-major order. The first
 * dimension counts the samples: the array is read as an n₁ × (n₂ ⋯ n_r) tensor (n₁ × 1 for r = 1),
 * so 60000 images of 28 × 28 pixels become a 60000 × 784 tensor, pixel (i, j) in column 28 i + j.
 *
 * <p>Everything is checked before the tensor is allocated where the file allows it (the header,
 * and for a plain file its length against the shape) and while it is read otherwise (a gzip
 * stream's length); a failure is a one-line {@link ModelFileException} naming the file, the byte
 * offset (in the decompressed data) and what was expected, and nothing half-read is returned.
 * The heap is checked before allocation ({@link DataTooLargeException}).
 */
public final class IdxFiles {
    /** The bytes before the sizes: two zeros, the type code, the number of dimensions. */
    private static final int MAGIC_BYTES = 4;
    /** An unsigned byte image's scale: pixel b ∈ {0, …, 255} becomes b / 255 ∈ [0, 1]. */
    private static final double BYTE_SCALE = 255;
    /** 2³¹: a saturation bound for products of sizes, beyond every tensor (no long overflow below it). */
    private static final long WIDTH_CAP = 1L << 31;

    private IdxFiles() {
    }

    /**
     * An IDX file's header.
     *
     * @param type the element type
     * @param dimensions n₁, …, n_r, each ≥ 0 (the array is not modified by readers)
     * @param compressed whether the file is gzip-compressed
     */
    public record Header(ElementType type, int[] dimensions, boolean compressed) {
        /** @return n₁, the number of samples */
        public int samples() {
            return dimensions[0];
        }

        /**
         * @return n₂ ⋯ n_r, the values per sample (1 for a one-dimensional file), saturated at
         *     2³¹ (more than one tensor row holds)
         */
        public long sampleWidth() {
            long width = 1;
            for (int k = 1; k < dimensions.length; k++) {
                width = Math.min(width * dimensions[k], WIDTH_CAP);
            }
            return width;
        }

        /** @return the byte offset of the first element: 4 + 4 r */
        public long dataOffset() {
            return MAGIC_BYTES + 4L * dimensions.length;
        }

        /** @return the shape as {@code 60000×28×28} */
        public String shape() {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < dimensions.length; k++) {
                s.append(k == 0 ? "" : "×").append(dimensions[k]);
            }
            return s.toString();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Header h && type == h.type && compressed == h.compressed
                    && Arrays.equals(dimensions, h.dimensions);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, Arrays.hashCode(dimensions), compressed);
        }

        @Override
        public String toString() {
            return "IDX " + type.label() + " " + shape() + (compressed ? " (gzip)" : "");
        }
    }

    /**
     * Reads only the header.
     *
     * @param file an IDX file, plain or gzip
     * @return its header
     * @throws ModelFileException naming the file, the offset and the problem: no such file, a bad
     *     magic number or element type, no dimensions, a negative size, or a truncated header
     */
    public static Header header(Path file) {
        FileChecks.requireRegularInput(file, "IDX file");
        try (InputStream in = open(file)) {
            return readHeader(file, in);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * Reads images (or any array): n₁ samples of n₂ ⋯ n_r values.
     *
     * @param file an IDX file, plain or gzip
     * @param backend the backend to hold the tensor
     * @param scaled true to divide uint8 values by 255 (pixels to [0, 1]), false to keep the
     *     stored values (raw)
     * @return the n₁ × (n₂ ⋯ n_r) tensor
     * @throws ModelFileException naming the file, the byte offset and what was expected: as
     *     {@link #header}, and no samples, a shape larger than one tensor, data shorter or longer
     *     than the shape, a float that is not finite, or {@code scaled} asked of a type other
     *     than uint8
     * @throws DataTooLargeException if the tensor would not fit in the heap
     */
    public static Tensor readImages(Path file, Backend backend, boolean scaled) {
        Objects.requireNonNull(backend, "backend");
        FileChecks.requireRegularInput(file, "IDX file");
        try (InputStream in = open(file)) {
            Header header = readHeader(file, in);
            if (scaled && header.type() != ElementType.UINT8) {
                throw new ModelFileException(file + ": byte 2: element type " + header.type().label()
                        + "; only uint8 images are scaled to [0, 1] (read the raw values instead)");
            }
            BinaryArrays.Layout layout = layout(file, header);
            return BinaryArrays.read(in, layout, scaled ? new BinaryArrays.Values(BYTE_SCALE, 0) : BinaryArrays.Values.RAW,
                    backend);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * Reads class labels: a one-dimensional file of integers, each a class index.
     *
     * @param file an IDX file, plain or gzip, of r = 1 dimension and an integer type
     * @param backend the backend to hold the tensor
     * @param classes c ≥ 1: every label must be 0 … c − 1
     * @return the n₁ × 1 tensor of labels
     * @throws ModelFileException naming the file, the byte offset and what was expected: as
     *     {@link #readImages}, and more than one dimension, a float type, or a label out of range
     * @throws DataTooLargeException if the tensor would not fit in the heap
     */
    public static Tensor readLabels(Path file, Backend backend, int classes) {
        Objects.requireNonNull(backend, "backend");
        if (classes < 1) {
            throw new IllegalArgumentException("labels need at least one class, got " + classes);
        }
        FileChecks.requireRegularInput(file, "IDX file");
        try (InputStream in = open(file)) {
            Header header = readHeader(file, in);
            requireLabelHeader(file, header);
            return BinaryArrays.read(in, layout(file, header), new BinaryArrays.Values(1, classes), backend);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * @param file the file, for the message
     * @param header its header
     * @throws ModelFileException unless the header is of one dimension and an integer type
     */
    public static void requireLabelHeader(Path file, Header header) {
        if (!header.type().isInteger()) {
            throw new ModelFileException(file + ": byte 2: element type " + header.type().label()
                    + "; class labels must be of an integer type");
        }
        if (header.dimensions().length != 1) {
            throw new ModelFileException(file + ": byte 3: " + header.dimensions().length + " dimensions (" + header.shape()
                    + "); class labels are one-dimensional");
        }
    }

    /** @return the stream of the file's (decompressed) bytes */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static Header readHeader(Path file, InputStream in) throws IOException {
        boolean compressed = in instanceof GZIPInputStream;
        byte[] magic = in.readNBytes(MAGIC_BYTES);
        if (magic.length < MAGIC_BYTES) {
            throw new ModelFileException(file + ": truncated at byte " + magic.length + ": an IDX file starts with 4 bytes "
                    + "(0, 0, the element type, the number of dimensions)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new ModelFileException(file + ": byte 0: bad magic number " + hex(magic) + "; expected an IDX file "
                    + "(00 00, the element type, the number of dimensions), plain or gzip");
        }
        ElementType type = switch (magic[2]) {
            case 0x08 -> ElementType.UINT8;
            case 0x09 -> ElementType.INT8;
            case 0x0B -> ElementType.INT16;
            case 0x0C -> ElementType.INT32;
            case 0x0D -> ElementType.FLOAT32;
            case 0x0E -> ElementType.FLOAT64;
            default -> throw new ModelFileException(file + ": byte 2: unknown IDX element type 0x"
                    + String.format("%02x", magic[2] & 0xFF) + "; expected 08, 09, 0b, 0c, 0d or 0e");
        };
        int rank = magic[3] & 0xFF;
        if (rank == 0) {
            throw new ModelFileException(file + ": byte 3: 0 dimensions; an IDX data set has at least one");
        }
        byte[] sizes = in.readNBytes(4 * rank);
        if (sizes.length < 4 * rank) {
            throw new ModelFileException(file + ": truncated at byte " + (MAGIC_BYTES + sizes.length) + ": the header "
                    + "announces " + rank + " dimensions, whose sizes need bytes 4.." + (MAGIC_BYTES + 4 * rank - 1));
        }
        ByteBuffer view = ByteBuffer.wrap(sizes).order(ByteOrder.BIG_ENDIAN);
        int[] dimensions = new int[rank];
        for (int k = 0; k < rank; k++) {
            dimensions[k] = view.getInt(4 * k);
            if (dimensions[k] < 0) {
                throw new ModelFileException(file + ": byte " + (MAGIC_BYTES + 4 * k) + ": dimension " + (k + 1) + " is "
                        + dimensions[k] + "; sizes are non-negative");
            }
        }
        return new Header(type, dimensions, compressed);
    }

    /**
     * @return the array as samples × values per sample
     * @throws ModelFileException if there are no samples or values, the shape exceeds one tensor,
     *     or a plain file's length does not match the shape
     */
    private static BinaryArrays.Layout layout(Path file, Header header) throws IOException {
        long width = header.sampleWidth();
        if (header.samples() == 0 || width == 0) {
            throw new ModelFileException(file + ": shape " + header.shape() + " holds no values; a data set needs at least "
                    + "one sample of one value");
        }
        long values = header.samples() * width;
        if (width > Integer.MAX_VALUE || values > Integer.MAX_VALUE - 8) {
            throw new DataTooLargeException(file + ": shape " + header.shape() + " has more values than one tensor holds ("
                    + (Integer.MAX_VALUE - 8) + ")", Long.MAX_VALUE);
        }
        BinaryArrays.Layout layout = new BinaryArrays.Layout(file, header.type(), ByteOrder.BIG_ENDIAN, header.samples(),
                (int) width, header.dataOffset(), header.shape());
        if (!header.compressed()) {
            long expected = header.dataOffset() + layout.dataBytes();
            long actual = Files.size(file);
            if (actual != expected) {
                throw new ModelFileException(file + ": " + (actual < expected ? "truncated" : "more bytes than its shape")
                        + ": the file has " + actual + " bytes, but the " + layout.need() + " (" + expected + " in all)");
            }
        }
        return layout;
    }

    private static ModelFileException failure(Path file, IOException e) {
        if (e instanceof EOFException) {
            return new ModelFileException(file + ": truncated gzip data in the header", e);
        }
        if (e instanceof ZipException) {
            return new ModelFileException(file + ": corrupt gzip data in the header: " + FileChecks.reason(e), e);
        }
        return new ModelFileException(file + ": cannot read: " + FileChecks.reason(e), e);
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xFF));
        }
        return s.toString();
    }
}
