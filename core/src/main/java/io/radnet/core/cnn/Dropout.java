package io.radnet.core.cnn;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PyTorch's {@code Dropout(p)}: in training mode y = x ∘ m / (1 − p) with m an independent
 * Bernoulli(1 − p) mask per entry (drawn from the pass's seeded random source, so a run is
 * reproducible, not PyTorch's numbers), ∂L/∂x = ∂L/∂y ∘ m / (1 − p); in evaluation mode the
 * identity. Any shape; no parameters.
 */
public final class Dropout extends Layer {
    private final double probability;

    /**
     * @param backend the backend
     * @param shape the features (kept)
     * @param probability p, 0 ≤ p &lt; 1
     * @throws IllegalArgumentException if p is outside [0, 1)
     */
    Dropout(Backend backend, FeatureShape shape, double probability) {
        super(backend, shape, shape);
        if (!(probability >= 0.0 && probability < 1.0)) {
            throw new IllegalArgumentException("Dropout probability must be in [0, 1), got " + probability);
        }
        this.probability = probability;
    }

    /** @return p, the probability of dropping an entry */
    public double probability() {
        return probability;
    }

    @Override
    public String typeName() {
        return "Dropout";
    }

    @Override
    public String describe() {
        return "Dropout(p=" + probability + ", inplace=False)";
    }

    /**
     * The integer form of the test u &lt; p for u = {@link SplittableRandom#nextDouble()}, which
     * is b·2⁻⁵³ exactly for b = {@link SplittableRandom#nextLong()} &gt;&gt;&gt; 11 (the same draw of
     * the source): b·2⁻⁵³ &lt; p exactly when b &lt; ⌈p·2⁵³⌉ (p·2⁵³ is exact), so the masks are
     * those of the double test, drawn without converting and comparing a double per entry.
     *
     * @param probability p in [0, 1)
     * @return ⌈p·2⁵³⌉
     */
    static long dropThreshold(double probability) {
        return (long) Math.ceil(probability * 0x1.0p53);
    }

    /**
     * The mask entry of one draw without a branch on it (a dropout mask is unpredictable, and a
     * mispredicted branch per entry costs more than the draw): b − threshold is negative exactly
     * when b &lt; threshold (both lie in [0, 2⁵³], so the difference does not overflow), and its
     * sign, spread to all 64 bits, clears the bits of the kept value.
     *
     * @param draw b = {@code nextLong() >>> 11}, in [0, 2⁵³)
     * @param dropBelow ⌈p·2⁵³⌉ ({@link #dropThreshold})
     * @param keepBits the bits of 1/(1 − p)
     * @return +0.0 where b &lt; ⌈p·2⁵³⌉ (dropped), else 1/(1 − p)
     */
    static double maskEntry(long draw, long dropBelow, long keepBits) {
        return Double.longBitsToDouble(keepBits & ~((draw - dropBelow) >> 63));
    }

    @Override
    LayerPass newPass(int batch, boolean trainingPass, SplittableRandom random) {
        Backend backend = backend();
        if (!trainingPass) {
            return new LayerPass() {
                @Override
                public Tensor forward(Tensor input) {
                    return input;
                }

                @Override
                public void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput) {
                    if (dInput != null) {
                        backend.copy(dOutput, dInput);
                    }
                }
            };
        }
        Tensor output = batchTensor(batch, outputShape());
        Tensor mask = batchTensor(batch, outputShape());
        double[] maskValues = new double[mask.size()];
        long keepBits = Double.doubleToRawLongBits(1.0 / (1.0 - probability));
        long dropBelow = dropThreshold(probability);
        return new LayerPass() {
            private boolean dropped;

            @Override
            public Tensor forward(Tensor input) {
                dropped = training();
                if (!dropped) {
                    return input;
                }
                for (int k = 0; k < maskValues.length; k++) {
                    maskValues[k] = maskEntry(random.nextLong() >>> 11, dropBelow, keepBits);
                }
                mask.setRowMajor(maskValues);
                backend.hadamard(input, mask, output);
                return output;
            }

            @Override
            public void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput) {
                if (dInput == null) {
                    return;
                }
                if (dropped) {
                    backend.hadamard(dOutput, mask, dInput);
                } else {
                    backend.copy(dOutput, dInput);
                }
            }
        };
    }
}
