package io.github.neurodyn.linalg;

import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discrete-time Lyapunov (Stein) equations, solved on the real Schur form of A.
 *
 * <ul>
 *   <li>{@link #solve(DMatrixRMaj, DMatrixRMaj)}: {@code A X A^T - X + Q = 0}</li>
 *   <li>{@link #solve(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj)}:
 *       {@code A X A^T - E X E^T + Q = 0}, E nonsingular</li>
 * </ul>
 *
 * <p>Algorithm: {@code A = Z T Z^T} by {@link RealSchur}; {@code C = Z^T Q Z}; the
 * quasi-triangular equation {@code T Y T^T - Y + C = 0} is solved by the column recursion
 * of Barraud (IEEE TAC 22(5), 883-885, 1977) with 1x1 and 2x2 diagonal blocks; {@code X = Z Y Z^T}, symmetrised. Cost: the Schur form, about
 * {@code 25 n^3} flops, plus about {@code 2 n^3} for the recursion (in matrix-vector form,
 * so slower per flop than the continuous solver) and {@code 6 n^3} for the changes of basis.
 *
 * <p>A unique solution exists if and only if {@code lambda_i lambda_j != 1} for all
 * eigenvalues of A; A need not be Schur stable. An equation with
 * {@code |lambda_i lambda_j - 1| <= 100 n eps (||A||_F^2 + sqrt(n))} raises
 * {@link SingularEquationException} naming the pair. The relative residual is
 * {@code ||A X A^T - E X E^T + Q||_F / (||A||_F^2 ||X||_F + ||E||_F^2 ||X||_F + ||Q||_F)},
 * with {@code ||E||_F = sqrt(n)} when E is the identity.
 */
public final class DiscreteLyapunov {

    private static final Logger LOG = LoggerFactory.getLogger(DiscreteLyapunov.class);

    /** Reciprocal condition of E below which the generalised solve logs a warning. */
    private static final double E_CONDITION_WARNING = 1e-8;

    private DiscreteLyapunov() {
    }

    /**
     * Solves {@code A X A^T - X + Q = 0}.
     *
     * @param a coefficient matrix A, n x n, finite; not modified
     * @param q symmetric right-hand side Q, n x n; not modified
     * @return the symmetric solution X with its relative residual and separation
     * @throws IllegalArgumentException if an argument is null, not square, of mismatched
     *     order, has a NaN or infinite entry, or Q is not symmetric
     * @throws SingularEquationException if {@code lambda_i lambda_j} is 1 or too close to it
     * @throws io.github.neurodyn.api.NotConvergedException if the Schur form does not converge
     */
    public static LyapunovSolution solve(DMatrixRMaj a, DMatrixRMaj q) {
        MatrixEquationArguments.requireLyapunov(a, q);
        SchurForm schur = RealSchur.of(a);
        SchurBasisEquations.Result result = solveWithSchur(schur.tShared(), schur.zShared(), q);
        double residual = EquationResiduals.discrete(a, null, result.y(), q);
        LOG.debug("discrete Lyapunov n={}: relative residual {}, relative separation {}",
                a.numRows, residual, result.relativeSeparation());
        return new LyapunovSolution(result.y(), residual, result.separation(), result.relativeSeparation());
    }

    /**
     * Solves the generalised equation {@code A X A^T - E X E^T + Q = 0} for nonsingular E,
     * through the standard equation {@code (E^-1 A) X (E^-1 A)^T - X + E^-1 Q E^-T = 0}.
     *
     * <p>Limitations: forming {@code E^-1 A} loses about {@code log10 cond(E)} digits; a
     * warning is logged when the reciprocal condition estimate of E is below 1e-8.
     *
     * @param a coefficient matrix A, n x n; not modified
     * @param e nonsingular matrix E, n x n; not modified
     * @param q symmetric right-hand side Q, n x n; not modified
     * @return the symmetric solution X with the residual of the original equation
     * @throws IllegalArgumentException on bad arguments, as for
     *     {@link #solve(DMatrixRMaj, DMatrixRMaj)}, or if E has another shape
     * @throws SingularEquationException if E is numerically singular or
     *     {@code lambda_i lambda_j} is too close to 1 for eigenvalues of {@code E^-1 A}
     */
    public static LyapunovSolution solve(DMatrixRMaj a, DMatrixRMaj e, DMatrixRMaj q) {
        MatrixEquationArguments.requireGeneralisedLyapunov(a, e, q);
        GeneralisedForm form = GeneralisedForm.of(a, e, q, E_CONDITION_WARNING, LOG);
        SchurForm schur = RealSchur.of(form.a());
        SchurBasisEquations.Result result = solveWithSchur(schur.tShared(), schur.zShared(), form.q());
        double residual = EquationResiduals.discrete(a, e, result.y(), q);
        return new LyapunovSolution(result.y(), residual, result.separation(), result.relativeSeparation());
    }

    /** Solves {@code A X A^T - X + Q = 0} for {@code A = Z T Z^T}, returning the symmetrised X. */
    static SchurBasisEquations.Result solveWithSchur(DMatrixRMaj t, DMatrixRMaj z, DMatrixRMaj q) {
        DMatrixRMaj qSchur = SchurTransforms.toSchurBasisSymmetric(z, q);
        SchurBasisEquations.Result inSchurBasis = SchurBasisEquations.stein(t, qSchur, false);
        DMatrixRMaj y = SchurTransforms.symmetrise(inSchurBasis.y());
        DMatrixRMaj x = SchurTransforms.fromSchurBasisSymmetric(z, y);
        return new SchurBasisEquations.Result(x, inSchurBasis.separation(), inSchurBasis.relativeSeparation());
    }
}
