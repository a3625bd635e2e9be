package io.radnet.api.archfixture;

import org.ejml.data.DMatrixRMaj;

/** Breaks API_DEPENDS_ONLY_ON_JDK: an api class that uses EJML. */
public final class ApiClassUsingEjml {
    private final DMatrixRMaj matrix = new DMatrixRMaj(2, 2);

    /** @return the number of rows of its EJML matrix */
    public int rows() {
        return matrix.getNumRows();
    }
}
