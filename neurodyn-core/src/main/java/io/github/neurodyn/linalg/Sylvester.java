package io.github.neurodyn.linalg;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.InaccurateSolutionException;
import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sylvester equation {@code A X + X B = C}, solved by the Bartels-Stewart method.
 *
 * <p>Algorithm: real Schur forms {@code A = U S U^T} and {@code B = V R V^T} by
 * {@link RealSchur}; {@code F = U^T C V}; the quasi-triangular equation
 * {@code S Y + Y R = F} is solved by the recursive blocked variant (Jonsson and Kagstrom,
 * ACM TOMS 28(4), 2002) of Bartels and Stewart (CACM 15(9), 1972) with 1x1 and 2x2
 * diagonal blocks; {@code X = U Y V^T}. Cost for A m x m and B n x n: the two Schur forms,
 * about {@code 25 (m^3 + n^3)} flops, plus {@code m n (m + n)} for the triangular solve and
 * {@code 4 m n (m + n)} for the changes of basis.
 *
 * <p>A unique solution exists if and only if {@code lambda_i(A) + mu_j(B) != 0} for all
 * eigenvalue pairs. A pair with {@code |lambda_i + mu_j| <= 100 max(m, n) eps (||A||_F + ||B||_F)}
 * raises {@link SingularEquationException} naming the pair.
 *
 * <p>A and B (together) and C are scaled by powers of two when their largest entry lies
 * outside {@code [2^-256, 2^256]}, and X is scaled back, which is exact. A solution whose
 * relative residual is above 1e-8 or not finite, or whose entries overflow when scaled back,
 * raises {@link InaccurateSolutionException}.
 */
public final class Sylvester {

    private static final Logger LOG = LoggerFactory.getLogger(Sylvester.class);

    private Sylvester() {
    }

    /**
     * Solves {@code A X + X B = C}.
     *
     * @param a square matrix A, m x m, finite; not modified
     * @param b square matrix B, n x n, finite; not modified
     * @param c right-hand side C, m x n, finite; not modified
     * @return the solution X with its relative residual
     *     {@code ||A X + X B - C||_F / ((||A||_F + ||B||_F) ||X||_F + ||C||_F)} and separation
     * @throws IllegalArgumentException if an argument is null, A or B is not square, C is
     *     not m x n, or an entry is NaN or infinite
     * @throws SingularEquationException if {@code lambda_i(A) + mu_j(B)} is zero or too close
     *     to it
     * @throws io.github.neurodyn.api.NotConvergedException if a Schur form does not converge
     * @throws InaccurateSolutionException if the relative residual is above 1e-8 or X overflows
     */
    public static SylvesterSolution solve(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        Arguments.requireSquare(a, "A");
        Arguments.requireSquare(b, "B");
        Arguments.requireShape(c, a.numRows, b.numRows, "C");

        // A = 2^alpha As, B = 2^alpha Bs and C = 2^gamma Cs give X = 2^(gamma - alpha) Xs.
        int alpha = PowerOfTwoScaling.exponent(a, b);
        int gamma = PowerOfTwoScaling.exponent(c);
        DMatrixRMaj aScaled = PowerOfTwoScaling.scaled(a, alpha);
        DMatrixRMaj bScaled = PowerOfTwoScaling.scaled(b, alpha);
        DMatrixRMaj cScaled = PowerOfTwoScaling.scaled(c, gamma);

        SchurForm schurOfA = RealSchur.of(aScaled);
        SchurForm schurOfB = RealSchur.of(bScaled);
        SchurBasisEquations.Result result = PowerOfTwoScaling.withScaledSpectrum(alpha, "A and B",
                () -> solveWithSchur(schurOfA.tShared(), schurOfA.zShared(), schurOfB.tShared(),
                        schurOfB.zShared(), cScaled));
        double residual = EquationResiduals.sylvester(aScaled, bScaled, result.y(), cScaled);
        LOG.debug("Sylvester {}x{}: scaling exponents {} (A, B) and {} (C), relative residual {}, "
                + "relative separation {}", a.numRows, b.numRows, alpha, gamma, residual, result.relativeSeparation());
        EquationResiduals.requireAccurate("Sylvester", residual);
        DMatrixRMaj x = PowerOfTwoScaling.unscaleSolution(result.y(), gamma - alpha, "Sylvester");
        return new SylvesterSolution(x, residual, Math.scalb(result.separation(), alpha), result.relativeSeparation());
    }

    /** Solves {@code A X + X B = C} for {@code A = U S U^T}, {@code B = V R V^T}. */
    static SchurBasisEquations.Result solveWithSchur(DMatrixRMaj s, DMatrixRMaj u, DMatrixRMaj r, DMatrixRMaj v,
            DMatrixRMaj c) {
        DMatrixRMaj cSchur = SchurTransforms.toSchurBasis(u, c, v);
        SchurBasisEquations.Result inSchurBasis = SchurBasisEquations.sylvester(s, r, cSchur);
        DMatrixRMaj x = SchurTransforms.fromSchurBasis(u, inSchurBasis.y(), v);
        return new SchurBasisEquations.Result(x, inSchurBasis.separation(), inSchurBasis.relativeSeparation());
    }
}
