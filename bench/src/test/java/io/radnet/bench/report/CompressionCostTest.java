package io.radnet.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompressionCostTest {
    @Test
    void theCostIsTheSumOverHiddenLayersOfTheQrAndTheProduct() {
        // (1, 6, 7, 1) → (1, 2, 3, 1): layer 1 QR of 6 × 2, product 7·6·2; layer 2 QR of 7 × 3, product 1·7·3
        double expected = 4 * 6 * 2 * 2 + 2 * 7 * 6 * 2 + 4 * 7 * 3 * 3 + 2 * 1 * 7 * 3;
        assertEquals(expected, CompressionCost.flops(new int[] {1, 6, 7, 1}));
    }

    @Test
    void theCostGrowsQuadraticallyInTheHiddenWidthOnceItExceedsTheInput() {
        double w1024 = CompressionCost.flops(new int[] {784, 1024, 1024, 1024, 10});
        double w2048 = CompressionCost.flops(new int[] {784, 2048, 2048, 2048, 10});
        // n_i (n_red)^2 doubles and n_{i+1} n_i n_red quadruples with n_red ≈ 785 fixed
        assertTrue(w2048 / w1024 > 2 && w2048 / w1024 < 4, "ratio " + w2048 / w1024);
        assertThrows(IllegalArgumentException.class, () -> CompressionCost.flops(new int[] {3}));
    }
}
