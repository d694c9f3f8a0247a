package io.github.neurodyn.linalg;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous-time Lyapunov equations, solved by the Bartels-Stewart method on the real
 * Schur form of A.
 *
 * <ul>
 *   <li>{@link #solve(DMatrixRMaj, DMatrixRMaj)}: {@code A X + X A^T + Q = 0}</li>
 *   <li>{@link #solveTransposed(DMatrixRMaj, DMatrixRMaj)}: {@code A^T X + X A + Q = 0}</li>
 *   <li>{@link #solve(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj)}:
 *       {@code A X E^T + E X A^T + Q = 0}, E nonsingular</li>
 *   <li>{@link #solveShifted}: {@code (A - sI) X + X (A - sI)^T + Q = 0} on a given Schur
 *       form of A, for many shifts s at the cost of one decomposition</li>
 * </ul>
 *
 * <p>Algorithm: {@code A = Z T Z^T} by {@link RealSchur}; {@code C = Z^T Q Z}; the
 * quasi-triangular equation {@code T Y + Y T^T + C = 0} is solved by the recursive blocked
 * variant (Jonsson and Kagstrom, ACM TOMS 28(4), 2002) of Bartels and Stewart (CACM 15(9),
 * 1972), with 1x1 and 2x2 diagonal blocks; {@code X = Z Y Z^T}. See Golub and Van Loan,
 * Matrix Computations, 4th ed., chapter 7. Y and X are symmetrised,
 * {@code (X + X^T) / 2}, because Q is symmetric. Cost: the Schur form, about
 * {@code 25 n^3} flops, plus {@code 2 n^3} for the triangular solve and {@code 6 n^3} for
 * the two changes of basis and {@code 2 n^3} for the residual; about {@code 10 n^2} doubles
 * of work space.
 *
 * <p>A unique solution exists if and only if {@code lambda_i + lambda_j != 0} for all
 * eigenvalues of A; A need not be stable. An equation whose closest eigenvalue pair has
 * {@code |lambda_i + lambda_j| <= 100 n eps 2 ||A||_F} raises
 * {@link SingularEquationException} naming the pair, and so does a diagonal block system
 * with a pivot below eps times its largest entry. The reported separation is an upper
 * bound on the operator's true separation, so a nonnormal A can give an inaccurate X
 * without an error. The relative residual stays small in that case, but the forward error
 * can be as large as the residual divided by the true separation.
 */
public final class Lyapunov {

    private static final Logger LOG = LoggerFactory.getLogger(Lyapunov.class);

    /**
     * Reciprocal condition estimate of E (from its LU factors) below which the generalised
     * solve logs a warning: the transformation with {@code E^-1} loses about
     * {@code log10(1 / rcond)} digits.
     */
    private static final double E_CONDITION_WARNING = 1e-8;

    private Lyapunov() {
    }

    /**
     * Solves {@code A X + X A^T + Q = 0}.
     *
     * @param a coefficient matrix A, n x n, finite; not modified
     * @param q symmetric right-hand side Q, n x n (asymmetry up to
     *     {@code 1e-10 max(1, max |Q_ij|)} is accepted and averaged out); not modified
     * @return the symmetric solution X with its relative residual and separation
     * @throws IllegalArgumentException if an argument is null, not square, of mismatched
     *     order, has a NaN or infinite entry, or Q is not symmetric
     * @throws SingularEquationException if {@code lambda_i + lambda_j} is zero or too close to
     *     it for some eigenvalues of A
     * @throws io.github.neurodyn.api.NotConvergedException if the Schur form does not converge
     */
    public static LyapunovSolution solve(DMatrixRMaj a, DMatrixRMaj q) {
        MatrixEquationArguments.requireLyapunov(a, q);
        return solveStandard(a, q, false);
    }

    /**
     * Solves {@code A^T X + X A + Q = 0}, the equation of the observability Gramian.
     *
     * @param a coefficient matrix A, n x n, finite; not modified
     * @param q symmetric right-hand side Q, n x n; not modified
     * @return the symmetric solution X with its relative residual and separation
     * @throws IllegalArgumentException on bad arguments, as for {@link #solve(DMatrixRMaj, DMatrixRMaj)}
     * @throws SingularEquationException if {@code lambda_i + lambda_j} is zero or too close to it
     * @throws io.github.neurodyn.api.NotConvergedException if the Schur form does not converge
     */
    public static LyapunovSolution solveTransposed(DMatrixRMaj a, DMatrixRMaj q) {
        MatrixEquationArguments.requireLyapunov(a, q);
        return solveStandard(a, q, true);
    }

    /**
     * Solves the generalised equation {@code A X E^T + E X A^T + Q = 0} for nonsingular E.
     *
     * <p>Method: the equivalent standard equation
     * {@code (E^-1 A) X + X (E^-1 A)^T + E^-1 Q E^-T = 0} is solved as in
     * {@link #solve(DMatrixRMaj, DMatrixRMaj)}; the residual is measured on the original
     * equation. Limitations: forming {@code E^-1 A} loses about {@code log10 cond(E)} digits,
     * so for ill-conditioned E (a warning is logged when the reciprocal condition estimate is
     * below 1e-8) the residual can be much larger than for a standard equation; a
     * generalised Schur (QZ) method would avoid this but is not implemented.
     *
     * @param a coefficient matrix A, n x n; not modified
     * @param e nonsingular matrix E, n x n; not modified
     * @param q symmetric right-hand side Q, n x n; not modified
     * @return the symmetric solution X with its relative residual and the separation of the
     *     standard equation for {@code E^-1 A}
     * @throws IllegalArgumentException on bad arguments, as for
     *     {@link #solve(DMatrixRMaj, DMatrixRMaj)}, or if E has another shape
     * @throws SingularEquationException if E is numerically singular or
     *     {@code lambda_i + lambda_j} is too close to zero for eigenvalues of {@code E^-1 A}
     */
    public static LyapunovSolution solve(DMatrixRMaj a, DMatrixRMaj e, DMatrixRMaj q) {
        MatrixEquationArguments.requireGeneralisedLyapunov(a, e, q);
        GeneralisedForm form = GeneralisedForm.of(a, e, q, E_CONDITION_WARNING, LOG);
        SchurForm schur = RealSchur.of(form.a());
        SchurBasisEquations.Result result = solveWithSchur(schur.tShared(), schur.zShared(), 0.0, form.q(), false);
        double residual = EquationResiduals.continuous(a, e, result.y(), q, false);
        return solution(result, residual);
    }

    /**
     * Solves {@code (A - shift I) X + X (A - shift I)^T + Q = 0}, or
     * {@code (A - shift I)^T X + X (A - shift I) + Q = 0} when {@code transposed} is true,
     * reusing a Schur form of A: no new decomposition, X returned in the original basis.
     *
     * <p>Cost: about {@code 10 n^3} flops (two changes of basis, the triangular solve and the
     * residual), about a third of a full solve. The relative residual is evaluated in the Schur basis,
     * {@code ||(T - sI) Y + Y (T - sI)^T + Z^T Q Z||_F / (2 ||T - sI||_F ||Y||_F + ||Q||_F)},
     * which equals the residual in the original basis up to the rounding of the two
     * orthogonal transformations.
     *
     * @param schurOfA real Schur form of A, for example from {@link RealSchur#of}
     * @param shift the shift s, in the units of the eigenvalues of A
     * @param q symmetric right-hand side Q, n x n; not modified
     * @param transposed whether to solve the transposed equation
     * @return the symmetric solution X with its residual and separation
     * @throws IllegalArgumentException if an argument is null, Q has the wrong shape, is not
     *     finite or not symmetric, or the shift is not finite
     * @throws SingularEquationException if {@code lambda_i + lambda_j - 2 shift} is too close
     *     to zero for some eigenvalues of A
     */
    public static LyapunovSolution solveShifted(SchurForm schurOfA, double shift, DMatrixRMaj q,
            boolean transposed) {
        DMatrixRMaj t = requireShiftedArguments(schurOfA, shift, q);
        DMatrixRMaj z = schurOfA.zShared();
        DMatrixRMaj qSchur = SchurTransforms.toSchurBasisSymmetric(z, q);
        SchurBasisEquations.Result result = SchurBasisEquations.lyapunov(t, shift, qSchur, transposed);
        DMatrixRMaj y = SchurTransforms.symmetrise(result.y());
        double residual = EquationResiduals.continuous(shifted(t, shift), null, y, qSchur, transposed);
        DMatrixRMaj x = SchurTransforms.fromSchurBasisSymmetric(z, y);
        return new LyapunovSolution(x, residual, result.separation(), result.relativeSeparation());
    }

    /**
     * Solves the shifted equation of {@link #solveShifted} entirely in the Schur basis: given
     * {@code qSchur = Z^T Q Z}, returns {@code Xs = Z^T X Z}, the solution of
     * {@code (T - shift I) Xs + Xs (T - shift I)^T + qSchur = 0} (or the transposed
     * equation). For callers that need only traces, which the change of basis preserves,
     * or that transform once themselves.
     *
     * <p>Cost: {@code 2 n^3} flops for the triangular solve plus {@code 2 n^3} for the
     * residual, no change of basis.
     *
     * @param schurOfA real Schur form {@code A = Z T Z^T}
     * @param shift the shift s, in the units of the eigenvalues of A
     * @param qSchur symmetric right-hand side in the Schur basis, n x n; not modified
     * @param transposed whether to solve the transposed equation
     * @return the symmetric solution in the Schur basis with its residual and separation
     * @throws IllegalArgumentException on bad arguments, as for {@link #solveShifted}
     * @throws SingularEquationException if {@code lambda_i + lambda_j - 2 shift} is too close
     *     to zero
     */
    public static LyapunovSolution solveShiftedInSchurBasis(SchurForm schurOfA, double shift, DMatrixRMaj qSchur,
            boolean transposed) {
        DMatrixRMaj t = requireShiftedArguments(schurOfA, shift, qSchur);
        DMatrixRMaj c = SchurTransforms.symmetrise(qSchur.copy());
        SchurBasisEquations.Result result = SchurBasisEquations.lyapunov(t, shift, c, transposed);
        DMatrixRMaj y = SchurTransforms.symmetrise(result.y());
        double residual = EquationResiduals.continuous(shifted(t, shift), null, y, c, transposed);
        return new LyapunovSolution(y, residual, result.separation(), result.relativeSeparation());
    }

    /**
     * Solves the same equation as {@link #solveShiftedInSchurBasis} but skips the residual,
     * for inner loops such as root-solves over the shift that need only the solution and
     * check their own convergence. Returns {@code Xs = Z^T X Z}, the symmetrised solution of
     * {@code (T - shift I) Xs + Xs (T - shift I)^T + qSchur = 0} (or the transposed equation).
     *
     * <p>Cost: {@code 2 n^3} flops for the triangular solve, half of
     * {@link #solveShiftedInSchurBasis}.
     *
     * @param schurOfA real Schur form {@code A = Z T Z^T}
     * @param shift the shift s, in the units of the eigenvalues of A
     * @param qSchur symmetric right-hand side in the Schur basis, n x n; not modified
     * @param transposed whether to solve the transposed equation
     * @return the symmetric solution in the Schur basis, a new n x n matrix
     * @throws IllegalArgumentException on bad arguments, as for {@link #solveShifted}
     * @throws SingularEquationException if {@code lambda_i + lambda_j - 2 shift} is too close
     *     to zero
     */
    public static DMatrixRMaj solveShiftedInSchurBasisWithoutResidual(SchurForm schurOfA, double shift,
            DMatrixRMaj qSchur, boolean transposed) {
        DMatrixRMaj t = requireShiftedArguments(schurOfA, shift, qSchur);
        DMatrixRMaj c = SchurTransforms.symmetrise(qSchur.copy());
        return SchurTransforms.symmetrise(SchurBasisEquations.lyapunov(t, shift, c, transposed).y());
    }

    /** Solves the standard or transposed equation with a new Schur form of A. */
    private static LyapunovSolution solveStandard(DMatrixRMaj a, DMatrixRMaj q, boolean transposed) {
        SchurForm schur = RealSchur.of(a);
        SchurBasisEquations.Result result = solveWithSchur(schur.tShared(), schur.zShared(), 0.0, q, transposed);
        double residual = EquationResiduals.continuous(a, null, result.y(), q, transposed);
        LOG.debug("Lyapunov n={} transposed={}: relative residual {}, relative separation {}",
                a.numRows, transposed, residual, result.relativeSeparation());
        return solution(result, residual);
    }

    /**
     * Solves {@code (A - shift I) X + X (A - shift I)^T + Q = 0} (or the transposed equation)
     * for {@code A = Z T Z^T}, returning the symmetrised X in the original basis.
     */
    static SchurBasisEquations.Result solveWithSchur(DMatrixRMaj t, DMatrixRMaj z, double shift, DMatrixRMaj q,
            boolean transposed) {
        DMatrixRMaj qSchur = SchurTransforms.toSchurBasisSymmetric(z, q);
        SchurBasisEquations.Result inSchurBasis = SchurBasisEquations.lyapunov(t, shift, qSchur, transposed);
        DMatrixRMaj y = SchurTransforms.symmetrise(inSchurBasis.y());
        DMatrixRMaj x = SchurTransforms.fromSchurBasisSymmetric(z, y);
        return new SchurBasisEquations.Result(x, inSchurBasis.separation(), inSchurBasis.relativeSeparation());
    }

    private static DMatrixRMaj requireShiftedArguments(SchurForm schurOfA, double shift, DMatrixRMaj q) {
        Arguments.requireNonNull(schurOfA, "schurOfA");
        Arguments.requireFinite(shift, "shift");
        int n = schurOfA.size();
        Arguments.requireShape(q, n, n, "Q");
        Arguments.requireSymmetric(q, MatrixEquationArguments.SYMMETRY_TOLERANCE, "Q");
        return schurOfA.tShared();
    }

    /** Returns {@code T - shift I} as a new matrix. */
    private static DMatrixRMaj shifted(DMatrixRMaj t, double shift) {
        DMatrixRMaj result = t.copy();
        for (int i = 0; i < t.numRows; i++) {
            result.add(i, i, -shift);
        }
        return result;
    }

    private static LyapunovSolution solution(SchurBasisEquations.Result result, double residual) {
        return new LyapunovSolution(result.y(), residual, result.separation(), result.relativeSeparation());
    }
}
