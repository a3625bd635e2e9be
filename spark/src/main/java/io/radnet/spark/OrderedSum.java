package io.radnet.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code treeAggregate} value of data-parallel training: the sum of P equally long vectors
 * v₀ … v_{P−1} (one per partition), always computed as the left fold
 * ((v₀ + v₁) + v₂) + … in partition order, whatever order Spark merges partial results in.
 * Floating-point addition is not associative, so a plain sum would depend on which task
 * finished first; here a partial value holds the folded prefix v₀ … v_{k−1} and, unsummed, the
 * vectors of later partitions it has seen, and folds a pending vector in as soon as the prefix
 * reaches it. The total is therefore bitwise the same on every run, cluster and schedule, for a
 * given partitioning.
 *
 * <p>Mutable: {@link #add} and {@link #merge} change and return this value, as
 * {@code treeAggregate}'s functions may.
 */
final class OrderedSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private double[] prefix;
    private int prefixEnd;
    private final TreeMap<Integer, double[]> pending = new TreeMap<>();

    /** @return the empty sum, the {@code treeAggregate} zero */
    static OrderedSum empty() {
        return new OrderedSum();
    }

    /**
     * @param partition the vector's partition index p ≥ 0, seen once
     * @param vector v_p, kept by reference (not copied): the caller hands it over
     * @return this
     * @throws IllegalStateException if partition p was already added
     */
    OrderedSum add(int partition, double[] vector) {
        if (partition < prefixEnd || pending.putIfAbsent(partition, vector) != null) {
            throw new IllegalStateException("partition " + partition + " was summed twice");
        }
        fold();
        return this;
    }

    /**
     * @param other a partial sum over other partitions
     * @return this, now also holding the other's partitions
     * @throws IllegalStateException if both hold a partition
     */
    OrderedSum merge(OrderedSum other) {
        if (other.prefixEnd > 0) {
            if (prefixEnd > 0) {
                throw new IllegalStateException("two partial sums both hold partition 0");
            }
            prefix = other.prefix;
            prefixEnd = other.prefixEnd;
            for (int p : pending.keySet()) {
                if (p < prefixEnd) {
                    throw new IllegalStateException("partition " + p + " was summed twice");
                }
            }
        }
        for (Map.Entry<Integer, double[]> entry : other.pending.entrySet()) {
            if (entry.getKey() < prefixEnd || pending.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                throw new IllegalStateException("partition " + entry.getKey() + " was summed twice");
            }
        }
        fold();
        return this;
    }

    /**
     * @param partitions P
     * @return v₀ + … + v_{P−1}, folded left in partition order
     * @throws IllegalStateException if not exactly partitions 0 … P − 1 were added
     */
    double[] total(int partitions) {
        if (prefixEnd != partitions || !pending.isEmpty()) {
            throw new IllegalStateException("the sum holds partitions 0.." + (prefixEnd - 1) + " and " + pending.keySet()
                    + ", expected 0.." + (partitions - 1));
        }
        return prefix;
    }

    private void fold() {
        double[] next;
        while ((next = pending.remove(prefixEnd)) != null) {
            if (prefix == null) {
                prefix = next.clone();
            } else {
                if (next.length != prefix.length) {
                    throw new IllegalStateException("partition " + prefixEnd + " has " + next.length + " values, the others "
                            + prefix.length);
                }
                for (int i = 0; i < prefix.length; i++) {
                    prefix[i] += next[i];
                }
            }
            prefixEnd++;
        }
    }
}
