package io.radnet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
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
        Dataset d = CsvData.read(file, EJML, 2, 1);
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
        Dataset back = CsvData.read(file, EJML, 3, 1);
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
        "1,2,3\\n4,NaN,6\\n|line 2, column 2 is NaN; data must be finite",
        "1,2,3\\n4,5,Infinity\\n|line 2, column 3 is Infinity; data must be finite",
        "a,b,c\\n\\n|no data rows",
    })
    void badLinesAreNamed(String content, String expected) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, content.replace("\\n", "\n"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> CsvData.read(file, EJML, 2, 1));
        assertTrue(e.getMessage().equals(file + ": " + expected), e.getMessage());
    }
}
