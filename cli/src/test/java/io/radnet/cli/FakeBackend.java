package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.QrMode;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A backend that only has a name and a thread count: what {@code radnet backends} reads from a
 * created backend. Every kernel refuses to compute, so a command that wrongly starts computing
 * on it fails loudly instead of reporting made-up numbers.
 */
final class FakeBackend extends Backend {
    private final String name;
    private final int threads;

    FakeBackend(String name, int threads) {
        this.name = name;
        this.threads = threads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int threads() {
        return threads;
    }

    private UnsupportedOperationException refuse(String kernel) {
        return new UnsupportedOperationException("the fake backend '" + name + "' of the CLI tests does not compute ("
                + kernel + ")");
    }

    @Override
    protected Tensor newTensor(int rows, int cols) {
        throw refuse("newTensor");
    }

    @Override
    protected Tensor fromRowMajorKernel(int rows, int cols, double[] data) {
        throw refuse("fromRowMajorKernel");
    }

    @Override
    protected void copyKernel(Tensor src, Tensor dst) {
        throw refuse("copyKernel");
    }

    @Override
    protected void fillKernel(Tensor dst, double value) {
        throw refuse("fillKernel");
    }

    @Override
    protected void transposeKernel(Tensor a, Tensor out) {
        throw refuse("transposeKernel");
    }

    @Override
    protected void copyBlockKernel(Tensor src, int srcRow, int srcCol, int rows, int cols, Tensor dst, int dstRow, int dstCol) {
        throw refuse("copyBlockKernel");
    }

    @Override
    protected void gatherRowsKernel(Tensor src, int[] indices, Tensor dst) {
        throw refuse("gatherRowsKernel");
    }

    @Override
    protected void copyReshapedKernel(Tensor src, Tensor dst) {
        throw refuse("copyReshapedKernel");
    }

    @Override
    protected void gemmKernel(double alpha, Tensor a, Transpose transA, Tensor b, Transpose transB, double beta, Tensor c) {
        throw refuse("gemmKernel");
    }

    @Override
    protected void batchedMatVecKernel(Tensor matrices, Transpose trans, Tensor x, Tensor out) {
        throw refuse("batchedMatVecKernel");
    }

    @Override
    protected void rowwiseOuterKernel(Tensor a, Tensor b, Tensor out) {
        throw refuse("rowwiseOuterKernel");
    }

    @Override
    protected void qrKernel(Tensor a, QrMode mode, Tensor q, Tensor r) {
        throw refuse("qrKernel");
    }

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        throw refuse("addKernel");
    }

    @Override
    protected void subtractKernel(Tensor a, Tensor b, Tensor out) {
        throw refuse("subtractKernel");
    }

    @Override
    protected void hadamardKernel(Tensor a, Tensor b, Tensor out) {
        throw refuse("hadamardKernel");
    }

    @Override
    protected void scaleKernel(double alpha, Tensor a, Tensor out) {
        throw refuse("scaleKernel");
    }

    @Override
    protected void addScalarKernel(Tensor a, double s, Tensor out) {
        throw refuse("addScalarKernel");
    }

    @Override
    protected void axpyKernel(double alpha, Tensor x, Tensor y) {
        throw refuse("axpyKernel");
    }

    @Override
    protected void mapKernel(Tensor a, DoubleUnaryOperator f, Tensor out) {
        throw refuse("mapKernel");
    }

    @Override
    protected void zipKernel(Tensor a, Tensor b, DoubleBinaryOperator f, Tensor out) {
        throw refuse("zipKernel");
    }

    @Override
    protected void addRowVectorKernel(Tensor a, Tensor v, Tensor out) {
        throw refuse("addRowVectorKernel");
    }

    @Override
    protected void addColumnVectorKernel(Tensor a, Tensor v, Tensor out) {
        throw refuse("addColumnVectorKernel");
    }

    @Override
    protected void scaleRowsKernel(Tensor a, Tensor s, Tensor out) {
        throw refuse("scaleRowsKernel");
    }

    @Override
    protected void scaleColumnsKernel(Tensor a, Tensor s, Tensor out) {
        throw refuse("scaleColumnsKernel");
    }

    @Override
    protected void rowSumsKernel(Tensor a, Tensor out) {
        throw refuse("rowSumsKernel");
    }

    @Override
    protected void columnSumsKernel(Tensor a, Tensor out) {
        throw refuse("columnSumsKernel");
    }

    @Override
    protected void rowNormsKernel(Tensor a, Tensor out) {
        throw refuse("rowNormsKernel");
    }

    @Override
    protected void columnNormsKernel(Tensor a, Tensor out) {
        throw refuse("columnNormsKernel");
    }

    @Override
    protected void rowDotsKernel(Tensor a, Tensor b, Tensor out) {
        throw refuse("rowDotsKernel");
    }

    @Override
    protected void columnDotsKernel(Tensor a, Tensor b, Tensor out) {
        throw refuse("columnDotsKernel");
    }

    @Override
    protected void rowMaximaKernel(Tensor a, Tensor out) {
        throw refuse("rowMaximaKernel");
    }

    @Override
    protected double sumKernel(Tensor a) {
        throw refuse("sumKernel");
    }

    @Override
    protected double dotKernel(Tensor a, Tensor b) {
        throw refuse("dotKernel");
    }

    @Override
    protected double normKernel(Tensor a) {
        throw refuse("normKernel");
    }

    @Override
    protected double maxAbsKernel(Tensor a) {
        throw refuse("maxAbsKernel");
    }

    @Override
    protected boolean allFiniteKernel(Tensor a) {
        throw refuse("allFiniteKernel");
    }
}
