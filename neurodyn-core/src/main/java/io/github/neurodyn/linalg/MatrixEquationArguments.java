package io.github.neurodyn.linalg;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;

/** Input checks shared by the Sylvester, Lyapunov and Gramian entry points. */
final class MatrixEquationArguments {

    /**
     * Allowed asymmetry of a right-hand side Q that must be symmetric:
     * {@code |Q_ij - Q_ji| <= 1e-10 max(1, max |Q_ij|)}. The solvers use {@code (Q + Q^T) / 2},
     * so asymmetry below this bound only changes X by a similar relative amount.
     */
    static final double SYMMETRY_TOLERANCE = 1e-10;

    private MatrixEquationArguments() {
    }

    /** Checks A square and finite and Q symmetric of the same order; returns the order. */
    static int requireLyapunov(DMatrixRMaj a, DMatrixRMaj q) {
        Arguments.requireSquare(a, "A");
        int n = a.numRows;
        Arguments.requireShape(q, n, n, "Q");
        Arguments.requireSymmetric(q, SYMMETRY_TOLERANCE, "Q");
        return n;
    }

    /** Checks A, E square, finite and of one order, and Q symmetric of that order. */
    static int requireGeneralisedLyapunov(DMatrixRMaj a, DMatrixRMaj e, DMatrixRMaj q) {
        int n = requireLyapunov(a, q);
        Arguments.requireShape(e, n, n, "E");
        return n;
    }
}
