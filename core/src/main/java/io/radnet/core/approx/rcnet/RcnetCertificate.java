package io.radnet.core.approx.rcnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What an RCNet construction guarantees about the network L₂ ∘ g^{∘r} ∘ L₁ it built.
 *
 * @param construction the construction's name, e.g. "Theorem 1.1 (RCNet paper)"
 * @param claim the statement the network satisfies, in words
 * @param bound the guaranteed bound on |F(x) − f(x)| at every point of the domain outside
 *     {@link #excluded()} (0 for the exact statements of Lemmas C.1 and D.1)
 * @param lpBound for Theorem 1.1 the bound on ‖F − f‖_{Lᵖ([0,1]^d)}, for Theorem 1.3 the bound on
 *     ‖F − f‖_{L∞([0,1]^d)}, else NaN
 * @param p the exponent p of {@link #lpBound} (+∞ for Theorem 1.3), or NaN
 * @param stateDimension the dimension m of the space g maps to itself
 * @param activeWidths the hidden widths of g that the construction uses
 * @param blockWidth the hidden width of g as built (the theorem's width when g is padded to it)
 * @param blockDepth L, the number of hidden layers of g
 * @param compositions r, the number of times g is applied
 * @param theoremWidth the width the paper's statement allows (e.g. 69d + 48)
 * @param theoremDepth the depth the paper's statement allows (e.g. 5)
 * @param storedBits the number of binary digits stored in one weight (Lemma D.1), 0 if none
 * @param excluded per input axis the closed intervals [a, b] where nothing is claimed
 */
public record RcnetCertificate(String construction, String claim, double bound, double lpBound, double p,
                               int stateDimension, int[] activeWidths, int blockWidth, int blockDepth, int compositions,
                               int theoremWidth, int theoremDepth, int storedBits, List<List<double[]>> excluded) {
    /** Copies the arrays and lists. */
    public RcnetCertificate {
        Objects.requireNonNull(construction, "construction");
        Objects.requireNonNull(claim, "claim");
        activeWidths = activeWidths.clone();
        List<List<double[]>> copy = new ArrayList<>();
        for (List<double[]> axis : excluded) {
            List<double[]> intervals = new ArrayList<>();
            for (double[] interval : axis) {
                intervals.add(interval.clone());
            }
            copy.add(List.copyOf(intervals));
        }
        excluded = List.copyOf(copy);
    }

    @Override
    public int[] activeWidths() {
        return activeWidths.clone();
    }

    /**
     * @param x a point of the input space
     * @return whether no coordinate of x lies in an excluded interval of its axis
     */
    public boolean isGuaranteedAt(double[] x) {
        for (int axis = 0; axis < x.length && axis < excluded.size(); axis++) {
            for (double[] interval : excluded.get(axis)) {
                if (x[axis] >= interval[0] && x[axis] <= interval[1]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return construction + ": " + claim + "; g ∈ NN{" + blockWidth + ", " + blockDepth + "} on ℝ^" + stateDimension
                + " (active widths " + Arrays.toString(activeWidths) + "), " + compositions + " compositions";
    }
}
