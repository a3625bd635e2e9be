package io.radnet.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A space given by tensor shapes, and live views of some tensors of a point (freezing). */
class ParameterListTest {
    private static final int[] WIDTHS = {3, 4, 2};

    private static Param random(Backend b, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int size = Param.zeros(b, WIDTHS, false).size();
        return Param.unflatten(b, WIDTHS, false, r.doubles(size, -1, 1).toArray());
    }

    private static void rejects(String expectedInMessage, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expectedInMessage),
                "the message should contain '" + expectedInMessage + "': " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aSelectionIsALiveViewAndStepsLeaveTheOtherTensorsBitwiseUnchanged(String name) {
        Backend b = Backends.get(name);
        Param p = random(b, 1);
        double[] before = p.flatten();
        ParameterList view = p.select(new int[] {1, 3});
        assertSame(p.weight(2), view.tensors().get(0), "W₂ is the same object");
        assertSame(p.bias(2), view.tensors().get(1), "b₂ is the same object");
        assertEquals(2 * 4 + 2, view.size());
        assertEquals("tensors [2x4, 1x2]", view.describe());
        ParameterList step = view.zerosLike();
        step.setFlattened(new SplittableRandom(2).doubles(view.size(), -1, 1).toArray());
        view.axpy(0.5, step);
        double[] after = p.flatten();
        double[] moved = step.flatten();
        int w1 = 4 * 3;
        int w2 = 2 * 4;
        int b1 = 4;
        for (int k = 0; k < after.length; k++) {
            boolean inW2 = k >= w1 && k < w1 + w2;
            boolean inB2 = k >= w1 + w2 + b1;
            if (inW2) {
                assertEquals(before[k] + 0.5 * moved[k - w1], after[k], 0.0, "W₂ entry " + (k - w1));
            } else if (inB2) {
                assertEquals(before[k] + 0.5 * moved[w2 + k - (w1 + w2 + b1)], after[k], 0.0, "b₂ entry");
            } else {
                assertEquals(Double.doubleToRawLongBits(before[k]), Double.doubleToRawLongBits(after[k]),
                        "coordinate " + k + " is not selected and must not change");
            }
        }
        assertArrayEquals(new int[] {1, 3}, p.indicesOf(view));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void spacesOfTensorsCompareByShapes(String name) {
        Backend b = Backends.get(name);
        ParameterList a = ParameterVector.of(List.of(b.zeros(2, 3), b.zeros(1, 3)));
        ParameterList same = ParameterVector.of(List.of(b.fromRows(new double[][] {{1, 2, 3}, {4, 5, 6}}),
                b.fromRows(new double[][] {{7, 8, 9}})));
        ParameterList other = ParameterVector.of(List.of(b.zeros(3, 2), b.zeros(1, 3)));
        assertTrue(a.sameSpaceAs(same));
        assertFalse(a.sameSpaceAs(other), "3x2 is not 2x3");
        assertFalse(a.sameSpaceAs(Param.zeros(b, new int[] {3, 2}, false)), "a Param is another kind of space");
        a.copyFrom(same);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, a.flatten(), 0.0);
        assertEquals(same.dot(same), a.copy().dot(same), 0.0);
        rejects("are different spaces", () -> a.axpy(1.0, other));
        ParameterList zeros = a.zerosLike();
        assertEquals(0.0, zeros.maxAbs(), 0.0);
        for (Tensor t : zeros.tensors()) {
            assertFalse(a.tensors().contains(t), "zerosLike allocates its own tensors");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void badSelectionsAndListsAreRejected(String name) {
        Backend b = Backends.get(name);
        Param p = random(b, 3);
        rejects("at least one of the 4 tensors", () -> p.select(new int[0]));
        rejects("index 4 is not a tensor", () -> p.select(new int[] {0, 4}));
        rejects("strictly increasing, got 2 then 2", () -> p.select(new int[] {2, 2}));
        rejects("at least one tensor", () -> ParameterVector.of(List.of()));
        rejects("is not one of the tensors", () -> p.indicesOf(random(b, 4).select(new int[] {0})));
    }
}
