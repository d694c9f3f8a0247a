package io.github.neurodyn.riccati;

import org.ejml.data.DMatrixRMaj;

/** Residuals of a candidate X in the original (unreduced) Riccati equations. */
final class Residual {

    /**
     * Residual matrix and the normalising sum of norms of its terms.
     *
     * @param matrix the left-hand side of the equation at X
     * @param scale the denominator of the relative residual
     */
    private record Parts(DMatrixRMaj matrix, double scale) {
    }

    private Residual() {
    }

    /**
     * Computes the relative residual documented in {@link RiccatiProblem#relativeResidual}.
     * Returns positive infinity when R + B^T X B is singular in the discrete equation.
     */
    static double relative(RiccatiProblem problem, DMatrixRMaj x) {
        Parts parts = compute(problem, x);
        if (parts == null) {
            return Double.POSITIVE_INFINITY;
        }
        double norm = Dense.normF(parts.matrix());
        return parts.scale() > 0 ? norm / parts.scale() : norm;
    }

    /**
     * Returns the symmetrised left-hand side of the equation at X, or null when R + B^T X B is
     * singular. With Y = E^T X E it equals the residual of the reduced equation in Y, because
     * the reduction only rewrites the same terms.
     */
    static DMatrixRMaj matrix(RiccatiProblem problem, DMatrixRMaj x) {
        Parts parts = compute(problem, x);
        return parts == null ? null : Dense.symmetrize(parts.matrix());
    }

    private static Parts compute(RiccatiProblem problem, DMatrixRMaj x) {
        DMatrixRMaj a = problem.aView();
        DMatrixRMaj b = problem.bView();
        DMatrixRMaj q = problem.qView();
        // E = I is not formed: each product with it would be a wasted n^3 multiply.
        DMatrixRMaj e = problem.hasE() ? problem.eView() : null;
        double normE = e == null ? Math.sqrt(problem.n()) : Dense.normF(e);
        double normX = Dense.normF(x);

        if (problem.domain() == RiccatiProblem.TimeDomain.CONTINUOUS) {
            // res = A^T X E + E^T X A - M R^-1 M^T + Q with M = E^T X B + S
            DMatrixRMaj m = withCrossTerm(transposeTimes(e, Dense.mult(x, b)), problem);
            DMatrixRMaj f = Dense.mult(m, Dense.solve(problem.rView(), Dense.transpose(m)));
            DMatrixRMaj xe = e == null ? x : Dense.mult(x, e);
            DMatrixRMaj res = Dense.add(Dense.multTransA(a, xe), transposeTimes(e, Dense.mult(x, a)));
            res = Dense.add(Dense.subtract(res, f), q);
            double scale = Dense.normF(q) + 2 * Dense.normF(a) * normE * normX + Dense.normF(f);
            return new Parts(res, scale);
        }

        // res = A^T X A - E^T X E - M (R + B^T X B)^-1 M^T + Q with M = A^T X B + S
        DMatrixRMaj m = withCrossTerm(Dense.multTransA(a, Dense.mult(x, b)), problem);
        DMatrixRMaj w = Dense.add(problem.rView(), Dense.multTransA(b, Dense.mult(x, b)));
        DMatrixRMaj wInverseMt = Dense.solve(w, Dense.transpose(m));
        if (wInverseMt == null) {
            return null;
        }
        DMatrixRMaj f = Dense.mult(m, wInverseMt);
        DMatrixRMaj exe = e == null ? x : Dense.multTransA(e, Dense.mult(x, e));
        DMatrixRMaj res = Dense.subtract(Dense.multTransA(a, Dense.mult(x, a)), exe);
        res = Dense.add(Dense.subtract(res, f), q);
        double normA = Dense.normF(a);
        double scale = Dense.normF(q) + normA * normA * normX + normE * normE * normX + Dense.normF(f);
        return new Parts(res, scale);
    }

    /** Returns E^T m, or m itself when E is null (the identity). */
    private static DMatrixRMaj transposeTimes(DMatrixRMaj e, DMatrixRMaj m) {
        return e == null ? m : Dense.multTransA(e, m);
    }

    private static DMatrixRMaj withCrossTerm(DMatrixRMaj m, RiccatiProblem problem) {
        return problem.hasCrossTerm() ? Dense.add(m, problem.sView()) : m;
    }
}
