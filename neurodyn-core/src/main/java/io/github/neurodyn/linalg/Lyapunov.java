package io.github.neurodyn.linalg;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.InaccurateSolutionException;
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
 *
 * <p>Scaling and a posteriori check: when the largest entry of A (or of T and the shift,
 * E, Q) lies outside {@code [2^-256, 2^256]}, that matrix is scaled by a power of two before
 * the solve and X is scaled back afterwards, which is exact and keeps products such as
 * {@code 2 a_ii} or {@code A X} from overflowing ({@code A = [[-1e308]], Q = [[1e308]]} gives
 * {@code X = 0.5}). A solution whose relative residual is above 1e-8 or not finite, or whose
 * entries overflow when scaled back, raises {@link InaccurateSolutionException}; entries below
 * the smallest double round to subnormals or zero.
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
     * @throws InaccurateSolutionException if the relative residual is above 1e-8 or X overflows
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
     * @throws InaccurateSolutionException if the relative residual is above 1e-8 or X overflows
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
     * @throws InaccurateSolutionException if the relative residual is above 1e-8 or X overflows
     */
    public static LyapunovSolution solve(DMatrixRMaj a, DMatrixRMaj e, DMatrixRMaj q) {
        MatrixEquationArguments.requireGeneralisedLyapunov(a, e, q);

        // A = 2^alpha As, E = 2^epsilon Es and Q = 2^beta Qs give X = 2^(beta - alpha - epsilon) Xs.
        int alpha = PowerOfTwoScaling.exponent(a);
        int epsilon = PowerOfTwoScaling.exponent(e);
        int beta = PowerOfTwoScaling.exponent(q);
        DMatrixRMaj aScaled = PowerOfTwoScaling.scaled(a, alpha);
        DMatrixRMaj eScaled = PowerOfTwoScaling.scaled(e, epsilon);
        DMatrixRMaj qScaled = PowerOfTwoScaling.scaled(q, beta);

        GeneralisedForm form = GeneralisedForm.of(aScaled, eScaled, qScaled, E_CONDITION_WARNING, LOG);
        SchurForm schur = RealSchur.of(form.a());
        SchurBasisEquations.Result result = PowerOfTwoScaling.withScaledSpectrum(alpha - epsilon, "E^-1 A",
                () -> solveWithSchur(schur.tShared(), schur.zShared(), 0.0, form.q(), false));
        double residual = EquationResiduals.continuous(aScaled, eScaled, result.y(), qScaled, false);
        EquationResiduals.requireAccurate("generalised Lyapunov", residual);
        DMatrixRMaj x = PowerOfTwoScaling.unscaleSolution(result.y(), beta - alpha - epsilon, "generalised Lyapunov");
        return new LyapunovSolution(x, residual, Math.scalb(result.separation(), alpha - epsilon),
                result.relativeSeparation());
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
     * @throws InaccurateSolutionException if the relative residual is above 1e-8 or X overflows
     */
    public static LyapunovSolution solveShifted(SchurForm schurOfA, double shift, DMatrixRMaj q,
            boolean transposed) {
        requireShiftedArguments(schurOfA, shift, q);
        DMatrixRMaj z = schurOfA.zShared();
        DMatrixRMaj qSchur = SchurTransforms.toSchurBasisSymmetric(z, q);
        LyapunovSolution inSchurBasis = solveScaledInSchurBasis(schurOfA.tShared(), shift, qSchur, transposed, true);
        DMatrixRMaj x = SchurTransforms.fromSchurBasisSymmetric(z, inSchurBasis.x());
        return new LyapunovSolution(x, inSchurBasis.relativeResidual(), inSchurBasis.separation(),
                inSchurBasis.relativeSeparation());
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
     * @throws InaccurateSolutionException if the relative residual is above 1e-8 or Xs overflows
     */
    public static LyapunovSolution solveShiftedInSchurBasis(SchurForm schurOfA, double shift, DMatrixRMaj qSchur,
            boolean transposed) {
        DMatrixRMaj t = requireShiftedArguments(schurOfA, shift, qSchur);
        DMatrixRMaj c = SchurTransforms.symmetrise(qSchur.copy());
        return solveScaledInSchurBasis(t, shift, c, transposed, true);
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
     * @throws InaccurateSolutionException if Xs overflows
     */
    public static DMatrixRMaj solveShiftedInSchurBasisWithoutResidual(SchurForm schurOfA, double shift,
            DMatrixRMaj qSchur, boolean transposed) {
        DMatrixRMaj t = requireShiftedArguments(schurOfA, shift, qSchur);
        DMatrixRMaj c = SchurTransforms.symmetrise(qSchur.copy());
        return solveScaledInSchurBasis(t, shift, c, transposed, false).x();
    }

    /** Solves the standard or transposed equation with a new Schur form of A. */
    private static LyapunovSolution solveStandard(DMatrixRMaj a, DMatrixRMaj q, boolean transposed) {
        // A = 2^alpha As and Q = 2^beta Qs give X = 2^(beta - alpha) Xs, with Xs the solution for As and Qs.
        int alpha = PowerOfTwoScaling.exponent(a);
        int beta = PowerOfTwoScaling.exponent(q);
        DMatrixRMaj aScaled = PowerOfTwoScaling.scaled(a, alpha);
        DMatrixRMaj qScaled = PowerOfTwoScaling.scaled(q, beta);

        SchurForm schur = RealSchur.of(aScaled);
        SchurBasisEquations.Result result = PowerOfTwoScaling.withScaledSpectrum(alpha, "A",
                () -> solveWithSchur(schur.tShared(), schur.zShared(), 0.0, qScaled, transposed));
        double residual = EquationResiduals.continuous(aScaled, null, result.y(), qScaled, transposed);
        LOG.debug("Lyapunov n={} transposed={}: scaling exponents {} (A) and {} (Q), relative residual {}, "
                + "relative separation {}", a.numRows, transposed, alpha, beta, residual, result.relativeSeparation());
        EquationResiduals.requireAccurate("Lyapunov", residual);
        DMatrixRMaj x = PowerOfTwoScaling.unscaleSolution(result.y(), beta - alpha, "Lyapunov");
        return new LyapunovSolution(x, residual, Math.scalb(result.separation(), alpha), result.relativeSeparation());
    }

    /**
     * Solves {@code (T - shift I) Y + Y (T - shift I)^T + C = 0} (or the transposed equation)
     * in the Schur basis after scaling T, the shift and C by powers of two, and returns the
     * symmetrised Y with its diagnostics. When {@code checkResidual} is false the residual is
     * neither formed nor checked and is reported as NaN.
     */
    private static LyapunovSolution solveScaledInSchurBasis(DMatrixRMaj t, double shift, DMatrixRMaj c,
            boolean transposed, boolean checkResidual) {
        // T - shift I = 2^alpha (Ts - shifts I) and C = 2^beta Cs give Y = 2^(beta - alpha) Ys.
        int alpha = PowerOfTwoScaling.exponent(t, new DMatrixRMaj(1, 1, true, shift));
        int beta = PowerOfTwoScaling.exponent(c);
        DMatrixRMaj tScaled = PowerOfTwoScaling.scaled(t, alpha);
        double shiftScaled = Math.scalb(shift, -alpha);
        DMatrixRMaj cScaled = PowerOfTwoScaling.scaled(c, beta);

        SchurBasisEquations.Result result = PowerOfTwoScaling.withScaledSpectrum(alpha, "A",
                () -> SchurBasisEquations.lyapunov(tScaled, shiftScaled, cScaled, transposed));
        DMatrixRMaj y = SchurTransforms.symmetrise(result.y());
        double residual = Double.NaN;
        if (checkResidual) {
            residual = EquationResiduals.continuous(shifted(tScaled, shiftScaled), null, y, cScaled, transposed);
            EquationResiduals.requireAccurate("shifted Lyapunov", residual);
        }
        PowerOfTwoScaling.unscaleSolution(y, beta - alpha, "shifted Lyapunov");
        return new LyapunovSolution(y, residual, Math.scalb(result.separation(), alpha), result.relativeSeparation());
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
}
