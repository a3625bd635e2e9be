package io.radnet.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** [b W] puts the bias first and the weight after it; split takes them apart exactly. */
class AugmentedMatrixTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void joinAndSplitAreExactInverses(String name) {
        Backend b = Backends.get(name);
        Tensor bias = b.fromRowMajor(1, 3, new double[] {1, 2, 3});
        Tensor weight = b.fromRows(new double[][] {{4, 5}, {6, 7}, {8, 9}});
        Tensor augmented = AugmentedMatrix.of(b, bias, weight);
        assertArrayEquals(new double[] {1, 4, 5, 2, 6, 7, 3, 8, 9}, augmented.toRowMajor(), 0.0);
        Tensor into = b.zeros(3, 3);
        AugmentedMatrix.join(b, bias, weight, b.zeros(3, 1), into);
        assertArrayEquals(augmented.toRowMajor(), into.toRowMajor(), 0.0, "join writes what of allocates");
        Tensor biasColumn = b.zeros(3, 1);
        Tensor weightBack = b.zeros(3, 2);
        AugmentedMatrix.split(b, augmented, biasColumn, weightBack);
        assertArrayEquals(bias.toRowMajor(), biasColumn.toRowMajor(), 0.0);
        assertArrayEquals(weight.toRowMajor(), weightBack.toRowMajor(), 0.0);
    }
}
