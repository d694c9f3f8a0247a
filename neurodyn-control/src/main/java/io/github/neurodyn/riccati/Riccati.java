package io.github.neurodyn.riccati;

import org.ejml.data.DMatrixRMaj;

/**
 * Entry point for algebraic Riccati equations. Each method validates its arguments and
 * returns a {@link RiccatiProblem}; add E or S with {@code withE} and {@code withCrossTerm},
 * then call {@code solve()}:
 *
 * <pre>{@code
 * RiccatiSolution care = Riccati.continuous(A, B, Q, R).solve();
 * RiccatiSolution dare = Riccati.discrete(A, B, Q, R).withCrossTerm(S).solve();
 * }</pre>
 */
public final class Riccati {

    private Riccati() {
    }

    /**
     * Poses the continuous-time equation
     * {@code A^T X + X A - X B R^-1 B^T X + Q = 0}, generalised by
     * {@link RiccatiProblem#withE} and {@link RiccatiProblem#withCrossTerm} to
     * {@code A^T X E + E^T X A - (E^T X B + S) R^-1 (B^T X E + S^T) + Q = 0}.
     *
     * @param a state matrix A (n x n, units 1/s)
     * @param b input matrix B (n x m)
     * @param q symmetric state weight Q (n x n), possibly indefinite
     * @param r symmetric positive definite input weight R (m x m)
     * @return the validated problem
     * @throws IllegalArgumentException if a matrix is null, non-finite, of the wrong shape,
     *     Q or R not symmetric, or R not positive definite
     */
    public static RiccatiProblem continuous(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj q, DMatrixRMaj r) {
        return RiccatiProblem.of(RiccatiProblem.TimeDomain.CONTINUOUS, a, b, q, r);
    }

    /**
     * Poses the discrete-time equation
     * {@code A^T X A - X - A^T X B (R + B^T X B)^-1 B^T X A + Q = 0}, generalised by
     * {@link RiccatiProblem#withE} and {@link RiccatiProblem#withCrossTerm} to
     * {@code A^T X A - E^T X E - (A^T X B + S)(R + B^T X B)^-1 (B^T X A + S^T) + Q = 0}.
     *
     * @param a state transition matrix A (n x n)
     * @param b input matrix B (n x m)
     * @param q symmetric state weight Q (n x n), possibly indefinite
     * @param r symmetric nonsingular input weight R (m x m)
     * @return the validated problem
     * @throws IllegalArgumentException if a matrix is null, non-finite, of the wrong shape,
     *     Q or R not symmetric, or R singular
     */
    public static RiccatiProblem discrete(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj q, DMatrixRMaj r) {
        return RiccatiProblem.of(RiccatiProblem.TimeDomain.DISCRETE, a, b, q, r);
    }
}
