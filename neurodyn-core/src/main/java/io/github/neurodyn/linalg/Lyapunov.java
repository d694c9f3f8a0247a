package io.github.neurodyn.linalg;

import org.ejml.data.DMatrixRMaj;

public final class Lyapunov {

    private Lyapunov() {
    }

    /**
     * Solves {@code (A - shift I) X + X (A - shift I)^T + Q = 0} (or the transposed equation)
     * for {@code A = Z T Z^T}, returning the symmetrised X in the original basis.
     */
    static SchurBasisEquations.Result solveWithSchur(DMatrixRMaj t, DMatrixRMaj z, double shift, DMatrixRMaj q,
            boolean transposed) {
        DMatrixRMaj qSchur = SchurTransforms.symmetrise(SchurTransforms.toSchurBasis(z, q, z));
        SchurBasisEquations.Result inSchurBasis = SchurBasisEquations.lyapunov(t, shift, qSchur, transposed);
        DMatrixRMaj y = SchurTransforms.symmetrise(inSchurBasis.y());
        DMatrixRMaj x = SchurTransforms.symmetrise(SchurTransforms.fromSchurBasis(z, y, z));
        return new SchurBasisEquations.Result(x, inSchurBasis.separation(), inSchurBasis.relativeSeparation());
    }
}
