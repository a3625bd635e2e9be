package io.radnet.core.archfixture;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Breaks CORE_IS_BACKEND_AGNOSTIC: a core class that computes with EJML directly. */
public final class CoreClassUsingEjml {
    /** @return the trace of the 2×2 identity, computed by EJML instead of a backend */
    public double trace() {
        return CommonOps_DDRM.trace(CommonOps_DDRM.identity(2));
    }

    /** @return a matrix type of EJML, leaking into core's signatures */
    public DMatrixRMaj identity() {
        return CommonOps_DDRM.identity(2);
    }
}
