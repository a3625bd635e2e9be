package io.radnet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CSV data sets: header detection, column split, bitwise write/read, and every bad line named. */
class CsvDataTest {
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    @Test
    void aHeaderIsSkippedAndColumnsSplitIntoInputsThenTargets() throws IOException {
        Path file = dir.resolve("d.csv");
        Files.writeString(file, "x1, x2 ,y\n1,2,3\n\n 4 ,5.5,-6e-3\n");
        DataTensors d = CsvData.read(file, EJML, 2, 1);
        assertEquals(2, d.size());
        assertArrayEquals(new double[] {1, 2, 4, 5.5}, d.inputs().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {3, -6e-3}, d.targets().toRowMajor(), 0.0);
        Files.writeString(file, "1,2,3\n");
        assertEquals(1, CsvData.read(file, EJML, 2, 1).size(), "no header: the first line is data");
    }

    @Test
    void writtenValuesReadBackBitwise() {
        double[] v = new SplittableRandom(7).doubles(40, -1e6, 1e6).toArray();
        v[3] = Double.MIN_VALUE;
        v[4] = -0.0;
        Tensor t = EJML.fromRowMajor(10, 4, v);
        Path file = dir.resolve("p.csv");
        CsvData.write(file, List.of("a", "b", "c", "d"), t);
        DataTensors back = CsvData.read(file, EJML, 3, 1);
        double[] x = back.inputs().toRowMajor();
        double[] y = back.targets().toRowMajor();
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(Double.doubleToRawLongBits(v[r * 4 + c]), Double.doubleToRawLongBits(x[r * 3 + c]));
            }
            assertEquals(Double.doubleToRawLongBits(v[r * 4 + 3]), Double.doubleToRawLongBits(y[r]));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a,b,c\\n1,2\\n|line 2 has 2 columns, expected 3 (2 inputs, then 1 targets)",
        "1,2,3\\n4,x,6\\n|line 2, column 2: 'x' is not a number",
        "1,2,3\\n4,NaN,6\\n|line 2, column 2 is NaN; data must be finite (NaN and Infinity are refused)",
        "1,2,3\\n4,5,-Infinity\\n|line 2, column 3 is -Infinity; data must be finite (NaN and Infinity are refused)",
        "a,b,c\\n\\n|no data rows",
        "1.0,abc,0.5\\n1,2,3\\n|line 1, column 2: 'abc' is not a number, but other cells of the line are; a header "
                + "line has no numeric cell and a data line only numbers",
        "x,y,z\\n0x1p1,1,2\\n|line 2, column 1: '0x1p1' is not a plain decimal number (digits, optional sign, "
                + "fraction and exponent)",
        "1d,1,2\\n|line 1, column 1: '1d' is not a plain decimal number (digits, optional sign, fraction and exponent)",
        "1,2f,2\\n|line 1, column 2: '2f' is not a plain decimal number (digits, optional sign, fraction and exponent)",
        "1,2,3\\u0000\\n|line 1, column 3: '3\\u0000' is not a plain decimal number (digits, optional sign, fraction "
                + "and exponent)",
        "1,2,3\\n\\n4,5,1e999\\n|line 3, column 3: 1e999 is beyond the range of a double",
        "1,2,3\\nx,y,z\\n|line 2, column 1: 'x' is not a number",
    })
    void badLinesAreNamed(String content, String expected) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, content.replace("\\n", "\n").replace("\\u0000", "\u0000"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> CsvData.read(file, EJML, 2, 1));
        assertEquals(file + ": " + expected.replace("\\u0000", "\\u0000"), e.getMessage());
    }

    @Test
    void aByteOrderMarkIsDroppedWithOrWithoutAHeader() throws IOException {
        Path file = dir.resolve("bom.csv");
        Files.writeString(file, "\uFEFF1,2,3\n4,5,6\n");
        DataTensors d = CsvData.read(file, EJML, 2, 1);
        assertArrayEquals(new double[] {1, 2, 4, 5}, d.inputs().toRowMajor(), 0.0, "the first row is data, not a header");
        Files.writeString(file, "\uFEFFx,y,t\n4,5,6\n");
        assertEquals(1, CsvData.read(file, EJML, 2, 1).size());
    }

    @Test
    void plainDecimalSpellingsAreAccepted() throws IOException {
        Path file = dir.resolve("plain.csv");
        Files.writeString(file, "+1,-2.,.5\r\n\t0.25e+2 ,1E-1,-0\n");
        DataTensors d = CsvData.read(file, EJML, 2, 1);
        assertArrayEquals(new double[] {1, -2, 25, 0.1}, d.inputs().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {0.5, -0.0}, d.targets().toRowMajor(), 0.0);
    }

    @ParameterizedTest
    @CsvSource({"1,true", "-1,true", "+1.,true", ".5,true", "-.5e-3,true", "1E+9,true", "007,true", "'',false",
        "+,false", ".,false", "-.e1,false", "1e,false", "1e+,false", "1.2.3,false", "1e1.5,false", "0x10,false",
        "1d,false", "2F,false", "NaN,false", "-Infinity,false", "١,false", "'1 2',false"})
    void plainDecimalsAreExactlyTheDocumentedGrammar(String cell, boolean plain) {
        assertEquals(plain, CsvData.isPlainDecimal(cell), cell);
    }

    @Test
    void labelErrorsNameTheFileAndLine() throws IOException {
        Path file = dir.resolve("labels.csv");
        Files.writeString(file, "x,y,label\n1,2,0\n\n3,4,1.0\n5,6,2\n");
        ModelFileException e = assertThrows(ModelFileException.class, () -> CsvData.readLabelled(file, EJML, 2, 2));
        assertEquals(file + ": line 5, column 3: the label 2.0 is not a class index 0..1", e.getMessage());
        Files.writeString(file, "1,2,0.5\n");
        e = assertThrows(ModelFileException.class, () -> CsvData.readLabelled(file, EJML, 2, 2));
        assertEquals(file + ": line 1, column 3: the label 0.5 is not a class index 0..1", e.getMessage());
        Files.writeString(file, "1,2,0\n3,4,1e0\n");
        assertArrayEquals(new double[] {0, 1}, CsvData.readLabelled(file, EJML, 2, 2).targets().toRowMajor(), 0.0);
    }

    @Test
    void invalidUtf8AnEndlessLineAndTooManyValuesAreRefusedNamingTheLine() throws IOException {
        Path file = dir.resolve("utf8.csv");
        Files.write(file, new byte[] {'1', ',', '2', ',', '3', '\n', '4', ',', (byte) 0xff, ',', '6', '\n'});
        ModelFileException e = assertThrows(ModelFileException.class, () -> CsvData.read(file, EJML, 2, 1));
        assertEquals(file + ": line 2 is not valid UTF-8", e.getMessage());

        Path endless = dir.resolve("endless.csv");
        Files.write(endless, new byte[CsvData.MAX_LINE_CHARS + 1]);
        e = assertThrows(ModelFileException.class, () -> CsvData.read(endless, EJML, 2, 1));
        assertEquals(endless + ": line 1 is longer than " + CsvData.MAX_LINE_CHARS + " bytes; not a CSV data set",
                e.getMessage());

        Path many = dir.resolve("many.csv");
        Files.writeString(many, "x,y,t\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n");
        DataTooLargeException large = assertThrows(DataTooLargeException.class,
                () -> CsvData.read(many, EJML, 2, 1, LabelColumn.LAST, 0, 10));
        assertEquals(many + ": too large for the Java heap: at line 5, 12 values need about 384 bytes, more than the 320 bytes free",
                large.getMessage());
        assertEquals(12L * CsvData.BYTES_PER_VALUE, large.bytesNeeded());
        assertEquals(4, CsvData.read(many, EJML, 2, 1, LabelColumn.LAST, 0, 12).size(), "twelve values fit in room for twelve");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoOrADeviceIsRefusedAsDataWithoutBlocking() throws IOException, InterruptedException {
        Path fifo = dir.resolve("pipe.csv");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException absent) {
            assumeTrue(false, "mkfifo is not available: " + absent.getMessage());
            throw absent;
        }
        assertEquals(0, mkfifo.waitFor());
        ModelFileException e = assertThrows(ModelFileException.class, () -> CsvData.read(fifo, EJML, 2, 1));
        assertEquals(fifo + ": the data file is a FIFO, not a regular file; reading it could block or never end",
                e.getMessage());
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            e = assertThrows(ModelFileException.class, () -> CsvData.read(zero, EJML, 2, 1));
            assertTrue(e.getMessage().startsWith(zero + ": the data file is a device"), e.getMessage());
        }
    }

    @Test
    void theLabelColumnMayBeFirstLastOrNumbered() throws IOException {
        Path kaggle = dir.resolve("kaggle.csv");
        Files.writeString(kaggle, "label,pixel1,pixel2\n2,0.5,0.25\n0,1,0\n");
        DataTensors first = CsvData.readLabelled(kaggle, EJML, 2, 3, LabelColumn.parse("first"));
        assertArrayEquals(new double[] {0.5, 0.25, 1, 0}, first.inputs().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {2, 0}, first.targets().toRowMajor(), 0.0);
        Path middle = dir.resolve("middle.csv");
        Files.writeString(middle, "1,2,3,4\n5,6,7,8\n");
        DataTensors second = CsvData.read(middle, EJML, 2, 2, LabelColumn.parse("2"));
        assertArrayEquals(new double[] {1, 4, 5, 8}, second.inputs().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {2, 3, 6, 7}, second.targets().toRowMajor(), 0.0);
        assertEquals(LabelColumn.LAST, LabelColumn.parse(" LAST "));
        assertEquals(LabelColumn.FIRST, LabelColumn.parse("1"));
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> CsvData.readLabelled(kaggle, EJML, 2, 2, LabelColumn.FIRST));
        assertEquals(kaggle + ": line 2, column 1: the label 2.0 is not a class index 0..1", e.getMessage());
        Files.writeString(kaggle, "2,0.5\n");
        e = assertThrows(ModelFileException.class, () -> CsvData.readLabelled(kaggle, EJML, 2, 3, LabelColumn.FIRST));
        assertEquals(kaggle + ": line 1 has 2 columns, expected 3 (2 inputs and 1 label in column 1)", e.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> CsvData.readLabelled(kaggle, EJML, 2, 3, LabelColumn.number(4)));
        assertEquals("label column 4 is outside lines of 3 columns", outside.getMessage());
        outside = assertThrows(IllegalArgumentException.class, () -> LabelColumn.parse("0"));
        assertEquals("a label column is first, last or a column number ≥ 1, got '0'", outside.getMessage());
    }
}
