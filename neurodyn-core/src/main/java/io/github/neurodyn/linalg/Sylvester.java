package io.github.neurodyn.linalg;

import org.ejml.data.DMatrixRMaj;

public final class Sylvester {

    private Sylvester() {
    }

    /** Solves {@code A X + X B = C} for {@code A = U S U^T}, {@code B = V R V^T}. */
    static SchurBasisEquations.Result solveWithSchur(DMatrixRMaj s, DMatrixRMaj u, DMatrixRMaj r, DMatrixRMaj v,
            DMatrixRMaj c) {
        DMatrixRMaj cSchur = SchurTransforms.toSchurBasis(u, c, v);
        SchurBasisEquations.Result inSchurBasis = SchurBasisEquations.sylvester(s, r, cSchur);
        DMatrixRMaj x = SchurTransforms.fromSchurBasis(u, inSchurBasis.y(), v);
        return new SchurBasisEquations.Result(x, inSchurBasis.separation(), inSchurBasis.relativeSeparation());
    }
}
