package io.radnet.api.tck;

import static io.radnet.api.tck.TensorAssertions.assertClose;
import static io.radnet.api.tck.TensorAssertions.assertCloseScalar;
import static io.radnet.api.tck.TensorAssertions.assertExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radnet.api.AdamCoefficients;
import io.radnet.api.ConvolutionGeometry;
import io.radnet.api.DefaultKernels;
import io.radnet.api.PatchOrder;
import io.radnet.api.RadialProfile;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.api.WinogradTransforms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capability of the backend under test agrees with its default in {@link DefaultKernels},
 * run on the same backend's tensors: bitwise where the operation moves or picks entries or
 * rounds once per entry (transposes, gathers, reshapes, broadcasts, row-wise outer products,
 * maxima, finiteness), to {@link Tolerances#OP_RELATIVE} where it sums (products, sums, dots,
 * norms, the radial rescaling), to {@link Tolerances#QR_UNIQUENESS} for the QR right product.
 * A capability the backend does not override is its default, and passes trivially; one it
 * overrides must compute the same.
 */
public interface CapabilityContract extends ContractFixture {

    private static void same(Tensor expected, Tensor actual, String what) {
        assertExactly(expected.toRows(), actual, what + " agrees bitwise with its default");
    }

    private static void close(Tensor expected, Tensor actual, double tolerance, String what) {
        assertClose(expected.toRows(), actual, tolerance, what + " agrees with its default");
    }

    private Tensor vector(long seed, int length, boolean asRow) {
        return asRow ? random(seed, 1, length) : random(seed, length, 1);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void layoutCapabilitiesAgreeWithTheirDefaults(int rows, int cols) {
        Tensor a = random(61, rows, cols);
        Tensor expected = backend().zeros(cols, rows);
        DefaultKernels.transpose(backend(), a, expected);
        same(expected, backend().transpose(a), "transpose");

        int[] indices = {rows - 1, 0, rows / 2, rows - 1};
        Tensor gathered = backend().zeros(indices.length, cols);
        DefaultKernels.gatherRows(backend(), a, indices, gathered);
        Tensor actual = backend().zeros(indices.length, cols);
        backend().gatherRows(a, indices, actual);
        same(gathered, actual, "gatherRows");

        Tensor reshaped = backend().zeros(cols, rows);
        DefaultKernels.copyReshaped(backend(), a, reshaped);
        Tensor actualReshaped = backend().zeros(cols, rows);
        backend().copyReshaped(a, actualReshaped);
        same(reshaped, actualReshaped, "copyReshaped");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void broadcastCapabilitiesAgreeWithTheirDefaults(int rows, int cols) {
        Tensor a = random(62, rows, cols);
        for (boolean asRow : new boolean[] {true, false}) {
            String o = asRow ? " (1xn vector)" : " (nx1 vector)";
            Tensor byColumn = vector(63, cols, asRow);
            Tensor byRow = vector(64, rows, asRow);
            Tensor expected = backend().zeros(rows, cols);
            Tensor actual = backend().zeros(rows, cols);
            DefaultKernels.addRowVector(backend(), a, byColumn, expected);
            backend().addRowVector(a, byColumn, actual);
            same(expected, actual, "addRowVector" + o);
            DefaultKernels.addColumnVector(backend(), a, byRow, expected);
            backend().addColumnVector(a, byRow, actual);
            same(expected, actual, "addColumnVector" + o);
            DefaultKernels.scaleRows(backend(), a, byRow, expected);
            backend().scaleRows(a, byRow, actual);
            same(expected, actual, "scaleRows" + o);
            DefaultKernels.scaleColumns(backend(), a, byColumn, expected);
            backend().scaleColumns(a, byColumn, actual);
            same(expected, actual, "scaleColumns" + o);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void reductionCapabilitiesAgreeWithTheirDefaults(int rows, int cols) {
        Tensor a = random(65, rows, cols);
        Tensor b = random(66, rows, cols);
        for (boolean asRow : new boolean[] {true, false}) {
            String o = asRow ? " (1xn vector)" : " (nx1 vector)";
            Tensor perRow = asRow ? backend().zeros(1, rows) : backend().zeros(rows, 1);
            Tensor perRowDefault = asRow ? backend().zeros(1, rows) : backend().zeros(rows, 1);
            Tensor perColumn = asRow ? backend().zeros(1, cols) : backend().zeros(cols, 1);
            Tensor perColumnDefault = asRow ? backend().zeros(1, cols) : backend().zeros(cols, 1);

            backend().rowSums(a, perRow);
            DefaultKernels.rowSums(backend(), a, perRowDefault);
            close(perRowDefault, perRow, Tolerances.OP_RELATIVE, "rowSums" + o);
            backend().columnSums(a, perColumn);
            DefaultKernels.columnSums(backend(), a, perColumnDefault);
            close(perColumnDefault, perColumn, Tolerances.OP_RELATIVE, "columnSums" + o);
            backend().rowDots(a, b, perRow);
            DefaultKernels.rowDots(backend(), a, b, perRowDefault);
            close(perRowDefault, perRow, Tolerances.OP_RELATIVE, "rowDots" + o);
            backend().columnDots(a, b, perColumn);
            DefaultKernels.columnDots(backend(), a, b, perColumnDefault);
            close(perColumnDefault, perColumn, Tolerances.OP_RELATIVE, "columnDots" + o);
            backend().rowMaxima(a, perRow);
            DefaultKernels.rowMaxima(backend(), a, perRowDefault);
            same(perRowDefault, perRow, "rowMaxima" + o);
            for (double magnitude : new double[] {1.0, 0x1p700, 0x1p-700}) {
                Tensor scaled = backend().zeros(rows, cols);
                backend().scale(magnitude, a, scaled);
                String m = o + " at magnitude " + magnitude;
                backend().rowNorms(scaled, perRow);
                DefaultKernels.rowNorms(backend(), scaled, perRowDefault);
                close(perRowDefault, perRow, Tolerances.OP_RELATIVE, "rowNorms" + m);
                backend().columnNorms(scaled, perColumn);
                DefaultKernels.columnNorms(backend(), scaled, perColumnDefault);
                close(perColumnDefault, perColumn, Tolerances.OP_RELATIVE, "columnNorms" + m);
                assertCloseScalar(DefaultKernels.norm(backend(), scaled) / magnitude,
                        backend().norm(scaled) / magnitude, Tolerances.OP_RELATIVE, "norm" + m);
            }
        }
        assertCloseScalar(DefaultKernels.sum(backend(), a), backend().sum(a), Tolerances.OP_RELATIVE, "sum");
        assertEquals(DefaultKernels.allFinite(backend(), a), backend().allFinite(a), "allFinite");
    }

    @Test
    default void nonFiniteEntriesReduceAsTheirDefaults() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Tensor a = random(67, 4, 5);
            a.set(2, 3, bad);
            assertEquals(DefaultKernels.allFinite(backend(), a), backend().allFinite(a), "allFinite with " + bad);
            assertEquals(DefaultKernels.norm(backend(), a), backend().norm(a), "norm with " + bad);
            Tensor maxima = backend().zeros(4, 1);
            Tensor maximaDefault = backend().zeros(4, 1);
            backend().rowMaxima(a, maxima);
            DefaultKernels.rowMaxima(backend(), a, maximaDefault);
            same(maximaDefault, maxima, "rowMaxima with " + bad);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void batchedProductCapabilitiesAgreeWithTheirDefaults(int batch, int p) {
        int q = 3;
        Tensor x = random(68, batch, q);
        Tensor matrices = random(69, batch, p * q);
        for (Transpose trans : Transpose.values()) {
            Tensor expected = backend().zeros(batch, p);
            Tensor actual = backend().zeros(batch, p);
            DefaultKernels.batchedMatVec(backend(), matrices, trans, x, expected);
            backend().batchedMatVec(matrices, trans, x, actual);
            close(expected, actual, Tolerances.OP_RELATIVE, "batchedMatVec (" + trans + ")");
        }
        Tensor a = random(70, batch, p);
        Tensor expected = backend().zeros(batch, p * q);
        Tensor actual = backend().zeros(batch, p * q);
        DefaultKernels.rowwiseOuter(backend(), a, x, expected);
        backend().rowwiseOuter(a, x, actual);
        same(expected, actual, "rowwiseOuter");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void qrRightProductAgreesWithItsDefault(int rows, int cols) {
        Tensor a = random(71, rows, cols);
        Tensor c = random(72, 3, rows);
        int k = Math.min(rows, cols);
        Tensor r = backend().zeros(k, cols);
        Tensor cq = backend().zeros(3, k);
        Tensor rDefault = backend().zeros(k, cols);
        Tensor cqDefault = backend().zeros(3, k);
        backend().qrRightProduct(a, c, r, cq);
        DefaultKernels.qrRightProduct(backend(), a, c, rDefault, cqDefault);
        close(rDefault, r, Tolerances.QR_UNIQUENESS, "qrRightProduct's R");
        close(cqDefault, cq, Tolerances.QR_UNIQUENESS, "qrRightProduct's C·Q");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void adamUpdateAgreesBitwiseWithItsDefault(int rows, int cols) {
        Tensor theta = random(80, rows, cols);
        Tensor m = random(81, rows, cols);
        Tensor v = random(82, rows, cols);
        backend().map(v, Math::abs, v);
        Tensor thetaDefault = backend().copy(theta);
        Tensor mDefault = backend().copy(m);
        Tensor vDefault = backend().copy(v);
        AdamCoefficients[] steps = {new AdamCoefficients(0.9, 0.999, 1e-8, 1.0 / Math.sqrt(1 - 0.999), 1e-3 / (1 - 0.9)),
            new AdamCoefficients(0.8, 0.99, 1e-6, 1.0, 0.05), new AdamCoefficients(0.0, 0.0, 1e-8, 3.5, 0.0),
            new AdamCoefficients(0.9, 0.999, 1e-8, 1.25, 2e-3, 1e-4), new AdamCoefficients(0.5, 0.9, 1e-8, 1.0, 0.1, 0.3)};
        for (int step = 0; step < steps.length; step++) {
            Tensor g = random(83 + step, rows, cols);
            backend().adamUpdate(theta, g, m, v, steps[step]);
            DefaultKernels.adamUpdate(backend(), thetaDefault, g, mDefault, vDefault, steps[step]);
            same(thetaDefault, theta, "adamUpdate's parameters after step " + (step + 1));
            same(mDefault, m, "adamUpdate's first moment after step " + (step + 1));
            same(vDefault, v, "adamUpdate's second moment after step " + (step + 1));
        }
        Tensor before = backend().copy(theta);
        assertThrows(IllegalArgumentException.class,
                () -> backend().adamUpdate(theta, m, m, v, steps[0]), "the gradient given as the first moment");
        same(before, theta, "the parameters after a refused adamUpdate");
        for (double decay : new double[] {-1e-4, Double.POSITIVE_INFINITY, Double.NaN}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new AdamCoefficients(0.9, 0.999, 1e-8, 1.0, 0.1, decay), "a weight decay of " + decay);
            assertEquals("adamUpdate: the weight decay must be finite and non-negative, got " + decay,
                    refused.getMessage(), "the refusal names the weight decay");
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void radialCapabilitiesAgreeWithTheirDefaults(int rows, int cols) {
        Tensor z = random(73, rows, cols);
        // a column treated as v = 0 takes the zero-norm branch of both
        backend().copyBlock(backend().zeros(rows, 1), 0, 0, rows, 1, z, 0, cols / 2);
        Tensor g = random(74, rows, cols);
        for (RadialProfile profile : new RadialProfile[] {RadialContract.SIGMOID, RadialContract.SQUASH}) {
            double shift = 0.25;
            Tensor out = backend().zeros(rows, cols);
            Tensor state = backend().zeros(3, cols);
            Tensor outDefault = backend().zeros(rows, cols);
            Tensor stateDefault = backend().zeros(3, cols);
            backend().radialColumns(z, profile, shift, out, state);
            DefaultKernels.radialColumns(backend(), z, profile, shift, outDefault, stateDefault);
            close(outDefault, out, Tolerances.OP_RELATIVE, "radialColumns");
            close(stateDefault, state, Tolerances.OP_RELATIVE, "radialColumns' state");

            Tensor dz = backend().zeros(rows, cols);
            Tensor dzDefault = backend().zeros(rows, cols);
            double shiftGradient = backend().radialColumnsBackward(z, state, g, dz);
            double shiftGradientDefault = DefaultKernels.radialColumnsBackward(backend(), z, state, g, dzDefault);
            close(dzDefault, dz, Tolerances.OP_RELATIVE, "radialColumnsBackward");
            assertCloseScalar(shiftGradientDefault, shiftGradient, Tolerances.OP_RELATIVE,
                    "radialColumnsBackward's shift gradient");
        }
    }

    /** Geometries: stride 1 without padding, padded, strided with padding, one channel, a window as large as the map. */
    static Stream<ConvolutionGeometry> convolutionGeometries() {
        return Stream.of(new ConvolutionGeometry(3, 5, 4, 3, 1, 0),
                new ConvolutionGeometry(2, 4, 6, 3, 1, 1),
                new ConvolutionGeometry(2, 7, 5, 3, 2, 1),
                new ConvolutionGeometry(1, 6, 6, 2, 2, 0),
                new ConvolutionGeometry(2, 3, 3, 3, 1, 0));
    }

    /** @return every geometry of {@link #convolutionGeometries} with every {@link PatchOrder} */
    static Stream<Arguments> convolutionGeometriesAndOrders() {
        return convolutionGeometries().flatMap(g -> Arrays.stream(PatchOrder.values()).map(o -> Arguments.of(g, o)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.radnet.api.tck.CapabilityContract#convolutionGeometriesAndOrders")
    default void convolutionCapabilitiesAgreeWithTheirDefaultsAndWithTheDirectConvolution(ConvolutionGeometry g,
                                                                                         PatchOrder order) {
        int batch = 3;
        int group = 2;
        int first = 1;
        int outputPixels = g.outputPixels();
        Tensor planes = random(71, g.channels(), batch * g.inputPixels());
        Tensor expected = backend().zeros(g.patchSize(), group * outputPixels);
        DefaultKernels.im2col(backend(), planes, g, order, first, expected);
        Tensor columns = backend().zeros(g.patchSize(), group * outputPixels);
        backend().im2col(planes, g, order, first, columns);
        same(expected, columns, "im2col");

        int outputChannels = 2;
        Tensor weights = random(72, outputChannels, g.patchSize());
        Tensor product = backend().zeros(outputChannels, group * outputPixels);
        backend().gemm(1.0, weights, Transpose.NONE, columns, Transpose.NONE, 0.0, product);
        double[] w = weights.toRowMajor();
        double[] x = planes.toRowMajor();
        double[][] direct = new double[outputChannels][group * outputPixels];
        int k = g.kernel();
        for (int o = 0; o < outputChannels; o++) {
            for (int s = 0; s < group; s++) {
                for (int oy = 0; oy < g.outputHeight(); oy++) {
                    for (int ox = 0; ox < g.outputWidth(); ox++) {
                        double sum = 0.0;
                        for (int c = 0; c < g.channels(); c++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int y = oy * g.stride() - g.padding() + i;
                                    int xx = ox * g.stride() - g.padding() + j;
                                    if (y >= 0 && y < g.height() && xx >= 0 && xx < g.width()) {
                                        sum += w[o * g.patchSize() + order.row(g, c, i, j)]
                                                * x[c * batch * g.inputPixels() + (first + s) * g.inputPixels()
                                                + y * g.width() + xx];
                                    }
                                }
                            }
                        }
                        direct[o][(s * g.outputHeight() + oy) * g.outputWidth() + ox] = sum;
                    }
                }
            }
        }
        assertClose(direct, product, Tolerances.OP_RELATIVE, "convolution as W·im2col agrees with the direct sum");

        Tensor backExpected = random(73, g.channels(), batch * g.inputPixels());
        Tensor back = backend().copy(backExpected);
        DefaultKernels.col2im(backend(), columns, g, order, first, backExpected);
        backend().col2im(columns, g, order, first, back);
        same(backExpected, back, "col2im");
        Tensor probe = random(74, g.patchSize(), group * outputPixels);
        Tensor adjoint = backend().zeros(g.channels(), batch * g.inputPixels());
        backend().col2im(probe, g, order, first, adjoint);
        assertCloseScalar(backend().dot(columns, probe), backend().dot(planes, adjoint), Tolerances.OP_RELATIVE,
                "col2im is the adjoint of im2col: <im2col(x), y> = <x, col2im(y)> (zero outside the group)");
    }

    /** 3 × 3 windows at stride 1: odd sizes, padding 0 and 1, one channel, a one-pixel output. */
    static Stream<ConvolutionGeometry> winogradGeometries() {
        return Stream.of(new ConvolutionGeometry(3, 5, 4, 3, 1, 0),
                new ConvolutionGeometry(2, 4, 6, 3, 1, 1),
                new ConvolutionGeometry(1, 7, 5, 3, 1, 1),
                new ConvolutionGeometry(2, 6, 7, 3, 1, 0),
                new ConvolutionGeometry(2, 3, 3, 3, 1, 0));
    }

    private List<Tensor> winogradTensors(long seed, int rows, int cols) {
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < WinogradTransforms.TILE_ENTRIES; i++) {
            tensors.add(random(seed + i, rows, cols));
        }
        return tensors;
    }

    private double dot(List<Tensor> a, List<Tensor> b) {
        double sum = 0.0;
        for (int i = 0; i < a.size(); i++) {
            sum += backend().dot(a.get(i), b.get(i));
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.api.tck.CapabilityContract#winogradGeometries")
    default void winogradCapabilitiesAgreeWithTheirDefaultsAndComputeTheConvolution(ConvolutionGeometry g) {
        int batch = 3;
        int group = 2;
        int first = 1;
        int outputChannels = 2;
        int tiles = group * g.winogradTiles();
        int outputCols = batch * g.outputPixels();
        Tensor planes = random(81, g.channels(), batch * g.inputPixels());
        List<Tensor> expectedTiles = winogradTensors(100, g.channels(), tiles);
        List<Tensor> inputTiles = winogradTensors(200, g.channels(), tiles);
        DefaultKernels.winogradTransformInput(backend(), planes, g, first, expectedTiles);
        backend().winogradTransformInput(planes, g, first, inputTiles);
        for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
            same(expectedTiles.get(xi), inputTiles.get(xi), "winogradTransformInput's tile entry " + xi);
        }

        double[] w = random(82, outputChannels, g.patchSize()).toRowMajor();
        double[][] filterEntries = new double[WinogradTransforms.TILE_ENTRIES][outputChannels * g.channels()];
        WinogradTransforms.transformFilters(w, outputChannels, g.channels(), filterEntries);
        List<Tensor> products = winogradTensors(300, outputChannels, tiles);
        for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
            Tensor filter = backend().fromRowMajor(outputChannels, g.channels(), filterEntries[xi]);
            backend().gemm(1.0, filter, Transpose.NONE, inputTiles.get(xi), Transpose.NONE, 0.0, products.get(xi));
        }
        Tensor untouched = random(83, outputChannels, outputCols);
        Tensor expectedOutput = backend().copy(untouched);
        Tensor output = backend().copy(untouched);
        DefaultKernels.winogradTransformOutput(backend(), products, g, first, expectedOutput);
        backend().winogradTransformOutput(products, g, first, output);
        same(expectedOutput, output, "winogradTransformOutput");
        double[] x = planes.toRowMajor();
        double[][] direct = untouched.toRows();
        for (int o = 0; o < outputChannels; o++) {
            for (int s = first; s < first + group; s++) {
                for (int oy = 0; oy < g.outputHeight(); oy++) {
                    for (int ox = 0; ox < g.outputWidth(); ox++) {
                        double sum = 0.0;
                        for (int c = 0; c < g.channels(); c++) {
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    int y = oy - g.padding() + i;
                                    int xx = ox - g.padding() + j;
                                    if (y >= 0 && y < g.height() && xx >= 0 && xx < g.width()) {
                                        sum += w[o * g.patchSize() + (c * 3 + i) * 3 + j]
                                                * x[c * batch * g.inputPixels() + s * g.inputPixels() + y * g.width() + xx];
                                    }
                                }
                            }
                        }
                        direct[o][(s * g.outputHeight() + oy) * g.outputWidth() + ox] = sum;
                    }
                }
            }
        }
        assertClose(direct, output, Tolerances.OP_RELATIVE,
                "Winograd F(2x2, 3x3) agrees with the direct sum (other samples untouched)");

        Tensor dOutput = random(84, outputChannels, outputCols);
        List<Tensor> expectedProducts = winogradTensors(400, outputChannels, tiles);
        List<Tensor> dProducts = winogradTensors(500, outputChannels, tiles);
        DefaultKernels.winogradTransformOutputTransposed(backend(), dOutput, g, first, expectedProducts);
        backend().winogradTransformOutputTransposed(dOutput, g, first, dProducts);
        for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
            same(expectedProducts.get(xi), dProducts.get(xi), "winogradTransformOutputTransposed's entry " + xi);
        }
        Tensor groupOutput = backend().zeros(outputChannels, outputCols);
        backend().winogradTransformOutput(products, g, first, groupOutput);
        assertCloseScalar(backend().dot(groupOutput, dOutput), dot(products, dProducts), Tolerances.OP_RELATIVE,
                "winogradTransformOutputTransposed is the transpose: <T(M), Y> = <M, T'(Y)>");

        List<Tensor> probe = winogradTensors(600, g.channels(), tiles);
        Tensor expectedPlanes = random(85, g.channels(), batch * g.inputPixels());
        Tensor dPlanes = backend().copy(expectedPlanes);
        DefaultKernels.winogradTransformInputTransposed(backend(), probe, g, first, expectedPlanes);
        backend().winogradTransformInputTransposed(probe, g, first, dPlanes);
        same(expectedPlanes, dPlanes, "winogradTransformInputTransposed");
        Tensor groupPlanes = backend().zeros(g.channels(), batch * g.inputPixels());
        backend().winogradTransformInputTransposed(probe, g, first, groupPlanes);
        assertCloseScalar(dot(inputTiles, probe), backend().dot(planes, groupPlanes), Tolerances.OP_RELATIVE,
                "winogradTransformInputTransposed is the transpose: <T(x), P> = <x, T'(P)> (zero outside the group)");

        double[] filterProbe = new double[outputChannels * g.channels()];
        double[][] filterGradients = new double[WinogradTransforms.TILE_ENTRIES][];
        double filterDot = 0.0;
        for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
            filterGradients[xi] = random(700 + xi, outputChannels, g.channels()).toRowMajor();
            for (int e = 0; e < filterProbe.length; e++) {
                filterDot += filterEntries[xi][e] * filterGradients[xi][e];
            }
        }
        double[] weightGradient = new double[w.length];
        WinogradTransforms.transformFiltersTransposed(filterGradients, outputChannels, g.channels(), weightGradient);
        double weightDot = 0.0;
        for (int e = 0; e < w.length; e++) {
            weightDot += w[e] * weightGradient[e];
        }
        assertCloseScalar(filterDot, weightDot, Tolerances.OP_RELATIVE,
                "transformFiltersTransposed is the transpose: <T(w), Q> = <w, T'(Q)>");
    }

    @Test
    default void winogradCapabilitiesRejectAnotherWindowOrTileCount() {
        ConvolutionGeometry strided = new ConvolutionGeometry(2, 6, 6, 3, 2, 0);
        ConvolutionGeometry g = new ConvolutionGeometry(2, 6, 6, 3, 1, 0);
        Tensor planes = random(90, 2, g.inputPixels());
        List<Tensor> tiles = winogradTensors(91, 2, g.winogradTiles());
        assertThrows(IllegalArgumentException.class, () -> backend().winogradTransformInput(planes, strided, 0, tiles),
                "stride 2");
        assertThrows(IllegalArgumentException.class,
                () -> backend().winogradTransformInput(planes, g, 0, tiles.subList(0, 15)), "15 tiles");
        assertThrows(ShapeMismatchException.class, () -> backend().winogradTransformInput(planes, g, 1, tiles),
                "a group outside the batch");
        List<Tensor> repeated = new ArrayList<>(tiles);
        repeated.set(3, tiles.get(2));
        assertThrows(IllegalArgumentException.class, () -> backend().winogradTransformInput(planes, g, 0, repeated),
                "a tile given twice");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.api.tck.CapabilityContract#convolutionGeometries")
    default void theTwoPatchOrdersHoldTheSameRowsPermuted(ConvolutionGeometry g) {
        Tensor planes = random(76, g.channels(), 2 * g.inputPixels());
        Tensor channelMajor = backend().zeros(g.patchSize(), 2 * g.outputPixels());
        Tensor channelMinor = backend().zeros(g.patchSize(), 2 * g.outputPixels());
        backend().im2col(planes, g, PatchOrder.CHANNEL_MAJOR, 0, channelMajor);
        backend().im2col(planes, g, PatchOrder.CHANNEL_MINOR, 0, channelMinor);
        double[] major = channelMajor.toRowMajor();
        double[] minor = channelMinor.toRowMajor();
        int columns = channelMajor.cols();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernel(); i++) {
                for (int j = 0; j < g.kernel(); j++) {
                    int majorRow = (c * g.kernel() + i) * g.kernel() + j;
                    int minorRow = (i * g.kernel() + j) * g.channels() + c;
                    assertEquals(majorRow, PatchOrder.CHANNEL_MAJOR.row(g, c, i, j), "CHANNEL_MAJOR's row");
                    assertEquals(minorRow, PatchOrder.CHANNEL_MINOR.row(g, c, i, j), "CHANNEL_MINOR's row");
                    assertEquals(Arrays.toString(Arrays.copyOfRange(major, majorRow * columns, (majorRow + 1) * columns)),
                            Arrays.toString(Arrays.copyOfRange(minor, minorRow * columns, (minorRow + 1) * columns)),
                            "window entry (" + c + ", " + i + ", " + j + ") in both orders");
                }
            }
        }
        assertThrows(NullPointerException.class,
                () -> backend().im2col(planes, g, null, 0, channelMajor), "a null patch order");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.api.tck.CapabilityContract#convolutionGeometries")
    default void poolingAndBlockTransposeCapabilitiesAgreeWithTheirDefaults(ConvolutionGeometry g) {
        ConvolutionGeometry pool = new ConvolutionGeometry(g.channels(), g.height(),
                g.width(), g.kernel(), g.stride(), 0);
        int batch = 3;
        Tensor planes = random(75, g.channels(), batch * g.inputPixels());
        Tensor expected = backend().zeros(g.channels(), batch * pool.outputPixels());
        int[] expectedArgmax = new int[expected.size()];
        DefaultKernels.maxPool(backend(), planes, pool, expected, expectedArgmax);
        Tensor pooled = backend().zeros(g.channels(), batch * pool.outputPixels());
        int[] argmax = new int[pooled.size() + 2];
        backend().maxPool(planes, pool, pooled, argmax);
        same(expected, pooled, "maxPool");
        assertEquals(Arrays.toString(expectedArgmax),
                Arrays.toString(Arrays.copyOf(argmax, expectedArgmax.length)), "maxPool's argmax");
        double[] x = planes.toRowMajor();
        double[] p = pooled.toRowMajor();
        for (int c = 0; c < g.channels(); c++) {
            for (int m = 0; m < pooled.cols(); m++) {
                assertEquals(x[c * planes.cols() + expectedArgmax[c * pooled.cols() + m]], p[c * pooled.cols() + m], 0.0,
                        "the pooled entry is the input entry argmax names");
            }
        }

        Tensor upstream = random(76, g.channels(), pooled.cols());
        Tensor backExpected = backend().zeros(g.channels(), planes.cols());
        DefaultKernels.maxPoolBackward(backend(), upstream, argmax, backExpected);
        Tensor back = random(77, g.channels(), planes.cols());
        backend().maxPoolBackward(upstream, argmax, back);
        same(backExpected, back, "maxPoolBackward");

        Tensor rows = backend().zeros(batch, g.channels() * g.inputPixels());
        Tensor rowsExpected = backend().zeros(batch, g.channels() * g.inputPixels());
        DefaultKernels.transposeBlocks(backend(), planes, g.inputPixels(), rowsExpected);
        backend().transposeBlocks(planes, g.inputPixels(), rows);
        same(rowsExpected, rows, "transposeBlocks");
        assertEquals(x[(g.channels() - 1) * planes.cols() + g.inputPixels() + 1],
                rows.get(1, (g.channels() - 1) * g.inputPixels() + 1), 0.0, "sample 1, last channel, pixel 1");
        Tensor roundTrip = backend().zeros(g.channels(), planes.cols());
        backend().transposeBlocks(rows, g.inputPixels(), roundTrip);
        same(planes, roundTrip, "transposeBlocks back");
    }

    /**
     * Windows full of ties, zeros of both signs, NaN and infinities: a backend's maxPool keeps the
     * default's first-maximum rule (a later entry wins only when strictly greater, so a NaN after
     * the first entry never wins and a first NaN or −0.0 stays) bit for bit, argmax included.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.api.tck.CapabilityContract#convolutionGeometries")
    default void maxPoolKeepsTheDefaultsRuleOnTiesZerosNanAndInfinities(ConvolutionGeometry g) {
        ConvolutionGeometry pool = new ConvolutionGeometry(g.channels(), g.height(), g.width(), g.kernel(),
                g.stride(), 0);
        double[] special = {-1.0, 0.0, -0.0, 2.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            2.0, 0.0, -0.0};
        int batch = 4;
        int cols = batch * g.inputPixels();
        double[] values = new double[g.channels() * cols];
        java.util.SplittableRandom draws = new java.util.SplittableRandom(78);
        for (int p = 0; p < values.length; p++) {
            values[p] = special[draws.nextInt(special.length)];
        }
        Tensor planes = backend().fromRowMajor(g.channels(), cols, values);
        Tensor expected = backend().zeros(g.channels(), batch * pool.outputPixels());
        int[] expectedArgmax = new int[expected.size()];
        DefaultKernels.maxPool(backend(), planes, pool, expected, expectedArgmax);
        Tensor pooled = backend().zeros(g.channels(), batch * pool.outputPixels());
        int[] argmax = new int[pooled.size()];
        backend().maxPool(planes, pool, pooled, argmax);
        assertEquals(Arrays.toString(expectedArgmax), Arrays.toString(argmax), "maxPool's argmax on special values");
        double[] want = expected.toRowMajor();
        double[] got = pooled.toRowMajor();
        for (int p = 0; p < want.length; p++) {
            assertEquals(Double.doubleToRawLongBits(want[p]), Double.doubleToRawLongBits(got[p]),
                    "maxPool's entry " + p + " on special values: expected " + want[p] + " but got " + got[p]);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void batchNormCapabilitiesAgreeWithTheirDefaults(int rows, int cols) {
        Tensor x = random(81, rows, cols);
        double[] entries = x.toRowMajor();
        for (boolean perRow : new boolean[] {true, false}) {
            int features = perRow ? rows : cols;
            int count = perRow ? cols : rows;
            String o = perRow ? " (features in rows)" : " (features in columns)";
            Tensor mean = backend().zeros(1, features);
            Tensor squares = backend().zeros(features, 1);
            Tensor expectedMean = backend().zeros(1, features);
            Tensor expectedSquares = backend().zeros(features, 1);
            DefaultKernels.batchNormStatistics(backend(), x, perRow, expectedMean, expectedSquares);
            backend().batchNormStatistics(x, perRow, mean, squares);
            close(expectedMean, mean, Tolerances.OP_RELATIVE, "batchNormStatistics' mean" + o);
            close(expectedSquares, squares, Tolerances.OP_RELATIVE, "batchNormStatistics' centered squares" + o);
            for (int c = 0; c < features; c++) {
                double sum = 0.0;
                for (int j = 0; j < count; j++) {
                    sum += entries[perRow ? c * cols + j : j * cols + c];
                }
                double mu = sum / count;
                double centered = 0.0;
                for (int j = 0; j < count; j++) {
                    double d = entries[perRow ? c * cols + j : j * cols + c] - mu;
                    centered += d * d;
                }
                assertCloseScalar(mu, mean.get(0, c), Tolerances.OP_RELATIVE, "the mean of feature " + c + o);
                assertCloseScalar(centered, squares.get(c, 0), Tolerances.OP_RELATIVE,
                        "the centered squares of feature " + c + o);
            }

            Tensor deviation = random(82, 1, features);
            backend().map(deviation, v -> 0.5 + Math.abs(v), deviation);
            Tensor weight = random(83, features, 1);
            Tensor bias = random(84, 1, features);
            Tensor upstream = random(85, rows, cols);
            for (boolean relu : new boolean[] {false, true}) {
                String r = o + (relu ? " with ReLU" : "");
                Tensor expected = backend().zeros(rows, cols);
                Tensor out = backend().zeros(rows, cols);
                DefaultKernels.batchNormForward(backend(), x, perRow, mean, deviation, weight, bias, relu, expected);
                backend().batchNormForward(x, perRow, mean, deviation, weight, bias, relu, out);
                same(expected, out, "batchNormForward" + r);
                for (boolean batchStatistics : new boolean[] {false, true}) {
                    String rs = r + (batchStatistics ? ", batch statistics" : ", fixed statistics");
                    Tensor sums = backend().zeros(1, features);
                    Tensor dots = backend().zeros(1, features);
                    Tensor dx = backend().zeros(rows, cols);
                    Tensor expectedSums = backend().zeros(1, features);
                    Tensor expectedDots = backend().zeros(1, features);
                    Tensor expectedDx = backend().zeros(rows, cols);
                    DefaultKernels.batchNormBackward(backend(), upstream, x, perRow, mean, deviation, weight, bias, relu,
                            batchStatistics, expectedSums, expectedDots, expectedDx);
                    backend().batchNormBackward(upstream, x, perRow, mean, deviation, weight, bias, relu, batchStatistics,
                            sums, dots, dx);
                    close(expectedSums, sums, Tolerances.OP_RELATIVE, "batchNormBackward's bias gradient" + rs);
                    close(expectedDots, dots, Tolerances.OP_RELATIVE, "batchNormBackward's weight gradient" + rs);
                    close(expectedDx, dx, Tolerances.OP_RELATIVE, "batchNormBackward's input gradient" + rs);
                    Tensor sumsOnly = backend().zeros(1, features);
                    Tensor dotsOnly = backend().zeros(1, features);
                    backend().batchNormBackward(upstream, x, perRow, mean, deviation, weight, bias, relu, batchStatistics,
                            sumsOnly, dotsOnly, null);
                    same(sums, sumsOnly, "batchNormBackward without dx" + rs);
                    same(dots, dotsOnly, "batchNormBackward's weight gradient without dx" + rs);
                }
            }
        }
    }

}
