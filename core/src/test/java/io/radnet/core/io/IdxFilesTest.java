package io.radnet.core.io;

import static io.radnet.core.io.DataFileFixtures.gzip;
import static io.radnet.core.io.DataFileFixtures.idx;
import static io.radnet.core.io.DataFileFixtures.idxImages;
import static io.radnet.core.io.DataFileFixtures.idxLabels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IDX files: every element type, gzip or plain, and each corrupt variant refused in one line. */
class IdxFilesTest {
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    /** Three 2 × 2 images of bytes 0, 1, …, 9, 250, 255 (12 pixels). */
    private static final byte[] PIXELS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, (byte) 250, (byte) 255};

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @ParameterizedTest(name = "gzip {0}")
    @ValueSource(booleans = {false, true})
    void imagesAreScaledToTheUnitIntervalOrReadRaw(boolean compressed) throws IOException {
        byte[] bytes = idxImages(PIXELS, 3, 2, 2);
        Path file = write("images.idx", compressed ? gzip(bytes) : bytes);
        Tensor scaled = IdxFiles.readImages(file, EJML, true);
        assertEquals("3x4", scaled.shape());
        double[] expected = new double[12];
        double[] raw = new double[12];
        for (int k = 0; k < 12; k++) {
            raw[k] = PIXELS[k] & 0xFF;
            expected[k] = raw[k] / 255;
        }
        assertArrayEquals(expected, scaled.toRowMajor(), 0.0, "pixel b becomes b / 255 exactly");
        assertArrayEquals(raw, IdxFiles.readImages(file, EJML, false).toRowMajor(), 0.0);
        IdxFiles.Header header = IdxFiles.header(file);
        assertEquals(new IdxFiles.Header(ElementType.UINT8, new int[] {3, 2, 2}, compressed), header);
        assertEquals("3×2×2", header.shape());
        assertEquals(4, header.sampleWidth());
    }

    @Test
    void rowsLongerThanOneChunkAreFilledInOrder() throws IOException {
        int rows = 3;
        int cols = TensorRowWriter.CHUNK_VALUES + 5;
        byte[] data = new byte[rows * cols];
        for (int k = 0; k < data.length; k++) {
            data[k] = (byte) (k % 251);
        }
        Path file = write("wide.idx", idx(0x08, new int[] {rows, cols}, data));
        double[] read = IdxFiles.readImages(file, EJML, false).toRowMajor();
        for (int k = 0; k < data.length; k++) {
            assertEquals(k % 251, read[k], 0.0, "element " + k);
        }
        int many = 2 * (TensorRowWriter.CHUNK_VALUES / 4) + 3;
        byte[] narrow = new byte[many * 4];
        for (int k = 0; k < narrow.length; k++) {
            narrow[k] = (byte) (k % 253);
        }
        double[] back = IdxFiles.readImages(write("tall.idx.gz", gzip(idx(0x08, new int[] {many, 2, 2}, narrow))), EJML,
                false).toRowMajor();
        for (int k = 0; k < narrow.length; k++) {
            assertEquals(k % 253, back[k], 0.0, "element " + k + " across chunks");
        }
    }

    @Test
    void everyElementTypeIsReadExactly() throws IOException {
        ByteBuffer i8 = ByteBuffer.allocate(4).put((byte) -128).put((byte) -1).put((byte) 0).put((byte) 127);
        ByteBuffer i16 = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putShort((short) -32768).putShort((short) -2)
                .putShort((short) 300).putShort((short) 32767);
        ByteBuffer i32 = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putInt(Integer.MIN_VALUE).putInt(-7)
                .putInt(70000).putInt(Integer.MAX_VALUE);
        ByteBuffer f32 = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putFloat(0.1f).putFloat(-2.5f)
                .putFloat(Float.MIN_VALUE).putFloat(Float.MAX_VALUE);
        ByteBuffer f64 = ByteBuffer.allocate(32).order(ByteOrder.BIG_ENDIAN).putDouble(0.1).putDouble(-1e300)
                .putDouble(Double.MIN_VALUE).putDouble(-0.0);
        assertArrayEquals(new double[] {-128, -1, 0, 127}, rawOf(0x09, i8.array()), 0.0);
        assertArrayEquals(new double[] {-32768, -2, 300, 32767}, rawOf(0x0B, i16.array()), 0.0);
        assertArrayEquals(new double[] {Integer.MIN_VALUE, -7, 70000, Integer.MAX_VALUE}, rawOf(0x0C, i32.array()), 0.0);
        assertArrayEquals(new double[] {0.1f, -2.5f, Float.MIN_VALUE, Float.MAX_VALUE}, rawOf(0x0D, f32.array()), 0.0);
        double[] doubles = rawOf(0x0E, f64.array());
        assertArrayEquals(new double[] {0.1, -1e300, Double.MIN_VALUE, -0.0}, doubles, 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(doubles[3]), "−0 kept");
    }

    private double[] rawOf(int type, byte[] data) throws IOException {
        Path file = write("t" + type + ".idx", idx(type, new int[] {2, 2}, data));
        return IdxFiles.readImages(file, EJML, false).toRowMajor();
    }

    @Test
    void labelsAreClassIndicesOneColumn() throws IOException {
        Path file = write("labels.idx.gz", gzip(idxLabels(3, 0, 9, 1)));
        Tensor labels = IdxFiles.readLabels(file, EJML, 10);
        assertEquals("4x1", labels.shape());
        assertArrayEquals(new double[] {3, 0, 9, 1}, labels.toRowMajor(), 0.0);
    }

    /** A corrupt variant: its name, how it is made from a valid file, and words its message must hold. */
    record Corruption(String name, Function<byte[], byte[]> mutate, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Corruption[] imageCorruptions() {
        return new Corruption[] {
            new Corruption("bad magic", b -> withByte(b, 0, 0x1f), "byte 0: bad magic number 1f 00 08 03"),
            new Corruption("unknown type", b -> withByte(b, 2, 0x0A), "byte 2: unknown IDX element type 0x0a"),
            new Corruption("no dimensions", b -> withByte(b, 3, 0), "byte 3: 0 dimensions"),
            new Corruption("truncated magic", b -> Arrays.copyOf(b, 3), "truncated at byte 3"),
            new Corruption("truncated sizes", b -> Arrays.copyOf(b, 9), "truncated at byte 9: the header announces 3"),
            new Corruption("truncated data", b -> Arrays.copyOf(b, b.length - 1), "truncated: the file has 27 bytes, but "
                    + "the shape 3×2×2 of uint8 needs 12 bytes of data from byte 16 (28 in all)"),
            new Corruption("trailing data", b -> Arrays.copyOf(b, b.length + 4), "more bytes than its shape: the file has 32"),
            new Corruption("dimension product off", b -> withByte(b, 11, 3), "the file has 28 bytes, but the shape 3×3×2"),
            new Corruption("negative size", b -> withByte(b, 4, 0xff), "byte 4: dimension 1 is -16777213"),
            new Corruption("no samples", b -> withByte(b, 7, 0), "shape 0×2×2 holds no values"),
            new Corruption("huge shape", b -> withByte(withByte(b, 8, 0x7f), 12, 0x7f),
                    "has more values than one tensor holds"),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageCorruptions")
    void corruptImagesAreRefusedInOneLineNamingFileAndOffset(Corruption corruption) throws IOException {
        byte[] valid = idxImages(PIXELS, 3, 2, 2);
        Path plain = write("plain.idx", corruption.mutate().apply(valid));
        assertRefused(plain, corruption.expected(), () -> IdxFiles.readImages(plain, EJML, true));
    }

    static Corruption[] gzipCorruptions() {
        return new Corruption[] {
            new Corruption("truncated data", b -> Arrays.copyOf(b, b.length - 1), "truncated: the data end at byte 27, "
                    + "but the shape 3×2×2 of uint8 needs 12 bytes of data from byte 16 (to byte 28)"),
            new Corruption("trailing data", b -> Arrays.copyOf(b, b.length + 4), "more bytes after the data, at byte 28"),
            new Corruption("bad magic", b -> withByte(b, 1, 1), "byte 0: bad magic number 00 01 08 03"),
        };
    }

    @ParameterizedTest(name = "gzip {0}")
    @MethodSource("gzipCorruptions")
    void corruptGzipImagesAreRefusedAtTheirDecompressedOffset(Corruption corruption) throws IOException {
        Path file = write("images.idx.gz", gzip(corruption.mutate().apply(idxImages(PIXELS, 3, 2, 2))));
        assertRefused(file, corruption.expected(), () -> IdxFiles.readImages(file, EJML, true));
    }

    @Test
    void aCutGzipStreamOrABadChecksumIsRefused() throws IOException {
        byte[] compressed = gzip(idxImages(PIXELS, 3, 2, 2));
        Path cut = write("cut.idx.gz", Arrays.copyOf(compressed, compressed.length - 12));
        assertRefused(cut, "truncated", () -> IdxFiles.readImages(cut, EJML, true));
        byte[] badCrc = compressed.clone();
        badCrc[badCrc.length - 8] ^= 1;
        Path crc = write("crc.idx.gz", badCrc);
        assertRefused(crc, "corrupt gzip data after byte 28", () -> IdxFiles.readImages(crc, EJML, true));
    }

    @Test
    void labelsOutOfRangeOfTheWrongTypeOrShapeAreRefused() throws IOException {
        Path outOfRange = write("range.idx", idxLabels(1, 2, 10, 0));
        assertRefused(outOfRange, "element 2 (row 2, column 0; byte 10) is the label 10.0, not a class index 0..9",
                () -> IdxFiles.readLabels(outOfRange, EJML, 10));
        Path floats = write("float.idx", idx(0x0D, new int[] {1}, new byte[4]));
        assertRefused(floats, "byte 2: element type float32; class labels must be of an integer type",
                () -> IdxFiles.readLabels(floats, EJML, 10));
        Path matrix = write("matrix.idx", idx(0x08, new int[] {2, 2}, new byte[4]));
        assertRefused(matrix, "byte 3: 2 dimensions (2×2); class labels are one-dimensional",
                () -> IdxFiles.readLabels(matrix, EJML, 10));
        Path negative = write("negative.idx", idx(0x09, new int[] {2}, new byte[] {0, -1}));
        assertRefused(negative, "is the label -1.0", () -> IdxFiles.readLabels(negative, EJML, 10));
    }

    @Test
    void scalingOtherThanBytesAndNonFiniteFloatsAreRefused() throws IOException {
        Path shorts = write("short.idx", idx(0x0B, new int[] {1, 1}, new byte[2]));
        assertRefused(shorts, "byte 2: element type int16; only uint8 images are scaled to [0, 1]",
                () -> IdxFiles.readImages(shorts, EJML, true));
        byte[] nan = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1f).putFloat(Float.NaN).array();
        Path floats = write("nan.idx", idx(0x0D, new int[] {1, 2}, nan));
        assertRefused(floats, "element 1 (row 0, column 1; byte 16) is NaN; data must be finite",
                () -> IdxFiles.readImages(floats, EJML, false));
    }

    @Test
    void aShapeLargerThanTheHeapIsRefusedBeforeAllocation() throws IOException {
        int cols = 1 << 15;
        long rows = Math.min(Runtime.getRuntime().maxMemory() / 8 / cols + 1, (Integer.MAX_VALUE - 8) / cols);
        Path file = write("huge.idx.gz", gzip(idx(0x08, new int[] {(int) rows, cols}, new byte[0])));
        DataTooLargeException e = assertThrows(DataTooLargeException.class, () -> IdxFiles.readImages(file, EJML, true));
        assertOneLine(file, e.getMessage());
        assertTrue(e.getMessage().contains("too large for the Java heap") || e.getMessage().contains("more values than"),
                e.getMessage());
    }

    @Test
    void aMissingOrSpecialFileIsNamed() {
        Path missing = dir.resolve("missing.idx");
        assertRefused(missing, "no such file", () -> IdxFiles.header(missing));
        assertRefused(dir, "is a directory", () -> IdxFiles.readImages(dir, EJML, true));
    }

    static byte[] withByte(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }

    static void assertRefused(Path file, String expected, Runnable read) {
        ModelFileException e = assertThrows(ModelFileException.class, read::run);
        assertOneLine(file, e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    static void assertOneLine(Path file, String message) {
        assertTrue(message.startsWith(file.toString()), "names the file first: " + message);
        assertFalse(message.contains("\n"), "one line: " + message);
    }
}
