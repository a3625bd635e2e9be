package io.radnet.core.approx.rcnet;

import io.radnet.core.approx.exact.Rational;
import java.util.Arrays;

/**
 * A block g: ℝ^D → ℝ^D of a constructed RCNet together with what it computes at each step of
 * the composition it was built for, so that the merge of Lemma E.1 can bound the values its
 * selector sees. {@link #bound(double[][], int)} bounds g(v) over a box of states v at step k
 * (1-based) of that composition: a merged block applies its first part at steps 1 … r₁ and its
 * second at r₁ + 1 … r₁ + r₂, exactly (its selector was built valid on those states), so the
 * bound is the selected part's; a leaf uses interval arithmetic through its network.
 */
abstract class Stage {
    final ReluBlock net;

    Stage(ReluBlock net) {
        this.net = net;
    }

    /** @return D */
    int dimension() {
        return net.inputDimension();
    }

    /**
     * @param box {lower, upper} of the states at step k (length D), not modified
     * @param step k ≥ 1
     * @return {lower, upper} of g over the box at that step
     */
    abstract double[][] bound(double[][] box, int step);

    /** A block with no phases: its bound is interval arithmetic through its network. */
    static final class Leaf extends Stage {
        Leaf(ReluBlock net) {
            super(net);
        }

        @Override
        double[][] bound(double[][] box, int step) {
            return net.bound(box);
        }
    }

    /**
     * A leaf that writes stored bit strings bin 0.θ₁…θ_R held exactly (more binary digits than a
     * double has) into some coordinates: its bound reports [0, 1] there, which holds every such
     * value, where interval arithmetic on the rounded doubles would report a point.
     */
    static final class StoredBits extends Stage {
        private final int[] bitCoordinates;

        StoredBits(ReluBlock net, int[] bitCoordinates) {
            super(net);
            this.bitCoordinates = bitCoordinates.clone();
        }

        @Override
        double[][] bound(double[][] box, int step) {
            double[][] out = net.bound(box);
            for (int j : bitCoordinates) {
                out[0][j] = 0.0;
                out[1][j] = 1.0;
            }
            return out;
        }
    }

    /**
     * Lemma D.1's block on (k − ℓ, β, S) when β holds more bits than a double: its bound keeps the
     * invariants that interval arithmetic loses, β' = 2σ(β) − σ(1 − m) ∈ [0, 1] whenever β ∈ [0, 1]
     * (β' = 2β for β ≤ 1/2 − 2^{−R}, 2β − 1 for β ≥ 1/2, linear between) and S' = σ(S) + σ(T − 2m)
     * ∈ [σ(S_lo), σ(S_hi) + 1] (T ∈ [0, 1], m ≥ 0), by intersecting them with the interval bound.
     */
    static final class BitReader extends Stage {
        BitReader(ReluBlock net) {
            super(net);
        }

        @Override
        double[][] bound(double[][] box, int step) {
            double[][] out = net.bound(box);
            if (box[0][1] >= 0 && box[1][1] <= 1) {
                out[0][1] = Math.max(out[0][1], 0.0);
                out[1][1] = Math.min(out[1][1], 1.0);
            }
            out[0][2] = Math.max(out[0][2], Math.max(0.0, box[0][2]));
            out[1][2] = Math.min(out[1][2], Math.max(0.0, box[1][2]) + 1);
            return out;
        }
    }

    /**
     * Parts of equal depth side by side in ℝ^D: part i reads and writes the coordinates
     * {@code placements[i]}; every other output coordinate is 0 (the paper's ĝ(u, v) = (g(u), 0)
     * and G(y₁, …, y_d) = (g(y₁), …, g(y_d))).
     */
    static final class Embedded extends Stage {
        private final Stage[] parts;
        private final int[][] placements;

        Embedded(int dimension, Stage[] parts, int[][] placements) {
            super(embed(dimension, parts, placements));
            this.parts = parts.clone();
            this.placements = placements.clone();
        }

        @Override
        double[][] bound(double[][] box, int step) {
            int n = dimension();
            double[][] result = {new double[n], new double[n]};
            for (int i = 0; i < parts.length; i++) {
                int[] at = placements[i];
                double[][] sub = {new double[at.length], new double[at.length]};
                for (int j = 0; j < at.length; j++) {
                    sub[0][j] = box[0][at[j]];
                    sub[1][j] = box[1][at[j]];
                }
                double[][] out = parts[i].bound(sub, step);
                for (int j = 0; j < at.length; j++) {
                    result[0][at[j]] = out[0][j];
                    result[1][at[j]] = out[1][j];
                }
            }
            return result;
        }

        private static ReluBlock embed(int dimension, Stage[] parts, int[][] placements) {
            int layers = parts[0].net.layers();
            for (Stage part : parts) {
                if (part.net.layers() != layers) {
                    throw new IllegalArgumentException("parts placed side by side need equal depth, got "
                            + part.net.depth() + " and " + parts[0].net.depth());
                }
            }
            double[][][] weights = new double[layers][][];
            double[][] biases = new double[layers][];
            Rational[][] exact = new Rational[layers][];
            for (int layer = 0; layer < layers; layer++) {
                boolean last = layer == layers - 1;
                final int l = layer;
                int rows = last ? dimension : Arrays.stream(parts).mapToInt(p -> p.net.hiddenWidths()[l]).sum();
                int cols = layer == 0 ? dimension : weights[layer - 1].length;
                double[][] w = new double[rows][cols];
                double[] c = new double[rows];
                exact[layer] = new Rational[rows];
                int rowOffset = 0;
                int colOffset = 0;
                for (int i = 0; i < parts.length; i++) {
                    ReluBlock p = parts[i].net;
                    int partRows = last ? p.outputDimension() : p.hiddenWidths()[layer];
                    int partCols = layer == 0 ? p.inputDimension() : p.hiddenWidths()[layer - 1];
                    for (int r = 0; r < partRows; r++) {
                        int row = last ? placements[i][r] : rowOffset + r;
                        c[row] = p.c(layer, r);
                        exact[layer][row] = p.exactOverride(layer, r);
                        for (int k = 0; k < partCols; k++) {
                            int col = layer == 0 ? placements[i][k] : colOffset + k;
                            w[row][col] = p.w(layer, r, k);
                        }
                    }
                    rowOffset += last ? 0 : partRows;
                    colOffset += layer == 0 ? 0 : partCols;
                }
                weights[layer] = w;
                biases[layer] = c;
            }
            return new ReluBlock(weights, biases, exact);
        }
    }

    /**
     * Lemma E.1 of the RCNet paper, realized so that a selected value passes through unchanged in
     * binary floating point: Φ(x, t) on ℝ^{D+1} with Φ^{∘(r₁+r₂)}(x, 2r₁ + 1) = (g₂^{∘r₂} ∘
     * g₁^{∘r₁}(x), 1 − 2r₂).
     *
     * <p>Φ = ψ ∘ G. G's L = max(L₁, L₂) hidden layers hold g₁'s and g₂'s hidden layers (the
     * shallower one continued by pass-through neurons σ(g_i + o) of an offset o that keeps them
     * non-negative, as the paper's σ^{∘(L−L_i)} ∘ (g_i + M) − M) and two counter neurons
     * c₊ = σ(t − 2), c₋ = σ(2 − t); t is an odd integer, so c₊ ≥ 1 and c₋ = 0 while t ≥ 3
     * (phase 1: g₁), c₊ = 0 and c₋ ≥ 1 once t ≤ 1 (phase 2: g₂), and t − 2 = c₊ − c₋.
     * ψ's hidden layer (Lemma E.2's selector with per-coordinate constants) has, per coordinate
     * j, σ(u_j + a_j − D¹_j c₋) and σ(v_j + b_j − D²_j c₊) (u = g₁'s output, v = g₂'s), the
     * phase indicators ι₁ = σ(1 − c₋), ι₂ = σ(1 − c₊) ∈ {0, 1} and σ(c₊ − c₋ + C); the output is
     * x_j = σ(…) + σ(…) − a_j ι₁ − b_j ι₂ and t − C. With a_j ≥ −min u_j over phase 1,
     * b_j ≥ −min v_j over phase 2 and D large enough to switch the other neuron off, the
     * selected coordinate is u_j + a_j − a_j (a_j = 0 when u_j ≥ 0, so a selected value is
     * reproduced exactly), where the paper adds and subtracts M·t. Widths: G's layers
     * w₁ + w₂ + 2, ψ's 2D + 3, within the lemma's N₁ + N₂ + 2D. The biases o + c are kept
     * exactly as well ({@link ReluBlock#exactBias}): in doubles an offset o of order 10⁸ rounds
     * the value c by about 10⁻⁸, which the double network carries and the exact one does not.
     */
    static final class Merged extends Stage {
        final Stage first;
        final Stage second;
        private final int firstSteps;
        private final int secondSteps;
        private final double[][] finalBox;

        Merged(Stage first, int firstSteps, Stage second, int secondSteps, double[][] initialBox) {
            super(build(first, firstSteps, second, secondSteps, initialBox));
            this.first = first;
            this.second = second;
            this.firstSteps = firstSteps;
            this.secondSteps = secondSteps;
            double[][] box = initialBox;
            for (int k = 1; k <= firstSteps + secondSteps; k++) {
                box = bound(box, k);
            }
            this.finalBox = box;
        }

        /** @return the bounds of the state after the r₁ + r₂ compositions from the initial box */
        double[][] finalBox() {
            return new double[][] {finalBox[0].clone(), finalBox[1].clone()};
        }

        @Override
        double[][] bound(double[][] box, int step) {
            int d = first.dimension();
            double[][] part = {Arrays.copyOf(box[0], d), Arrays.copyOf(box[1], d)};
            double[][] out = step <= firstSteps ? first.bound(part, step) : second.bound(part, step - firstSteps);
            double[][] result = {Arrays.copyOf(out[0], d + 1), Arrays.copyOf(out[1], d + 1)};
            result[0][d] = box[0][d] - 2;
            result[1][d] = box[1][d] - 2;
            return result;
        }

        /** @return the least integer offset o ≥ 0 with value + o ≥ 0 for every value ≥ lower, with a margin for rounding */
        static double offset(double lower) {
            return lower >= 0 ? 0.0 : Math.ceil(-lower * (1 + 1e-9) + 1e-9) + 1;
        }

        /** @return a multiplier that drives σ(value + o − D·c) to 0 for every value ≤ upper and c ≥ 1 */
        static double cutoff(double upper, double offset) {
            return Math.max(0.0, upper + offset) * (1 + 1e-6) + 1;
        }

        private static ReluBlock build(Stage first, int firstSteps, Stage second, int secondSteps, double[][] initial) {
            int d = first.dimension();
            if (second.dimension() != d) {
                throw new IllegalArgumentException("the merged blocks must act on one space, got ℝ^" + d + " and ℝ^"
                        + second.dimension());
            }
            if (firstSteps < 0 || secondSteps < 1) {
                throw new IllegalArgumentException("Lemma E.1 needs r₁ ≥ 0 and r₂ ≥ 1, got " + firstSteps + " and "
                        + secondSteps);
            }
            // ranges over the composition: index 0 = branch g₁, 1 = branch g₂
            double[][] selectedLower = {filled(d, Double.POSITIVE_INFINITY), filled(d, Double.POSITIVE_INFINITY)};
            double[][] discardedUpper = {filled(d, Double.NEGATIVE_INFINITY), filled(d, Double.NEGATIVE_INFINITY)};
            double[][] anyLower = {filled(d, Double.POSITIVE_INFINITY), filled(d, Double.POSITIVE_INFINITY)};
            double[][] box = initial;
            for (int k = 1; k <= firstSteps + secondSteps; k++) {
                double[][] part = {Arrays.copyOf(box[0], d), Arrays.copyOf(box[1], d)};
                int chosen = k <= firstSteps ? 0 : 1;
                double[][] selected = chosen == 0 ? first.bound(part, k) : second.bound(part, k - firstSteps);
                double[][] other = (chosen == 0 ? second : first).net.bound(part);
                for (int j = 0; j < d; j++) {
                    selectedLower[chosen][j] = Math.min(selectedLower[chosen][j], selected[0][j]);
                    anyLower[chosen][j] = Math.min(anyLower[chosen][j], selected[0][j]);
                    discardedUpper[1 - chosen][j] = Math.max(discardedUpper[1 - chosen][j], other[1][j]);
                    anyLower[1 - chosen][j] = Math.min(anyLower[1 - chosen][j], other[0][j]);
                }
                double[][] next = {Arrays.copyOf(selected[0], d + 1), Arrays.copyOf(selected[1], d + 1)};
                next[0][d] = box[0][d] - 2;
                next[1][d] = box[1][d] - 2;
                box = next;
            }
            ReluBlock[] nets = {first.net, second.net};
            int depth = Math.max(nets[0].depth(), nets[1].depth());
            double[][] passOffset = new double[2][d];
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < d; j++) {
                    passOffset[b][j] = offset(Math.min(anyLower[b][j], 0.0));
                }
            }
            // G's hidden layers: the neurons of branch b at layer l, then c₊, c₋
            Layers layers = new Layers(d + 1);
            int[][] branchWidth = new int[2][depth];
            boolean[][] activeRow = new boolean[2][];
            for (int b = 0; b < 2; b++) {
                activeRow[b] = new boolean[d];
                for (int j = 0; j < d; j++) {
                    activeRow[b][j] = nets[b].depth() < depth && !zeroRow(nets[b], nets[b].depth(), j);
                }
                for (int l = 0; l < depth; l++) {
                    branchWidth[b][l] = l < nets[b].depth() ? nets[b].hiddenWidths()[l] : count(activeRow[b]);
                }
            }
            for (int l = 0; l < depth; l++) {
                int rows = branchWidth[0][l] + branchWidth[1][l] + 2;
                int cols = l == 0 ? d + 1 : layers.width();
                double[][] w = new double[rows][cols];
                double[] c = new double[rows];
                Rational[] exact = new Rational[rows];
                int rowOffset = 0;
                int colOffset = 0;
                for (int b = 0; b < 2; b++) {
                    ReluBlock net = nets[b];
                    int previousWidth = l == 0 ? d : branchWidth[b][l - 1];
                    if (l < net.depth()) {
                        for (int r = 0; r < branchWidth[b][l]; r++) {
                            c[rowOffset + r] = net.c(l, r);
                            exact[rowOffset + r] = net.exactOverride(l, r);
                            for (int k = 0; k < previousWidth; k++) {
                                w[rowOffset + r][(l == 0 ? 0 : colOffset) + k] = net.w(l, r, k);
                            }
                        }
                    } else if (l == net.depth()) {
                        // σ(g_b(·) + o): g_b's output layer applied to its last hidden layer (or to x if affine)
                        int r = 0;
                        for (int j = 0; j < d; j++) {
                            if (!activeRow[b][j]) {
                                continue;
                            }
                            c[rowOffset + r] = net.c(l, j) + passOffset[b][j];
                            exact[rowOffset + r] = net.exactBias(l, j).add(Rational.ofDouble(passOffset[b][j]));
                            for (int k = 0; k < previousWidth; k++) {
                                w[rowOffset + r][(l == 0 ? 0 : colOffset) + k] = net.w(l, j, k);
                            }
                            r++;
                        }
                    } else {
                        for (int r = 0; r < branchWidth[b][l]; r++) {
                            w[rowOffset + r][colOffset + r] = 1.0;
                        }
                    }
                    rowOffset += branchWidth[b][l];
                    colOffset += l == 0 ? 0 : previousWidth;
                }
                int plus = rowOffset;
                if (l == 0) {
                    w[plus][d] = 1.0;
                    c[plus] = -2.0;
                    w[plus + 1][d] = -1.0;
                    c[plus + 1] = 2.0;
                } else {
                    w[plus][colOffset] = 1.0;
                    w[plus + 1][colOffset + 1] = 1.0;
                }
                layers.add(w, c, exact);
            }
            // ψ: per coordinate the two selector neurons, then ι₁, ι₂ and the counter
            int lastWidth = layers.width();
            int plus = branchWidth[0][depth - 1] + branchWidth[1][depth - 1];
            int minus = plus + 1;
            double counterShift = 2.0 * secondSteps + 2;
            double[] selectedOffset = new double[2 * d];
            double[][] psiW = new double[2 * d + 3][lastWidth];
            double[] psiC = new double[2 * d + 3];
            Rational[] psiExact = new Rational[2 * d + 3];
            int[] branchStart = {0, branchWidth[0][depth - 1]};
            for (int b = 0; b < 2; b++) {
                ReluBlock net = nets[b];
                int indicatorOff = b == 0 ? minus : plus;
                for (int j = 0; j < d; j++) {
                    int row = 2 * j + b;
                    double lower = selectedLower[b][j];
                    double o = Double.isInfinite(lower) ? 0.0 : offset(lower);
                    selectedOffset[row] = o;
                    double upper = discardedUpper[b][j];
                    double cut = Double.isInfinite(upper) ? 1.0 : cutoff(upper, o);
                    psiW[row][indicatorOff] = -cut;
                    psiC[row] = o;
                    if (net.depth() == depth) {
                        psiC[row] += net.c(depth, j);
                        psiExact[row] = net.exactBias(depth, j).add(Rational.ofDouble(o));
                        for (int k = 0; k < net.hiddenWidths()[depth - 1]; k++) {
                            psiW[row][branchStart[b] + k] = net.w(depth, j, k);
                        }
                    } else if (activeRow[b][j]) {
                        int position = 0;
                        for (int q = 0; q < j; q++) {
                            position += activeRow[b][q] ? 1 : 0;
                        }
                        psiW[row][branchStart[b] + position] = 1.0;
                        psiC[row] -= passOffset[b][j];
                        psiExact[row] = Rational.ofDouble(o).subtract(Rational.ofDouble(passOffset[b][j]));
                    } else {
                        psiC[row] += net.c(net.depth(), j);
                        psiExact[row] = net.exactBias(net.depth(), j).add(Rational.ofDouble(o));
                    }
                }
            }
            int iota1 = 2 * d;
            int iota2 = 2 * d + 1;
            int counter = 2 * d + 2;
            psiW[iota1][minus] = -1.0;
            psiC[iota1] = 1.0;
            psiW[iota2][plus] = -1.0;
            psiC[iota2] = 1.0;
            psiW[counter][plus] = 1.0;
            psiW[counter][minus] = -1.0;
            psiC[counter] = counterShift;
            layers.add(psiW, psiC, psiExact);
            double[][] outW = new double[d + 1][2 * d + 3];
            double[] outC = new double[d + 1];
            for (int j = 0; j < d; j++) {
                outW[j][2 * j] = 1.0;
                outW[j][2 * j + 1] = 1.0;
                outW[j][iota1] = -selectedOffset[2 * j];
                outW[j][iota2] = -selectedOffset[2 * j + 1];
            }
            outW[d][counter] = 1.0;
            outC[d] = -counterShift;
            layers.add(outW, outC, null);
            return layers.block();
        }

        private static boolean zeroRow(ReluBlock net, int layer, int row) {
            if (net.c(layer, row) != 0) {
                return false;
            }
            for (double v : net.row(layer, row)) {
                if (v != 0) {
                    return false;
                }
            }
            return true;
        }

        private static int count(boolean[] flags) {
            int n = 0;
            for (boolean f : flags) {
                n += f ? 1 : 0;
            }
            return n;
        }

        private static double[] filled(int n, double value) {
            double[] a = new double[n];
            Arrays.fill(a, value);
            return a;
        }
    }

    /** Accumulates layers {W, c} of a block under construction. */
    static final class Layers {
        private final java.util.List<double[][]> weights = new java.util.ArrayList<>();
        private final java.util.List<double[]> biases = new java.util.ArrayList<>();
        private final java.util.List<Rational[]> exactBiases = new java.util.ArrayList<>();
        private int width;

        Layers(int inputDimension) {
            width = inputDimension;
        }

        /** Adds the layer {w, c}; exact holds the biases stored exactly (null entries, or null, where c is). */
        void add(double[][] w, double[] c, Rational[] exact) {
            weights.add(w);
            biases.add(c);
            exactBiases.add(exact);
            width = w.length;
        }

        int width() {
            return width;
        }

        ReluBlock block() {
            return new ReluBlock(weights.toArray(new double[0][][]), biases.toArray(new double[0][]),
                    exactBiases.toArray(new Rational[0][]));
        }
    }
}
