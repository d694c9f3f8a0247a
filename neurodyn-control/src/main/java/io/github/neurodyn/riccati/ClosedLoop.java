package io.github.neurodyn.riccati;

import io.github.neurodyn.api.NeurodynException;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Feedback gain and closed-loop spectrum of a candidate Riccati solution.
 *
 * @param gain K (m x n)
 * @param real real parts of the eigenvalues of E^-1 (A - B K)
 * @param imag imaginary parts of the same eigenvalues
 * @param margin {@code -max Re lambda} (continuous) or {@code 1 - max |lambda|} (discrete)
 */
record ClosedLoop(DMatrixRMaj gain, double[] real, double[] imag, double margin) {

    static ClosedLoop of(RiccatiProblem problem, ReducedEquation reduced, DMatrixRMaj x) {
        DMatrixRMaj gain = gain(problem, x);
        if (gain == null) {
            throw new io.github.neurodyn.api.NoStabilizingSolutionException(
                    "R + B^T X B is singular at the computed X, so the gain K is undefined");
        }
        DMatrixRMaj closed = Dense.subtract(problem.aView(), Dense.mult(problem.bView(), gain));
        if (reduced.eInverse != null) {
            closed = Dense.mult(reduced.eInverse, closed);
        }
        int n = closed.numRows;
        double[] real = new double[n];
        double[] imag = new double[n];
        eigenvalues(closed, real, imag);
        double margin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double distance = problem.domain() == RiccatiProblem.TimeDomain.CONTINUOUS
                    ? -real[i]
                    : 1 - Math.hypot(real[i], imag[i]);
            margin = Math.min(margin, distance);
        }
        return new ClosedLoop(gain, real, imag, margin);
    }

    /** Returns K for X, or null when R + B^T X B is singular (discrete equation only). */
    static DMatrixRMaj gain(RiccatiProblem problem, DMatrixRMaj x) {
        DMatrixRMaj b = problem.bView();
        DMatrixRMaj s = problem.sView();
        if (problem.domain() == RiccatiProblem.TimeDomain.CONTINUOUS) {
            // K = R^-1 (B^T X E + S^T)
            DMatrixRMaj xe = problem.hasE() ? Dense.mult(x, problem.eView()) : x;
            DMatrixRMaj rhs = Dense.multTransA(b, xe);
            if (s != null) {
                rhs = Dense.add(rhs, Dense.transpose(s));
            }
            return Dense.solve(problem.rView(), rhs);
        }
        // K = (R + B^T X B)^-1 (B^T X A + S^T)
        DMatrixRMaj xb = Dense.mult(x, b);
        DMatrixRMaj w = Dense.add(problem.rView(), Dense.multTransA(b, xb));
        DMatrixRMaj rhs = Dense.multTransA(xb, problem.aView());
        if (s != null) {
            rhs = Dense.add(rhs, Dense.transpose(s));
        }
        return Dense.solve(w, rhs);
    }

    /** Fills real and imag with the eigenvalues of a general square matrix. */
    static void eigenvalues(DMatrixRMaj matrix, double[] real, double[] imag) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(matrix.numRows, false);
        if (!eig.decompose(matrix.copy())) {
            throw new NeurodynException("the eigenvalue decomposition of a "
                    + matrix.numRows + " x " + matrix.numCols + " closed-loop matrix did not converge");
        }
        for (int i = 0; i < matrix.numRows; i++) {
            Complex_F64 lambda = eig.getEigenvalue(i);
            real[i] = lambda.real;
            imag[i] = lambda.imaginary;
        }
    }
}
