package io.github.neurodyn.linalg;

import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.slf4j.Logger;

/**
 * Standard form {@code (E^-1 A, E^-1 Q E^-T)} of a generalised Lyapunov equation, from an LU
 * factorisation of E with partial pivoting. Cost about {@code 14/3 n^3} flops.
 *
 * @param a {@code E^-1 A}
 * @param q {@code E^-1 Q E^-T}, symmetrised
 * @param reciprocalCondition {@code 1 / (||E||_1 ||E^-1||_1)}
 */
record GeneralisedForm(DMatrixRMaj a, DMatrixRMaj q, double reciprocalCondition) {

    private static final double EPS = Math.ulp(1.0);

    /**
     * Transforms the equation with E.
     *
     * @param warningBound reciprocal condition of E below which a warning is logged
     * @param log the calling solver's logger
     * @throws SingularEquationException if E is singular or its reciprocal condition number is
     *     below {@code n eps}
     */
    static GeneralisedForm of(DMatrixRMaj a, DMatrixRMaj e, DMatrixRMaj q, double warningBound, Logger log) {
        int n = a.numRows;
        if (n == 0) {
            return new GeneralisedForm(a.copy(), q.copy(), Double.POSITIVE_INFINITY);
        }
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
        if (!lu.setA(e.copy())) {
            throw new SingularEquationException("E is singular: its LU factorisation has a zero pivot");
        }
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        lu.invert(inverse);
        double reciprocal = 1.0 / (NormOps_DDRM.normP1(e) * NormOps_DDRM.normP1(inverse));
        if (!(reciprocal > n * EPS)) {
            throw new SingularEquationException(String.format(
                    "E is numerically singular: reciprocal condition estimate %.3e is below n eps = %.3e",
                    reciprocal, n * EPS));
        }
        if (reciprocal < warningBound) {
            log.warn("E is ill-conditioned (reciprocal condition {}); the transformation with E^-1 "
                    + "may lose about {} digits", reciprocal, Math.round(-Math.log10(reciprocal)));
        }

        // E^-1 A, and E^-1 Q E^-T = (E^-1 (E^-1 Q)^T)^T.
        DMatrixRMaj standardA = new DMatrixRMaj(n, n);
        lu.solve(a, standardA);
        DMatrixRMaj left = new DMatrixRMaj(n, n);
        lu.solve(q, left);
        DMatrixRMaj both = new DMatrixRMaj(n, n);
        lu.solve(CommonOps_DDRM.transpose(left, null), both);
        DMatrixRMaj standardQ = SchurTransforms.symmetrise(CommonOps_DDRM.transpose(both, null));
        return new GeneralisedForm(standardA, standardQ, reciprocal);
    }
}
