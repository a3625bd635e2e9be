package io.radnet.api.tck;

/**
 * Every tolerance of the contract suite, in one place. Errors are relative to the size of the
 * exact result (Frobenius norm), so they are meaningful whatever the scale of the inputs.
 */
public final class Tolerances {
    private Tolerances() {
    }

    /**
     * Relative Frobenius error allowed for arithmetic ops (products, elementwise arithmetic,
     * reductions) against the plain-loop reference: rounding differences only (summation order,
     * fused multiply-adds, blocking). Pure data movement (copies, transposes, blocks) must be
     * exact.
     */
    public static final double OP_RELATIVE = 1e-12;

    /** ‖QᵀQ − I‖_F allowed for the orthogonal factor of a QR decomposition. */
    public static final double QR_ORTHOGONALITY = 1e-12;

    /** ‖QR − A‖_F / ‖A‖_F allowed for a QR decomposition. */
    public static final double QR_RECONSTRUCTION = 1e-12;

    /**
     * Relative Frobenius distance allowed between factors of the same full-rank matrix computed
     * two ways (complete versus economy mode): canonical signs make them unique up to rounding,
     * amplified by the condition number of the well-conditioned seeded inputs.
     */
    public static final double QR_UNIQUENESS = 1e-10;
}
