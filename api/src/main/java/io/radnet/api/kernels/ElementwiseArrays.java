package io.radnet.api.kernels;

import io.radnet.api.AdamCoefficients;
import java.nio.DoubleBuffer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The entrywise kernels of {@link io.radnet.api.Backend} for backends whose tensors are dense {@code double[]}
 * arrays in one storage order (row- or column-major: entrywise ops do not depend on which, as
 * long as every operand has the same). Each method reads and writes entries 0 … n − 1 in
 * order, one pass, no allocation; {@code out} may be one of the inputs.
 *
 * <p>These are kernels, not entry points: they do not validate. {@link io.radnet.api.Backend}'s public ops
 * check shapes and backends before calling a kernel, so the arrays hold at least n entries.
 * Every operation propagates NaN and ∞ as IEEE arithmetic does (e.g. axpy with α = 0 still
 * turns an ∞ of x into NaN, unlike BLAS daxpy, which skips the update).
 */
public final class ElementwiseArrays {
    private ElementwiseArrays() {
    }

    /**
     * @return the first p in [from, to) where x[p] is NaN or ±∞, or −1 when there is none (the
     *     one finiteness scan of heap arrays: model files' tensors on reading and the JBLAS
     *     backend's {@code allFinite}, so a short process compiles it once)
     */
    public static int firstNonFinite(double[] x, int from, int to) {
        for (int p = from; p < to; p++) {
            if (!Double.isFinite(x[p])) {
                return p;
            }
        }
        return -1;
    }

    /** out[p] ← x[p] + y[p] for p &lt; n. */
    public static void add(double[] x, double[] y, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = x[p] + y[p];
        }
    }

    /** out[p] ← x[p] − y[p] for p &lt; n. */
    public static void subtract(double[] x, double[] y, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = x[p] - y[p];
        }
    }

    /** out[p] ← x[p] · y[p] for p &lt; n. */
    public static void hadamard(double[] x, double[] y, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = x[p] * y[p];
        }
    }

    /** out[p] ← α · x[p] for p &lt; n. */
    public static void scale(double alpha, double[] x, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = alpha * x[p];
        }
    }

    /** out[p] ← x[p] + s for p &lt; n. */
    public static void addScalar(double[] x, double s, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = x[p] + s;
        }
    }

    /** y[p] ← y[p] + α · x[p] for p &lt; n, also when α = 0. */
    public static void axpy(double alpha, double[] x, double[] y, int n) {
        for (int p = 0; p < n; p++) {
            y[p] += alpha * x[p];
        }
    }

    /** out[p] ← f(x[p]) for p &lt; n, in increasing p. */
    public static void map(double[] x, DoubleUnaryOperator f, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = f.applyAsDouble(x[p]);
        }
    }

    /** out[p] ← f(x[p], y[p]) for p &lt; n, in increasing p. */
    public static void zip(double[] x, double[] y, DoubleBinaryOperator f, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = f.applyAsDouble(x[p], y[p]);
        }
    }

    /**
     * {@link io.radnet.api.Backend#adamUpdate} on entries 0 … n − 1 of four distinct arrays, one
     * pass, each entry with the operations of the unfused sequence in its order: with λ &gt; 0
     * first g ← g + (λ·θ) (g itself not written), then
     * m ← (β₁·m) + ((1 − β₁)·g), v ← (β₂·v) + ((1 − β₂)·(g·g)),
     * θ ← θ + (−stepSize)·(m / ((c·√v) + ε)).
     */
    public static void adamUpdate(double[] theta, double[] g, double[] m, double[] v, int n, AdamCoefficients k) {
        double beta1 = k.beta1();
        double beta2 = k.beta2();
        double gradientWeight = 1.0 - beta1;
        double squareWeight = 1.0 - beta2;
        double scale = k.secondMomentScale();
        double eps = k.eps();
        double negativeStep = -k.stepSize();
        double decay = k.weightDecay();
        boolean decayed = decay != 0.0;
        for (int p = 0; p < n; p++) {
            double gp = decayed ? g[p] + decay * theta[p] : g[p];
            double mp = beta1 * m[p] + gradientWeight * gp;
            double vp = beta2 * v[p] + squareWeight * (gp * gp);
            m[p] = mp;
            v[p] = vp;
            theta[p] += negativeStep * (mp / (scale * Math.sqrt(vp) + eps));
        }
    }

    /**
     * {@link #adamUpdate(double[], double[], double[], double[], int, AdamCoefficients)} on
     * buffers (entries 0 … n − 1 by absolute index), for direct (native) buffers: blocks of
     * entries are copied to the calling thread's heap arrays with bulk gets, updated there and
     * written back with bulk puts (on ND4J's buffers 0.26 ms for 256 × 784 entries against
     * 0.67 ms with an access per entry).
     */
    public static void adamUpdate(DoubleBuffer theta, DoubleBuffer g, DoubleBuffer m, DoubleBuffer v, int n,
                                  AdamCoefficients k) {
        int block = Math.min(n, ColumnBlocks.BLOCK_ENTRIES);
        double[] thetaBlock = ColumnBlocks.scratch(0, block);
        double[] gBlock = ColumnBlocks.scratch(1, block);
        double[] mBlock = ColumnBlocks.scratch(2, block);
        double[] vBlock = ColumnBlocks.scratch(3, block);
        for (int start = 0; start < n; start += block) {
            int length = Math.min(block, n - start);
            theta.get(start, thetaBlock, 0, length);
            g.get(start, gBlock, 0, length);
            m.get(start, mBlock, 0, length);
            v.get(start, vBlock, 0, length);
            adamUpdate(thetaBlock, gBlock, mBlock, vBlock, length, k);
            theta.put(start, thetaBlock, 0, length);
            m.put(start, mBlock, 0, length);
            v.put(start, vBlock, 0, length);
        }
    }
}
