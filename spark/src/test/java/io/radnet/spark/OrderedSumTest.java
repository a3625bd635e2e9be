package io.radnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderedSumTest {
    /** Random vectors of magnitudes 2⁻³⁰ … 2³⁰, whose sum depends on the order of the additions. */
    private static double[][] vectors(int count) {
        Random random = new Random(42);
        double[][] v = new double[count][5];
        for (double[] row : v) {
            for (int i = 0; i < row.length; i++) {
                row[i] = Math.scalb(random.nextDouble() - 0.5, random.nextInt(60) - 30);
            }
        }
        return v;
    }

    private static double[] leftFold(double[][] v) {
        double[] sum = v[0].clone();
        for (int p = 1; p < v.length; p++) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[p][i];
            }
        }
        return sum;
    }

    @Test
    void everyMergeOrderGivesTheLeftFoldBitwise() {
        double[][] v = vectors(9);
        double[] expected = leftFold(v);
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<OrderedSum> partials = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int p = 0; p < v.length; p++) {
                order.add(p);
            }
            Collections.shuffle(order, random);
            for (int p : order) {
                partials.add(OrderedSum.empty().add(p, v[p].clone()));
            }
            while (partials.size() > 1) {
                OrderedSum a = partials.remove(random.nextInt(partials.size()));
                OrderedSum b = partials.remove(random.nextInt(partials.size()));
                partials.add(a.merge(b));
            }
            assertArrayEquals(expected, partials.get(0).total(v.length), 0.0, "trial " + trial + ", order " + order);
        }
    }

    @Test
    void theVectorsAreChosenSoThatAnotherOrderRoundsDifferently() {
        double[][] v = vectors(9);
        double[][] reversed = new double[v.length][];
        for (int p = 0; p < v.length; p++) {
            reversed[p] = v[v.length - 1 - p];
        }
        double[] forward = leftFold(v);
        double[] backward = leftFold(reversed);
        boolean differs = false;
        for (int i = 0; i < forward.length; i++) {
            differs |= forward[i] != backward[i];
        }
        org.junit.jupiter.api.Assertions.assertTrue(differs, "the bitwise test above would be vacuous");
    }

    @Test
    void aPartitionTwiceOrAMissingOneFails() {
        assertThrows(IllegalStateException.class, () -> OrderedSum.empty().add(0, new double[1]).add(0, new double[1]));
        assertThrows(IllegalStateException.class,
                () -> OrderedSum.empty().add(0, new double[1]).merge(OrderedSum.empty().add(0, new double[1])));
        assertThrows(IllegalStateException.class, () -> OrderedSum.empty().add(0, new double[1]).add(2, new double[1])
                .total(3));
    }
}
