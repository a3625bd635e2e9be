package io.radnet.core.io;

import static io.radnet.core.io.DataFileFixtures.float64;
import static io.radnet.core.io.DataFileFixtures.npy;
import static io.radnet.core.io.IdxFilesTest.assertRefused;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** NumPy npy files: every dtype written and read back, and each corrupt or unsupported variant refused in one line. */
class NpyFilesTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final String F8_2X3 = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** @return values every type holds: its extremes and a few small integers, as a 3 × 2 matrix */
    static double[] valuesOf(ElementType type) {
        return switch (type) {
            case FLOAT64 -> new double[] {0.1, -1e300, Double.MIN_VALUE, -0.0, 12345.678, Double.MAX_VALUE};
            case FLOAT32 -> new double[] {0.1f, -2.5f, Float.MIN_VALUE, Float.MAX_VALUE, -0.0f, 3e-38f};
            default -> new double[] {type.minimum(), -1 * Math.min(1, -type.minimum()), 0, 1, 100, type.maximum()};
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ElementType.class)
    void everyDtypeIsWrittenAndReadBackExactly(ElementType type) {
        double[] values = valuesOf(type);
        Path file = dir.resolve(type.label() + ".npy");
        NpyFiles.write(file, EJML.fromRowMajor(3, 2, values), type);
        NpyFiles.Header header = NpyFiles.header(file);
        assertEquals(type, header.type());
        assertEquals("(3, 2)", header.shapeText());
        assertEquals(0, header.dataOffset() % 64, "numpy's 64-byte alignment");
        Tensor back = NpyFiles.read(file, EJML);
        assertEquals("3x2", back.shape());
        double[] read = back.toRowMajor();
        for (int k = 0; k < values.length; k++) {
            assertEquals(Double.doubleToRawLongBits(values[k]), Double.doubleToRawLongBits(read[k]), "entry " + k);
        }
    }

    @Test
    void higherDimensionsFlattenAfterTheFirstAndVectorsAreColumns() throws IOException {
        double[] values = new double[12];
        Arrays.setAll(values, k -> k * 0.5);
        Path cube = write("cube.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3, 2), }", float64(values)));
        Tensor t = NpyFiles.read(cube, EJML);
        assertEquals("2x6", t.shape());
        assertArrayEquals(values, t.toRowMajor(), 0.0);
        Path vector = write("vector.npy", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (4,), }",
                new byte[] {2, 0, 1, 2}));
        Tensor labels = NpyFiles.readLabels(vector, EJML, 3);
        assertEquals("4x1", labels.shape());
        assertArrayEquals(new double[] {2, 0, 1, 2}, labels.toRowMajor(), 0.0);
    }

    @Test
    void formatVersionTwoHasAFourByteHeaderLength() throws IOException {
        String dict = F8_2X3 + " ".repeat(128 - 12 - F8_2X3.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(12 + dict.length() + 48).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 0)
                .putInt(dict.length()).put(dict.getBytes(StandardCharsets.ISO_8859_1)).put(float64(1, 2, 3, 4, 5, 6));
        Path file = write("v2.npy", b.array());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, NpyFiles.read(file, EJML).toRowMajor(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
        "fortran order#{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }#header field 'fortran_order' is True",
        "big-endian#{'descr': '>f8', 'fortran_order': False, 'shape': (2, 3), }#header field 'descr' is '>f8': big-endian",
        "object dtype#{'descr': '|O', 'fortran_order': False, 'shape': (2, 3), }#'|O': object arrays are refused",
        "unsigned 16#{'descr': '<u2', 'fortran_order': False, 'shape': (2, 3), }#'<u2': unsupported dtype; expected one of",
        "structured#{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2, 3), }#no field 'descr'",
        "scalar#{'descr': '<f8', 'fortran_order': False, 'shape': (), }#header field 'shape' is (): a scalar",
        "bad size#{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3), }#'-3' is not a size",
        "no shape#{'descr': '<f8', 'fortran_order': False, }#no field 'shape'",
        "not a dict#descr f8#is not a Python dict literal",
        "empty#{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }#(0, 3) holds no values",
        "too short#{'descr': '<f8', 'fortran_order': False, 'shape': (3, 3), }#truncated: the file has 176 bytes, but the "
                + "shape (3, 3) of float64 needs 72 bytes of data from byte 128 (200 in all)",
        "too long#{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }#more bytes than its shape: the file has 176",
        "wrong dtype#{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }#more bytes than its shape",
    })
    void badHeadersAreRefusedNamingTheField(String name, String header, String expected) throws IOException {
        Path file = write(name.replace(' ', '-') + ".npy", npy(header, float64(1, 2, 3, 4, 5, 6)));
        assertRefused(file, expected, () -> NpyFiles.read(file, EJML));
    }

    @Test
    void badMagicVersionAndTruncatedHeadersAreRefused() throws IOException {
        byte[] valid = npy(F8_2X3, float64(1, 2, 3, 4, 5, 6));
        Path magic = write("magic.npy", IdxFilesTest.withByte(valid, 1, 'n'));
        assertRefused(magic, "byte 0: bad magic number; expected an npy file", () -> NpyFiles.read(magic, EJML));
        Path version = write("version.npy", IdxFilesTest.withByte(valid, 6, 4));
        assertRefused(version, "byte 6: npy format version 4.0; expected 1.0, 2.0 or 3.0", () -> NpyFiles.read(version, EJML));
        Path cut = write("cut.npy", Arrays.copyOf(valid, 40));
        assertRefused(cut, "truncated at byte 40: the header announces 118 bytes, to byte 128",
                () -> NpyFiles.read(cut, EJML));
        Path stub = write("stub.npy", Arrays.copyOf(valid, 7));
        assertRefused(stub, "truncated at byte 7", () -> NpyFiles.read(stub, EJML));
    }

    @Test
    void nonFiniteFloatsInexactIntegersAndBadLabelsAreRefused() throws IOException {
        Path nan = write("nan.npy", npy(F8_2X3, float64(1, 2, 3, 4, Double.POSITIVE_INFINITY, 6)));
        assertRefused(nan, "element 4 (row 1, column 1; byte 160) is Infinity; data must be finite",
                () -> NpyFiles.read(nan, EJML));
        byte[] longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1).putLong((1L << 53) + 1).array();
        Path big = write("big.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", longs));
        assertRefused(big, "element 1 (row 1, column 0; byte 136) is 9007199254740993, beyond 2^53",
                () -> NpyFiles.read(big, EJML));
        Path labels = write("labels.npy", npy("{'descr': '|i1', 'fortran_order': False, 'shape': (3,), }",
                new byte[] {0, 3, 1}));
        assertRefused(labels, "element 1 (row 1, column 0; byte 129) is the label 3.0, not a class index 0..2",
                () -> NpyFiles.readLabels(labels, EJML, 3));
        Path fraction = write("fraction.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }",
                float64(1, 0.5)));
        assertRefused(fraction, "is the label 0.5", () -> NpyFiles.readLabels(fraction, EJML, 3));
        Path matrix = write("matrix.npy", npy(F8_2X3, float64(1, 2, 3, 4, 5, 6)));
        assertRefused(matrix, "header field 'shape': (2, 3); class labels are one per sample",
                () -> NpyFiles.readLabels(matrix, EJML, 3));
    }

    @Test
    void valuesATypeCannotHoldAreRefusedAndNothingIsWritten() throws IOException {
        Path file = dir.resolve("out.npy");
        Files.writeString(file, "kept");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyFiles.write(file, EJML.fromRowMajor(1, 2, new double[] {1, 2.5}), ElementType.INT32));
        assertEquals("cannot write " + file + " as int32: entry (0, 1) = 2.5 is not an integer -2147483648..2147483647",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NpyFiles.write(file, EJML.fromRowMajor(1, 1, new double[] {256}), ElementType.UINT8));
        assertTrue(e.getMessage().endsWith("entry (0, 0) = 256.0 is not an integer 0..255"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NpyFiles.write(file, EJML.fromRowMajor(1, 1, new double[] {1e39}), ElementType.FLOAT32));
        assertTrue(e.getMessage().endsWith("is not a finite float32"), e.getMessage());
        assertEquals("kept", Files.readString(file));
        assertFalse(e.getMessage().contains("\n"));
    }
}
