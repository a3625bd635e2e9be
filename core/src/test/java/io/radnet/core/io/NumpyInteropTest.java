package io.radnet.core.io;

import static io.radnet.core.io.IdxFilesTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * npy interchange with NumPy itself (the system's python3; its absence skips, or fails under
 * {@code RADNET_REQUIRE_PYTORCH=1}, see {@link PythonWithTorch}): for every dtype, NumPy loads the
 * file radnet wrote and checks its dtype, shape and values; radnet reads back what
 * {@code np.save} wrote, bitwise; and NumPy's Fortran-order and big-endian files are refused.
 */
class NumpyInteropTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final String SCRIPT = String.join("\n",
            "import sys, numpy as np",
            "directory = sys.argv[1]",
            "for spec in sys.argv[2:]:",
            "    label, descr, values = spec.split(':')",
            "    expected = np.array([float(v) for v in values.split(',')]).reshape(3, 2)",
            "    a = np.load(directory + '/java_' + label + '.npy')",
            "    assert a.dtype.str == descr, (label, a.dtype.str, descr)",
            "    assert a.shape == (3, 2), (label, a.shape)",
            "    assert np.array_equal(a.astype(np.float64), expected), (label, a, expected)",
            "    np.save(directory + '/numpy_' + label + '.npy', expected.astype(np.dtype(descr)))",
            "    np.save(directory + '/fortran_' + label + '.npy', np.asfortranarray(expected.astype(np.dtype(descr)).T))",
            "    np.save(directory + '/big_' + label + '.npy', expected.astype(np.dtype(descr).newbyteorder('>')))",
            "");

    @TempDir
    Path dir;

    @Test
    void numpyReadsEveryDtypeRadnetWritesAndRadnetReadsNumpysBitwise() throws IOException, InterruptedException {
        String python = PythonWithTorch.require("NumpyInteropTest");
        Path script = dir.resolve("interop.py");
        Files.writeString(script, SCRIPT);
        String[] specs = new String[ElementType.values().length + 1];
        specs[0] = dir.toString();
        for (ElementType type : ElementType.values()) {
            double[] values = NpyFilesTest.valuesOf(type);
            NpyFiles.write(dir.resolve("java_" + type.label() + ".npy"), EJML.fromRowMajor(3, 2, values), type);
            specs[type.ordinal() + 1] = type.label() + ":" + descr(type) + ":"
                    + Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
        }
        PythonWithTorch.run(python, script, specs);
        for (ElementType type : ElementType.values()) {
            double[] expected = NpyFilesTest.valuesOf(type);
            double[] read = NpyFiles.read(dir.resolve("numpy_" + type.label() + ".npy"), EJML).toRowMajor();
            for (int k = 0; k < expected.length; k++) {
                double value = type.isInteger() ? expected[k] + 0.0 : expected[k];
                assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(read[k]),
                        type + " entry " + k);
            }
            Path fortran = dir.resolve("fortran_" + type.label() + ".npy");
            assertRefused(fortran, "header field 'fortran_order' is True", () -> NpyFiles.read(fortran, EJML));
            if (type.itemSize() > 1) {
                Path big = dir.resolve("big_" + type.label() + ".npy");
                assertRefused(big, "big-endian", () -> NpyFiles.read(big, EJML));
            }
        }
    }

    private static String descr(ElementType type) {
        return switch (type) {
            case FLOAT64 -> "<f8";
            case FLOAT32 -> "<f4";
            case INT8 -> "|i1";
            case INT16 -> "<i2";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case UINT8 -> "|u1";
        };
    }
}
