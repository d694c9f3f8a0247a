package io.github.neurodyn.riccati;

import org.ejml.data.DMatrixRMaj;

/** Relative residuals of a candidate X in the original (unreduced) Riccati equations. */
final class Residual {

    private Residual() {
    }

    /**
     * Computes the relative residual documented in {@link RiccatiProblem#relativeResidual}.
     * Returns positive infinity when R + B^T X B is singular in the discrete equation.
     */
    static double relative(RiccatiProblem problem, DMatrixRMaj x) {
        DMatrixRMaj a = problem.aView();
        DMatrixRMaj b = problem.bView();
        DMatrixRMaj q = problem.qView();
        DMatrixRMaj e = problem.hasE() ? problem.eView() : Dense.identity(problem.n());
        double normX = Dense.normF(x);

        if (problem.domain() == RiccatiProblem.TimeDomain.CONTINUOUS) {
            // res = A^T X E + E^T X A - M R^-1 M^T + Q with M = E^T X B + S
            DMatrixRMaj xe = Dense.mult(x, e);
            DMatrixRMaj m = withCrossTerm(Dense.multTransA(e, Dense.mult(x, b)), problem);
            DMatrixRMaj f = Dense.mult(m, Dense.solve(problem.rView(), Dense.transpose(m)));
            DMatrixRMaj res = Dense.add(Dense.multTransA(a, xe), Dense.multTransA(e, Dense.mult(x, a)));
            res = Dense.add(Dense.subtract(res, f), q);
            double scale = Dense.normF(q) + 2 * Dense.normF(a) * Dense.normF(e) * normX + Dense.normF(f);
            return ratio(Dense.normF(res), scale);
        }

        // res = A^T X A - E^T X E - M (R + B^T X B)^-1 M^T + Q with M = A^T X B + S
        DMatrixRMaj m = withCrossTerm(Dense.multTransA(a, Dense.mult(x, b)), problem);
        DMatrixRMaj w = Dense.add(problem.rView(), Dense.multTransA(b, Dense.mult(x, b)));
        DMatrixRMaj wInverseMt = Dense.solve(w, Dense.transpose(m));
        if (wInverseMt == null) {
            return Double.POSITIVE_INFINITY;
        }
        DMatrixRMaj f = Dense.mult(m, wInverseMt);
        DMatrixRMaj res = Dense.subtract(Dense.multTransA(a, Dense.mult(x, a)),
                Dense.multTransA(e, Dense.mult(x, e)));
        res = Dense.add(Dense.subtract(res, f), q);
        double normA = Dense.normF(a);
        double normE = Dense.normF(e);
        double scale = Dense.normF(q) + normA * normA * normX + normE * normE * normX + Dense.normF(f);
        return ratio(Dense.normF(res), scale);
    }

    private static DMatrixRMaj withCrossTerm(DMatrixRMaj m, RiccatiProblem problem) {
        return problem.hasCrossTerm() ? Dense.add(m, problem.sView()) : m;
    }

    private static double ratio(double residual, double scale) {
        return scale > 0 ? residual / scale : residual;
    }
}
