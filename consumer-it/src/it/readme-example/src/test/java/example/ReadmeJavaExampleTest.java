package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.QrFactors;
import io.radnet.api.QrMode;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import org.junit.jupiter.api.Test;

/**
 * The README's first Java example ("Using the library from Java"), verbatim, in a project that
 * has radnet only through its published coordinates, with the values the README states.
 */
class ReadmeJavaExampleTest {
    @Test
    void theReadmeExampleRunsAgainstTheInstalledArtifacts() {
        Backend backend = Backends.defaultBackend();                              // or Backends.get("ejml")
        Tensor x = backend.fromRows(new double[][] {{1, 2}, {3, 4}, {5, 6}});   // 3 samples × 2 features
        Tensor w = backend.fromRows(new double[][] {{0.5, -1}, {2, 0.25}});     // 2 × 2 weights
        Tensor z = backend.zeros(3, 2);
        backend.gemm(1.0, x, Transpose.NONE, w, Transpose.TRANSPOSED, 0.0, z);  // Z = X·Wᵀ
        Tensor norms = backend.zeros(3, 1);
        backend.rowNorms(z, norms);                                              // ‖z_i‖ per sample
        QrFactors qr = backend.qr(w, QrMode.COMPLETE);                           // W = Q·R, diag(R) ≥ 0

        assertEquals("ejml", backend.name());
        assertArrayEquals(new double[] {-1.5, 2.5, -2.5, 7.0, -3.5, 11.5}, z.toRowMajor(), 1e-15);
        for (int row = 0; row < 3; row++) {
            assertEquals(Math.hypot(z.get(row, 0), z.get(row, 1)), norms.get(row, 0), 1e-15);
        }
        assertTrue(qr.r().get(0, 0) >= 0 && qr.r().get(1, 1) >= 0);
        assertEquals(0.0, qr.r().get(1, 0), 0.0);
        assertEquals(Math.sqrt(4.25), qr.r().get(0, 0), 1e-15);
    }
}
