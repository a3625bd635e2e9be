package io.radnet.api;

import java.util.Arrays;

/**
 * The default of every optional {@link Backend} kernel (a <em>capability</em>), composed from
 * the mandatory core through the backend's public operations and {@link Tensor}'s row-major
 * transfer. A backend that does not override a capability runs exactly this; one that
 * overrides it must agree with it (the contract suite runs both on the same tensors and
 * compares). The compositions are plain and obviously correct, not fast: they allocate
 * temporaries (closed before returning) and pass through the public operations' checks.
 *
 * <p>Each method has the contract of the kernel of the same name in {@link Backend}: the
 * arguments are already checked (owned by the backend, shapes fit, outputs distinct where
 * required) and no dimension is zero unless stated. Vector arguments may be 1 × n or n × 1.
 * No composition calls a capability that composes back to it, so a backend that implements
 * only the core gets every operation.
 */
public final class DefaultKernels {
    private DefaultKernels() {
    }

    // ---- layout

    /** out ← aᵀ, through the row-major transfer. Exact. */
    public static void transpose(Backend backend, Tensor a, Tensor out) {
        int m = a.rows();
        int n = a.cols();
        double[] entries = a.toRowMajor();
        double[] transposed = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                transposed[j * m + i] = entries[i * n + j];
            }
        }
        out.setRowMajor(transposed);
    }

    /** dst[k] ← src[indices[k]], one {@link Backend#copyBlock} per row. Exact. */
    public static void gatherRows(Backend backend, Tensor src, int[] indices, Tensor dst) {
        for (int k = 0; k < indices.length; k++) {
            backend.copyBlock(src, indices[k], 0, 1, src.cols(), dst, k, 0);
        }
    }

    /** dst ← src reshaped: the row-major sequence of entries carried over. Exact. */
    public static void copyReshaped(Backend backend, Tensor src, Tensor dst) {
        dst.setRowMajor(src.toRowMajor());
    }

    // ---- batched products

    /**
     * out[s][i] ← Σ_j op(M_s)[i][j]·x[s][j], summed over j in ascending order from 0, on the
     * row-major transfer (see {@link Backend#batchedMatVec}).
     */
    public static void batchedMatVec(Backend backend, Tensor matrices, Transpose trans, Tensor x, Tensor out) {
        int batch = out.rows();
        int p = out.cols();
        int q = x.cols();
        double[] weights = matrices.toRowMajor();
        double[] inputs = x.toRowMajor();
        double[] outputs = new double[batch * p];
        for (int s = 0; s < batch; s++) {
            int matrix = s * p * q;
            for (int i = 0; i < p; i++) {
                double acc = 0.0;
                for (int j = 0; j < q; j++) {
                    int entry = trans == Transpose.NONE ? i * q + j : j * p + i;
                    acc += weights[matrix + entry] * inputs[s * q + j];
                }
                outputs[s * p + i] = acc;
            }
        }
        out.setRowMajor(outputs);
    }

    /** out[s][i·q + j] ← a[s][i]·b[s][j] on the row-major transfer. Exact. */
    public static void rowwiseOuter(Backend backend, Tensor a, Tensor b, Tensor out) {
        int batch = a.rows();
        int p = a.cols();
        int q = b.cols();
        double[] left = a.toRowMajor();
        double[] right = b.toRowMajor();
        double[] outer = new double[batch * p * q];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < q; j++) {
                    outer[(s * p + i) * q + j] = left[s * p + i] * right[s * q + j];
                }
            }
        }
        out.setRowMajor(outer);
    }

    /**
     * r ← R and cq ← C·Q of the economy factorisation A = Q·R: {@link Backend#qr} into a
     * temporary Q, then {@link Backend#gemm}. Signs are canonical already.
     */
    public static void qrRightProduct(Backend backend, Tensor a, Tensor c, Tensor r, Tensor cq) {
        try (Tensor q = backend.zeros(a.rows(), r.rows())) {
            backend.qr(a, QrMode.ECONOMY, q, r);
            backend.gemm(1.0, c, Transpose.NONE, q, Transpose.NONE, 0.0, cq);
        }
    }

    /**
     * R and C·Q into columns column … column + k − 1 of next: {@link Backend#qrRightProduct}
     * into a temporary, then {@link Backend#copyBlock}. A is not modified. Signs are canonical
     * already.
     */
    public static void qrCompressionStep(Backend backend, Tensor a, Tensor c, Tensor r, Tensor next, int column) {
        try (Tensor cq = backend.zeros(c.rows(), r.rows())) {
            backend.qrRightProduct(a, c, r, cq);
            backend.copyBlock(cq, 0, 0, cq.rows(), cq.cols(), next, 0, column);
        }
    }

    // ---- broadcasts: the vector spread to a full matrix, then one entrywise core op (exact)

    /** out ← a + 1·vᵀ through {@link Backend#add}. */
    public static void addRowVector(Backend backend, Tensor a, Tensor v, Tensor out) {
        try (Tensor spread = spread(backend, v, a.rows(), a.cols(), false)) {
            backend.add(a, spread, out);
        }
    }

    /** out ← a + v·1ᵀ through {@link Backend#add}. */
    public static void addColumnVector(Backend backend, Tensor a, Tensor v, Tensor out) {
        try (Tensor spread = spread(backend, v, a.rows(), a.cols(), true)) {
            backend.add(a, spread, out);
        }
    }

    /** out ← diag(s)·a through {@link Backend#hadamard}. */
    public static void scaleRows(Backend backend, Tensor a, Tensor s, Tensor out) {
        try (Tensor spread = spread(backend, s, a.rows(), a.cols(), true)) {
            backend.hadamard(a, spread, out);
        }
    }

    /** out ← a·diag(s) through {@link Backend#hadamard}. */
    public static void scaleColumns(Backend backend, Tensor a, Tensor s, Tensor out) {
        try (Tensor spread = spread(backend, s, a.rows(), a.cols(), false)) {
            backend.hadamard(a, spread, out);
        }
    }

    /** @return a new rows × cols tensor with entry (i, j) = v[i] (byRow) or v[j] */
    private static Tensor spread(Backend backend, Tensor v, int rows, int cols, boolean byRow) {
        double[] values = v.toRowMajor();
        double[] entries = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                entries[i * cols + j] = values[byRow ? i : j];
            }
        }
        return backend.fromRowMajor(rows, cols, entries);
    }

    // ---- row and column reductions

    /** out ← a·1 by {@link Backend#gemm} with a vector of ones. */
    public static void rowSums(Backend backend, Tensor a, Tensor out) {
        if (out.cols() == 1) {
            try (Tensor ones = backend.filled(a.cols(), 1, 1.0)) {
                backend.gemm(1.0, a, Transpose.NONE, ones, Transpose.NONE, 0.0, out);
            }
        } else {
            try (Tensor ones = backend.filled(1, a.cols(), 1.0)) {
                backend.gemm(1.0, ones, Transpose.NONE, a, Transpose.TRANSPOSED, 0.0, out);
            }
        }
    }

    /** out ← 1ᵀ·a by {@link Backend#gemm} with a vector of ones. */
    public static void columnSums(Backend backend, Tensor a, Tensor out) {
        if (out.rows() == 1) {
            try (Tensor ones = backend.filled(1, a.rows(), 1.0)) {
                backend.gemm(1.0, ones, Transpose.NONE, a, Transpose.NONE, 0.0, out);
            }
        } else {
            try (Tensor ones = backend.filled(a.rows(), 1, 1.0)) {
                backend.gemm(1.0, a, Transpose.TRANSPOSED, ones, Transpose.NONE, 0.0, out);
            }
        }
    }

    /** out[i] ← Σ_j a[i][j]·b[i][j]: {@link Backend#hadamard}, then {@link Backend#rowSums}. */
    public static void rowDots(Backend backend, Tensor a, Tensor b, Tensor out) {
        try (Tensor product = backend.zeros(a.rows(), a.cols())) {
            backend.hadamard(a, b, product);
            backend.rowSums(product, out);
        }
    }

    /** out[j] ← Σ_i a[i][j]·b[i][j]: {@link Backend#hadamard}, then {@link Backend#columnSums}. */
    public static void columnDots(Backend backend, Tensor a, Tensor b, Tensor out) {
        try (Tensor product = backend.zeros(a.rows(), a.cols())) {
            backend.hadamard(a, b, product);
            backend.columnSums(product, out);
        }
    }

    /** out[i] ← ‖a[i]‖₂: each row copied out ({@link Backend#copyBlock}) and {@link Backend#norm}. */
    public static void rowNorms(Backend backend, Tensor a, Tensor out) {
        double[] norms = new double[a.rows()];
        try (Tensor row = backend.zeros(1, a.cols())) {
            for (int i = 0; i < norms.length; i++) {
                backend.copyBlock(a, i, 0, 1, a.cols(), row, 0, 0);
                norms[i] = backend.norm(row);
            }
        }
        out.setRowMajor(norms);
    }

    /** out[j] ← ‖a[·][j]‖₂: each column copied out and {@link Backend#norm}. */
    public static void columnNorms(Backend backend, Tensor a, Tensor out) {
        double[] norms = new double[a.cols()];
        try (Tensor column = backend.zeros(a.rows(), 1)) {
            for (int j = 0; j < norms.length; j++) {
                backend.copyBlock(a, 0, j, a.rows(), 1, column, 0, 0);
                norms[j] = backend.norm(column);
            }
        }
        out.setRowMajor(norms);
    }

    /** out[i] ← max_j a[i][j] on the row-major transfer, NaN propagating. Exact. */
    public static void rowMaxima(Backend backend, Tensor a, Tensor out) {
        int n = a.cols();
        double[] entries = a.toRowMajor();
        double[] maxima = new double[a.rows()];
        Arrays.fill(maxima, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < maxima.length; i++) {
            for (int j = 0; j < n; j++) {
                maxima[i] = Math.max(maxima[i], entries[i * n + j]);
            }
        }
        out.setRowMajor(maxima);
    }

    // ---- scalar reductions

    /** @return Σ a = ⟨a, 1⟩ by {@link Backend#dot} with a tensor of ones */
    public static double sum(Backend backend, Tensor a) {
        try (Tensor ones = backend.filled(a.rows(), a.cols(), 1.0)) {
            return backend.dot(a, ones);
        }
    }

    /**
     * @return ‖a‖_F = max·‖a/max‖_F with max = {@link Backend#maxAbs}: no overflow or underflow
     *     for finite entries; +∞ if an entry is infinite, NaN if one is NaN
     */
    public static double norm(Backend backend, Tensor a) {
        double max = backend.maxAbs(a);
        if (max == 0.0 || !Double.isFinite(max)) {
            return max;
        }
        try (Tensor scaled = backend.zeros(a.rows(), a.cols())) {
            backend.map(a, value -> value / max, scaled);
            return max * Math.sqrt(backend.dot(scaled, scaled));
        }
    }

    /** @return whether every entry is finite: max |a| is finite exactly then (NaN propagates) */
    public static boolean allFinite(Backend backend, Tensor a) {
        return Double.isFinite(backend.maxAbs(a));
    }

    // ---- radial rescaling, one sample per column

    /**
     * {@link Backend#radialColumns}: r ← {@link Backend#columnNorms}(z), the coefficients by
     * {@link RadialCoefficients}, out ← z·diag(c) by {@link Backend#scaleColumns}.
     */
    public static void radialColumns(Backend backend, Tensor z, RadialProfile profile, double shift, Tensor out,
                                     Tensor state) {
        int m = z.cols();
        double[] values = new double[3 * m];
        try (Tensor norms = backend.zeros(1, m)) {
            backend.columnNorms(z, norms);
            double[] r = norms.toRowMajor();
            for (int k = 0; k < m; k++) {
                RadialCoefficients.evaluate(profile, shift, r[k], values, k, m);
            }
        }
        state.setRowMajor(values);
        try (Tensor coefficients = backend.fromRowMajor(1, m, Arrays.copyOfRange(values, m, 2 * m))) {
            backend.scaleColumns(z, coefficients, out);
        }
    }

    /**
     * {@link Backend#radialColumnsBackward}: u_k·g_k = ⟨z_k, g_k⟩/r_k by
     * {@link Backend#columnDots}, then dz ← g·diag(c) + z·diag(t/r) with t = (η′ − c)(u·g), or
     * dz ← η′(s)·g where r_k is treated as 0.
     *
     * @return Σ_k η′_k·(u_k·g_k) over the columns not treated as 0, in column order
     */
    public static double radialColumnsBackward(Backend backend, Tensor z, Tensor state, Tensor g, Tensor dz) {
        int m = z.cols();
        double[] values = state.toRowMajor();
        double[] dots;
        try (Tensor columnDots = backend.zeros(1, m)) {
            backend.columnDots(z, g, columnDots);
            dots = columnDots.toRowMajor();
        }
        double[] gradientScale = new double[m];
        double[] inputScale = new double[m];
        double shiftGradient = 0.0;
        for (int k = 0; k < m; k++) {
            double r = values[k];
            double c = values[m + k];
            double slope = values[2 * m + k];
            if (r >= Double.MIN_NORMAL) {
                double inverse = 1.0 / r;
                double projection = inverse * dots[k];
                gradientScale[k] = c;
                inputScale[k] = (slope - c) * projection * inverse;
                shiftGradient += slope * projection;
            } else {
                gradientScale[k] = slope;
            }
        }
        try (Tensor gradientScales = backend.fromRowMajor(1, m, gradientScale);
             Tensor inputScales = backend.fromRowMajor(1, m, inputScale);
             Tensor inputTerm = backend.zeros(z.rows(), m)) {
            backend.scaleColumns(z, inputScales, inputTerm);
            backend.scaleColumns(g, gradientScales, dz);
            backend.add(dz, inputTerm, dz);
        }
        return shiftGradient;
    }
}
