package io.github.neurodyn.linalg;

import org.ejml.data.DMatrixRMaj;

public final class DiscreteLyapunov {

    private DiscreteLyapunov() {
    }

    /** Solves {@code A X A^T - X + Q = 0} for {@code A = Z T Z^T}, returning the symmetrised X. */
    static SchurBasisEquations.Result solveWithSchur(DMatrixRMaj t, DMatrixRMaj z, DMatrixRMaj q) {
        DMatrixRMaj qSchur = SchurTransforms.symmetrise(SchurTransforms.toSchurBasis(z, q, z));
        SchurBasisEquations.Result inSchurBasis = SchurBasisEquations.stein(t, qSchur, false);
        DMatrixRMaj y = SchurTransforms.symmetrise(inSchurBasis.y());
        DMatrixRMaj x = SchurTransforms.symmetrise(SchurTransforms.fromSchurBasis(z, y, z));
        return new SchurBasisEquations.Result(x, inSchurBasis.separation(), inSchurBasis.relativeSeparation());
    }
}
