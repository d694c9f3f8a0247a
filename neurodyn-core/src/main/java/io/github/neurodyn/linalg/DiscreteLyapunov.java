package io.github.neurodyn.linalg;

import io.github.neurodyn.api.InaccurateSolutionException;
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
 *
 * <p>Q is scaled by a power of two when its largest entry lies outside
 * {@code [2^-256, 2^256]}, and so are A and E together in the generalised equation; X is
 * scaled back, which is exact. A itself is not scaled in the standard equation, because the
 * term {@code -X} fixes its scale. A solution whose relative residual is above 1e-8 or not
 * finite, or whose entries overflow when scaled back, raises
 * {@link InaccurateSolutionException}.
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
     * @throws InaccurateSolutionException if the relative residual is above 1e-8 or X overflows
     */
    public static LyapunovSolution solve(DMatrixRMaj a, DMatrixRMaj q) {
        MatrixEquationArguments.requireLyapunov(a, q);

        // The term -X fixes the scale of A, so only Q is scaled: Q = 2^beta Qs gives X = 2^beta Xs.
        int beta = PowerOfTwoScaling.exponent(q);
        DMatrixRMaj qScaled = PowerOfTwoScaling.scaled(q, beta);

        SchurForm schur = RealSchur.of(a);
        SchurBasisEquations.Result result = solveWithSchur(schur.tShared(), schur.zShared(), qScaled);
        double residual = EquationResiduals.discrete(a, null, result.y(), qScaled);
        LOG.debug("discrete Lyapunov n={}: scaling exponent {} (Q), relative residual {}, relative separation {}",
                a.numRows, beta, residual, result.relativeSeparation());
        EquationResiduals.requireAccurate("discrete Lyapunov", residual);
        DMatrixRMaj x = PowerOfTwoScaling.unscaleSolution(result.y(), beta, "discrete Lyapunov");
        return new LyapunovSolution(x, residual, result.separation(), result.relativeSeparation());
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
     * @throws InaccurateSolutionException if the relative residual is above 1e-8 or X overflows
     */
    public static LyapunovSolution solve(DMatrixRMaj a, DMatrixRMaj e, DMatrixRMaj q) {
        MatrixEquationArguments.requireGeneralisedLyapunov(a, e, q);

        // A = 2^alpha As, E = 2^alpha Es and Q = 2^beta Qs give X = 2^(beta - 2 alpha) Xs.
        int alpha = PowerOfTwoScaling.exponent(a, e);
        int beta = PowerOfTwoScaling.exponent(q);
        DMatrixRMaj aScaled = PowerOfTwoScaling.scaled(a, alpha);
        DMatrixRMaj eScaled = PowerOfTwoScaling.scaled(e, alpha);
        DMatrixRMaj qScaled = PowerOfTwoScaling.scaled(q, beta);

        GeneralisedForm form = GeneralisedForm.of(aScaled, eScaled, qScaled, E_CONDITION_WARNING, LOG);
        SchurForm schur = RealSchur.of(form.a());
        SchurBasisEquations.Result result = solveWithSchur(schur.tShared(), schur.zShared(), form.q());
        double residual = EquationResiduals.discrete(aScaled, eScaled, result.y(), qScaled);
        EquationResiduals.requireAccurate("generalised discrete Lyapunov", residual);
        DMatrixRMaj x = PowerOfTwoScaling.unscaleSolution(result.y(), beta - 2 * alpha, "generalised discrete Lyapunov");
        return new LyapunovSolution(x, residual, result.separation(), result.relativeSeparation());
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
