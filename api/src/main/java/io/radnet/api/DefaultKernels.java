package io.radnet.api;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.List;

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

    // ---- Winograd F(2×2, 3×3) transforms, on column-major copies

    /** @return t's entries column-major: entry (i, j) at i + j·rows */
    private static double[] columnMajor(Tensor t) {
        double[] rowMajor = t.toRowMajor();
        double[] entries = new double[rowMajor.length];
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                entries[i + j * t.rows()] = rowMajor[i * t.cols() + j];
            }
        }
        return entries;
    }

    /** t ← the column-major entries. */
    private static void setColumnMajor(Tensor t, double[] entries) {
        double[] rowMajor = new double[entries.length];
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
                rowMajor[i * t.cols() + j] = entries[i + j * t.rows()];
            }
        }
        t.setRowMajor(rowMajor);
    }

    private static DoubleBuffer[] columnMajorBuffers(List<Tensor> tensors, boolean read) {
        DoubleBuffer[] buffers = new DoubleBuffer[tensors.size()];
        for (int i = 0; i < buffers.length; i++) {
            Tensor t = tensors.get(i);
            buffers[i] = DoubleBuffer.wrap(read ? columnMajor(t) : new double[t.size()]);
        }
        return buffers;
    }

    private static void store(DoubleBuffer[] buffers, List<Tensor> tensors) {
        for (int i = 0; i < buffers.length; i++) {
            setColumnMajor(tensors.get(i), buffers[i].array());
        }
    }

    /** {@link WinogradTransforms#transformInput} on column-major copies. */
    public static void winogradTransformInput(Backend backend, Tensor planes, ConvolutionGeometry geometry,
                                              int firstSample, List<Tensor> tiles) {
        DoubleBuffer[] out = columnMajorBuffers(tiles, false);
        WinogradTransforms.transformInput(DoubleBuffer.wrap(columnMajor(planes)), geometry, firstSample, out,
                tiles.get(0).cols());
        store(out, tiles);
    }

    /** {@link WinogradTransforms#transformInputTransposed} on column-major copies. */
    public static void winogradTransformInputTransposed(Backend backend, List<Tensor> tiles,
                                                        ConvolutionGeometry geometry, int firstSample, Tensor planes) {
        double[] entries = columnMajor(planes);
        WinogradTransforms.transformInputTransposed(columnMajorBuffers(tiles, true), tiles.get(0).cols(), geometry,
                firstSample, DoubleBuffer.wrap(entries));
        setColumnMajor(planes, entries);
    }

    /** {@link WinogradTransforms#transformOutput} on column-major copies. */
    public static void winogradTransformOutput(Backend backend, List<Tensor> products, ConvolutionGeometry geometry,
                                               int firstSample, Tensor output) {
        double[] entries = columnMajor(output);
        WinogradTransforms.transformOutput(columnMajorBuffers(products, true), products.get(0).cols(), geometry,
                output.rows(), firstSample, DoubleBuffer.wrap(entries));
        setColumnMajor(output, entries);
    }

    /** {@link WinogradTransforms#transformOutputTransposed} on column-major copies. */
    public static void winogradTransformOutputTransposed(Backend backend, Tensor dOutput, ConvolutionGeometry geometry,
                                                         int firstSample, List<Tensor> products) {
        DoubleBuffer[] out = columnMajorBuffers(products, false);
        WinogradTransforms.transformOutputTransposed(DoubleBuffer.wrap(columnMajor(dOutput)), geometry, dOutput.rows(),
                firstSample, out, products.get(0).cols());
        store(out, products);
    }

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

    // ---- optimizer steps

    /**
     * {@link Backend#adamUpdate} as the unfused sequence of core operations, on one temporary s
     * (and, with a weight decay λ &gt; 0, first g' ← g, g' ← g' + λ·θ on a second one, used as g
     * below): m ← β₁·m, m ← m + (1 − β₁)·g, s ← g∘g, v ← β₂·v, v ← v + (1 − β₂)·s, s ← √v,
     * s ← c·s, s ← s + ε, s ← m ÷ s, s ← (−stepSize)·s, θ ← θ + 1·s. Each entry is rounded
     * once per operation, so a fused kernel doing the same operations per entry agrees bitwise.
     */
    public static void adamUpdate(Backend backend, Tensor parameters, Tensor gradient, Tensor firstMoment,
                                  Tensor secondMoment, AdamCoefficients k) {
        if (k.weightDecay() != 0.0) {
            try (Tensor decayed = backend.copy(gradient)) {
                backend.axpy(k.weightDecay(), parameters, decayed);
                adamUpdate(backend, parameters, decayed, firstMoment, secondMoment, new AdamCoefficients(k.beta1(),
                        k.beta2(), k.eps(), k.secondMomentScale(), k.stepSize()));
            }
            return;
        }
        try (Tensor scratch = backend.zeros(parameters.rows(), parameters.cols())) {
            backend.scale(k.beta1(), firstMoment, firstMoment);
            backend.axpy(1.0 - k.beta1(), gradient, firstMoment);
            backend.hadamard(gradient, gradient, scratch);
            backend.scale(k.beta2(), secondMoment, secondMoment);
            backend.axpy(1.0 - k.beta2(), scratch, secondMoment);
            backend.map(secondMoment, Math::sqrt, scratch);
            backend.scale(k.secondMomentScale(), scratch, scratch);
            backend.addScalar(scratch, k.eps(), scratch);
            backend.zip(firstMoment, scratch, (m, s) -> m / s, scratch);
            backend.scale(-k.stepSize(), scratch, scratch);
            backend.axpy(1.0, scratch, parameters);
        }
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

    // ---- batch normalisation (features in rows or in columns)

    /**
     * {@link Backend#batchNormStatistics}: the row (column) sums divided by M, then the row
     * (column) dots of x + (−mean) with itself.
     */
    public static void batchNormStatistics(Backend backend, Tensor x, boolean perRow, Tensor mean,
                                           Tensor centeredSquares) {
        int features = perRow ? x.rows() : x.cols();
        int count = perRow ? x.cols() : x.rows();
        if (perRow) {
            backend.rowSums(x, mean);
        } else {
            backend.columnSums(x, mean);
        }
        double[] values = mean.toRowMajor();
        double[] negated = new double[features];
        for (int c = 0; c < features; c++) {
            values[c] /= count;
            negated[c] = -values[c];
        }
        mean.setRowMajor(values);
        try (Tensor shift = backend.fromRowMajor(1, features, negated);
             Tensor centered = backend.zeros(x.rows(), x.cols())) {
            addFeatureVector(backend, x, perRow, shift, centered);
            if (perRow) {
                backend.rowDots(centered, centered, centeredSquares);
            } else {
                backend.columnDots(centered, centered, centeredSquares);
            }
        }
    }

    /**
     * {@link Backend#batchNormForward}: out ← x + (−μ), out ← s∘out, out ← γ∘out, out ← out + β
     * (broadcast per feature), then ReLU by {@link Backend#map}.
     */
    public static void batchNormForward(Backend backend, Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation,
                                        Tensor weight, Tensor bias, boolean relu, Tensor out) {
        normalize(backend, x, perRow, mean, inverseDeviation, out);
        scaleFeatures(backend, out, perRow, weight, out);
        addFeatureVector(backend, out, perRow, bias, out);
        if (relu) {
            backend.map(out, value -> value > 0.0 ? value : 0.0, out);
        }
    }

    /**
     * {@link Backend#batchNormBackward}: the forward recomputed for the ReLU mask, g' by
     * {@link Backend#zip}, x̂ by broadcasts, the sums and dots per feature, then dx by
     * broadcasts, {@link Backend#subtract} and a broadcast add.
     */
    public static void batchNormBackward(Backend backend, Tensor dOut, Tensor x, boolean perRow, Tensor mean,
                                         Tensor inverseDeviation, Tensor weight, Tensor bias, boolean relu,
                                         boolean batchStatistics, Tensor biasGradient, Tensor weightGradient, Tensor dx) {
        int features = perRow ? x.rows() : x.cols();
        int count = perRow ? x.cols() : x.rows();
        try (Tensor upstream = backend.copy(dOut);
             Tensor normalized = backend.zeros(x.rows(), x.cols())) {
            if (relu) {
                try (Tensor output = backend.zeros(x.rows(), x.cols())) {
                    batchNormForward(backend, x, perRow, mean, inverseDeviation, weight, bias, false, output);
                    backend.zip(output, dOut, (value, gradient) -> value > 0.0 ? gradient : 0.0, upstream);
                }
            }
            normalize(backend, x, perRow, mean, inverseDeviation, normalized);
            if (perRow) {
                backend.rowSums(upstream, biasGradient);
                backend.rowDots(upstream, normalized, weightGradient);
            } else {
                backend.columnSums(upstream, biasGradient);
                backend.columnDots(upstream, normalized, weightGradient);
            }
            if (dx == null) {
                return;
            }
            double[] factors = weight.toRowMajor();
            double[] deviations = inverseDeviation.toRowMajor();
            double[] sums = biasGradient.toRowMajor();
            double[] dots = weightGradient.toRowMajor();
            double[] shifts = new double[features];
            double[] slopes = new double[features];
            for (int c = 0; c < features; c++) {
                factors[c] *= deviations[c];
                shifts[c] = -factors[c] * sums[c] / count;
                slopes[c] = factors[c] * dots[c] / count;
            }
            try (Tensor factor = backend.fromRowMajor(1, features, factors)) {
                scaleFeatures(backend, upstream, perRow, factor, dx);
            }
            if (batchStatistics) {
                try (Tensor slope = backend.fromRowMajor(1, features, slopes);
                     Tensor shift = backend.fromRowMajor(1, features, shifts)) {
                    scaleFeatures(backend, normalized, perRow, slope, normalized);
                    backend.subtract(dx, normalized, dx);
                    addFeatureVector(backend, dx, perRow, shift, dx);
                }
            }
        }
    }

    /** out ← (x + (−μ))∘s per feature. */
    private static void normalize(Backend backend, Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation,
                                  Tensor out) {
        double[] negated = mean.toRowMajor();
        for (int c = 0; c < negated.length; c++) {
            negated[c] = -negated[c];
        }
        try (Tensor shift = backend.fromRowMajor(1, negated.length, negated)) {
            addFeatureVector(backend, x, perRow, shift, out);
        }
        scaleFeatures(backend, out, perRow, inverseDeviation, out);
    }

    private static void addFeatureVector(Backend backend, Tensor a, boolean perRow, Tensor vector, Tensor out) {
        if (perRow) {
            backend.addColumnVector(a, vector, out);
        } else {
            backend.addRowVector(a, vector, out);
        }
    }

    private static void scaleFeatures(Backend backend, Tensor a, boolean perRow, Tensor factors, Tensor out) {
        if (perRow) {
            backend.scaleRows(a, factors, out);
        } else {
            backend.scaleColumns(a, factors, out);
        }
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

    // ---- convolution and pooling (plane layout, see ConvolutionGeometry)

    /** The column matrix of {@link Backend#im2col}, entry by entry on the row-major transfer. Exact. */
    public static void im2col(Backend backend, Tensor planes, ConvolutionGeometry geometry, PatchOrder order,
                              int firstSample, Tensor columns) {
        double[] input = planes.toRowMajor();
        int inputCols = planes.cols();
        int columnCols = columns.cols();
        double[] output = new double[columns.rows() * columnCols];
        int k = geometry.kernel();
        int outH = geometry.outputHeight();
        int outW = geometry.outputWidth();
        int group = columnCols / (outH * outW);
        for (int c = 0; c < geometry.channels(); c++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    int row = order.row(geometry, c, i, j);
                    for (int g = 0; g < group; g++) {
                        for (int oy = 0; oy < outH; oy++) {
                            for (int ox = 0; ox < outW; ox++) {
                                int y = oy * geometry.stride() - geometry.padding() + i;
                                int x = ox * geometry.stride() - geometry.padding() + j;
                                int column = (g * outH + oy) * outW + ox;
                                output[row * columnCols + column] = y < 0 || y >= geometry.height() || x < 0
                                        || x >= geometry.width() ? 0.0
                                        : input[c * inputCols + (firstSample + g) * geometry.inputPixels()
                                                + y * geometry.width() + x];
                            }
                        }
                    }
                }
            }
        }
        columns.setRowMajor(output);
    }

    /**
     * The adjoint of {@link #im2col} on the row-major transfer: the group's entries of planes
     * zeroed, then every column entry added to its input position in the order (c, i, j, g, oy, ox)
     * (per input entry ascending (i, j)).
     */
    public static void col2im(Backend backend, Tensor columns, ConvolutionGeometry geometry, PatchOrder order,
                              int firstSample, Tensor planes) {
        double[] input = columns.toRowMajor();
        double[] output = planes.toRowMajor();
        int planeCols = planes.cols();
        int columnCols = columns.cols();
        int k = geometry.kernel();
        int outH = geometry.outputHeight();
        int outW = geometry.outputWidth();
        int group = columnCols / (outH * outW);
        int pixels = geometry.inputPixels();
        for (int c = 0; c < geometry.channels(); c++) {
            int start = c * planeCols + firstSample * pixels;
            java.util.Arrays.fill(output, start, start + group * pixels, 0.0);
        }
        for (int c = 0; c < geometry.channels(); c++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    int row = order.row(geometry, c, i, j);
                    for (int g = 0; g < group; g++) {
                        for (int oy = 0; oy < outH; oy++) {
                            for (int ox = 0; ox < outW; ox++) {
                                int y = oy * geometry.stride() - geometry.padding() + i;
                                int x = ox * geometry.stride() - geometry.padding() + j;
                                if (y >= 0 && y < geometry.height() && x >= 0 && x < geometry.width()) {
                                    output[c * planeCols + (firstSample + g) * pixels + y * geometry.width() + x] +=
                                            input[row * columnCols + (g * outH + oy) * outW + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
        planes.setRowMajor(output);
    }

    /** dst[s, r·B + b] ← src[r, s·B + b] on the row-major transfer. Exact. */
    public static void transposeBlocks(Backend backend, Tensor src, int blockWidth, Tensor dst) {
        int rows = src.rows();
        int blocks = src.cols() / blockWidth;
        double[] input = src.toRowMajor();
        double[] output = new double[input.length];
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < blocks; s++) {
                System.arraycopy(input, (r * blocks + s) * blockWidth, output, (s * rows + r) * blockWidth, blockWidth);
            }
        }
        dst.setRowMajor(output);
    }

    /** The window maxima and their first positions of {@link Backend#maxPool}, on the row-major transfer. Exact. */
    public static void maxPool(Backend backend, Tensor planes, ConvolutionGeometry geometry, Tensor pooled,
                               int[] argmax) {
        double[] input = planes.toRowMajor();
        int planeCols = planes.cols();
        int pooledCols = pooled.cols();
        double[] output = new double[pooled.size()];
        int k = geometry.kernel();
        int outH = geometry.outputHeight();
        int outW = geometry.outputWidth();
        int pixels = geometry.inputPixels();
        int batch = planeCols / pixels;
        for (int c = 0; c < geometry.channels(); c++) {
            for (int n = 0; n < batch; n++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        int best = -1;
                        double max = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int column = n * pixels + (oy * geometry.stride() + i) * geometry.width()
                                        + ox * geometry.stride() + j;
                                double value = input[c * planeCols + column];
                                if (best < 0 || value > max) {
                                    max = value;
                                    best = column;
                                }
                            }
                        }
                        int index = c * pooledCols + (n * outH + oy) * outW + ox;
                        output[index] = max;
                        argmax[index] = best;
                    }
                }
            }
        }
        pooled.setRowMajor(output);
    }

    /** dPlanes ← 0, then dPlanes[c, argmax[c·M + j]] += dPooled[c, j], on the row-major transfer. */
    public static void maxPoolBackward(Backend backend, Tensor dPooled, int[] argmax, Tensor dPlanes) {
        double[] input = dPooled.toRowMajor();
        int pooledCols = dPooled.cols();
        int planeCols = dPlanes.cols();
        double[] output = new double[dPlanes.size()];
        for (int c = 0; c < dPooled.rows(); c++) {
            for (int j = 0; j < pooledCols; j++) {
                int index = c * pooledCols + j;
                output[c * planeCols + argmax[index]] += input[index];
            }
        }
        dPlanes.setRowMajor(output);
    }
}
