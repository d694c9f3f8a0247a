package io.github.neurodyn.linalg;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Controllability and observability Gramians of the linear system
 * {@code dx/dt = A x + B u}, {@code y = C x}, with time in seconds and A in 1/s.
 *
 * <ul>
 *   <li>controllability, infinite horizon: {@code A P + P A^T + B B^T = 0}, A stable</li>
 *   <li>observability, infinite horizon: {@code A^T Q + Q A + C^T C = 0}, A stable</li>
 *   <li>finite horizon T: {@code P(T) = int_0^T e^{A t} B B^T e^{A^T t} dt} and
 *       {@code Q(T) = int_0^T e^{A^T t} C^T C e^{A t} dt}, any A</li>
 * </ul>
 *
 * <p>The infinite-horizon Gramians are Lyapunov solutions ({@link Lyapunov}); the evoked
 * energy {@code int_0^inf ||y||^2 dt} of an initial state x0 is {@code x0^T Q x0}.
 *
 * <p>Finite horizon, stable A: {@code P(T) = P - e^{A T} P e^{A^T T}}, where P is the
 * infinite-horizon Gramian, because both sides solve
 * {@code A P(T) + P(T) A^T + B B^T - e^{A T} B B^T e^{A^T T} = 0}. Cost: one Lyapunov solve
 * and one matrix exponential. Limitation: for {@code T} much shorter than the slowest time
 * constant, {@code P(T)} is a small difference of two large matrices and loses about
 * {@code log10(||P|| / ||P(T)||)} digits.
 *
 * <p>Finite horizon, A not stable: Van Loan's block exponential (IEEE TAC 23(3), 1978):
 * {@code exp([[-A, B B^T], [0, A^T]] T) = [[F11, F12], [0, F22]]} and
 * {@code P(T) = F22^T F12}. Cost: one exponential of order {@code 2n}, about 8 times that
 * of order n. Limitation: {@code e^{-A T}} inside the block grows with {@code T} for the
 * stable part of the spectrum, so accuracy drops when {@code T} is many times the fastest
 * time constant.
 *
 * <p>A, B and C are scaled by powers of two when their largest entry lies outside
 * {@code [2^-256, 2^256]}, so that {@code B B^T}, {@code C^T C} and the Lyapunov solve do not
 * overflow (A in the finite-horizon methods is not scaled, because it enters the matrix
 * exponential). A Gramian whose entries overflow raises
 * {@link io.github.neurodyn.api.InaccurateSolutionException}.
 */
public final class Gramians {

    private static final Logger LOG = LoggerFactory.getLogger(Gramians.class);

    private Gramians() {
    }

    /**
     * Computes the controllability Gramian P of a stable system: {@code A P + P A^T + B B^T = 0}.
     *
     * @param a state matrix A, n x n, in 1/s, with all eigenvalues in the open left half-plane
     * @param b input matrix B, n x m
     * @return the symmetric positive semidefinite P, n x n
     * @throws IllegalArgumentException if an argument is null, has the wrong shape or a NaN or
     *     infinite entry, or A has an eigenvalue with real part {@code >= 0}
     * @throws SingularEquationException if A is too close to having eigenvalues with
     *     {@code lambda_i + lambda_j = 0}
     * @throws io.github.neurodyn.api.InaccurateSolutionException if an entry of the Gramian
     *     overflows
     */
    public static DMatrixRMaj controllability(DMatrixRMaj a, DMatrixRMaj b) {
        requireInputs(a, b);
        int beta = PowerOfTwoScaling.exponent(b);
        return infiniteHorizon(a, outerProduct(PowerOfTwoScaling.scaled(b, beta)), 2 * beta, false, "controllability");
    }

    /**
     * Computes the observability Gramian Q of a stable system: {@code A^T Q + Q A + C^T C = 0}.
     *
     * @param a state matrix A, n x n, in 1/s, with all eigenvalues in the open left half-plane
     * @param c output matrix C, p x n
     * @return the symmetric positive semidefinite Q, n x n
     * @throws IllegalArgumentException if an argument is null, has the wrong shape or a NaN or
     *     infinite entry, or A has an eigenvalue with real part {@code >= 0}
     * @throws SingularEquationException if A is too close to having eigenvalues with
     *     {@code lambda_i + lambda_j = 0}
     * @throws io.github.neurodyn.api.InaccurateSolutionException if an entry of the Gramian
     *     overflows
     */
    public static DMatrixRMaj observability(DMatrixRMaj a, DMatrixRMaj c) {
        requireOutputs(a, c);
        int gamma = PowerOfTwoScaling.exponent(c);
        return infiniteHorizon(a, innerProduct(PowerOfTwoScaling.scaled(c, gamma)), 2 * gamma, true, "observability");
    }

    /**
     * Computes the finite-horizon controllability Gramian
     * {@code P(T) = int_0^T e^{A t} B B^T e^{A^T t} dt}; A need not be stable.
     *
     * @param a state matrix A, n x n, in 1/s
     * @param b input matrix B, n x m
     * @param horizonSeconds the horizon T in seconds, {@code >= 0}
     * @return the symmetric positive semidefinite P(T), n x n
     * @throws IllegalArgumentException if an argument is null, has the wrong shape or a
     *     non-finite entry, or the horizon is negative or not finite
     * @throws io.github.neurodyn.api.NeurodynException if a matrix exponential overflows
     */
    public static DMatrixRMaj controllability(DMatrixRMaj a, DMatrixRMaj b, double horizonSeconds) {
        requireInputs(a, b);
        Arguments.requireNonNegative(horizonSeconds, "horizonSeconds");
        int beta = PowerOfTwoScaling.exponent(b);
        return finiteHorizon(a, outerProduct(PowerOfTwoScaling.scaled(b, beta)), 2 * beta, horizonSeconds);
    }

    /**
     * Computes the finite-horizon observability Gramian
     * {@code Q(T) = int_0^T e^{A^T t} C^T C e^{A t} dt}; A need not be stable.
     *
     * @param a state matrix A, n x n, in 1/s
     * @param c output matrix C, p x n
     * @param horizonSeconds the horizon T in seconds, {@code >= 0}
     * @return the symmetric positive semidefinite Q(T), n x n
     * @throws IllegalArgumentException if an argument is null, has the wrong shape or a
     *     non-finite entry, or the horizon is negative or not finite
     * @throws io.github.neurodyn.api.NeurodynException if a matrix exponential overflows
     */
    public static DMatrixRMaj observability(DMatrixRMaj a, DMatrixRMaj c, double horizonSeconds) {
        requireOutputs(a, c);
        Arguments.requireNonNegative(horizonSeconds, "horizonSeconds");
        int gamma = PowerOfTwoScaling.exponent(c);
        return finiteHorizon(CommonOps_DDRM.transpose(a, null), innerProduct(PowerOfTwoScaling.scaled(c, gamma)),
                2 * gamma, horizonSeconds);
    }

    /**
     * Solves {@code A P + P A^T + 2^wExponent W = 0} (or the transposed equation) after
     * checking stability. A is scaled by a power of two as in {@link Lyapunov}, and W arrives
     * scaled, so that neither the Schur form nor the triangular solve overflows.
     */
    private static DMatrixRMaj infiniteHorizon(DMatrixRMaj a, DMatrixRMaj w, int wExponent, boolean transposed,
            String kind) {
        int alpha = PowerOfTwoScaling.exponent(a);
        DMatrixRMaj aScaled = PowerOfTwoScaling.scaled(a, alpha);
        SchurForm schur = RealSchur.of(aScaled);
        double abscissa = Math.scalb(abscissa(schur), alpha);
        if (!(abscissa < 0)) {
            throw new IllegalArgumentException(String.format(
                    "A must be stable for an infinite-horizon %s Gramian, but its spectral abscissa is "
                            + "%.6g 1/s; use the finite-horizon method with horizonSeconds instead", kind, abscissa));
        }
        DMatrixRMaj scaled = PowerOfTwoScaling.withScaledSpectrum(alpha, "A",
                () -> Lyapunov.solveWithSchur(schur.tShared(), schur.zShared(), 0.0, w, transposed)).y();
        return PowerOfTwoScaling.unscaleSolution(scaled, wExponent - alpha, kind + " Gramian");
    }

    /**
     * Returns {@code 2^wExponent int_0^T e^{A t} W e^{A^T t} dt} for symmetric W; the
     * integral is linear in W, so the power of two is applied to the result.
     */
    private static DMatrixRMaj finiteHorizon(DMatrixRMaj a, DMatrixRMaj w, int wExponent, double horizon) {
        DMatrixRMaj scaled = finiteHorizon(a, w, horizon);
        return PowerOfTwoScaling.unscaleSolution(scaled, wExponent, "finite-horizon Gramian");
    }

    /** Returns {@code int_0^T e^{A t} W e^{A^T t} dt} for symmetric W. */
    private static DMatrixRMaj finiteHorizon(DMatrixRMaj a, DMatrixRMaj w, double horizon) {
        int n = a.numRows;
        if (n == 0 || horizon == 0.0) {
            return new DMatrixRMaj(n, n);
        }
        SchurForm schur = RealSchur.of(a);
        double abscissa = abscissa(schur);
        if (abscissa < 0) {
            LOG.debug("finite-horizon Gramian n={}: stable A (abscissa {}), Lyapunov difference", n, abscissa);
            DMatrixRMaj infinite = Lyapunov.solveWithSchur(schur.tShared(), schur.zShared(), 0.0, w, false).y();
            DMatrixRMaj propagator = MatrixExponential.of(a, horizon);
            DMatrixRMaj result = infinite.copy();
            CommonOps_DDRM.subtractEquals(result, EquationResiduals.sandwich(propagator, infinite));
            return SchurTransforms.symmetrise(result);
        }
        LOG.debug("finite-horizon Gramian n={}: abscissa {} >= 0, Van Loan block exponential", n, abscissa);
        DMatrixRMaj block = new DMatrixRMaj(2 * n, 2 * n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                block.set(i, j, -a.get(i, j));
                block.set(i, n + j, w.get(i, j));
                block.set(n + i, n + j, a.get(j, i));
            }
        }
        DMatrixRMaj f = MatrixExponential.of(block, horizon);
        DMatrixRMaj f12 = CommonOps_DDRM.extract(f, 0, n, n, 2 * n);
        DMatrixRMaj f22 = CommonOps_DDRM.extract(f, n, 2 * n, n, 2 * n);
        DMatrixRMaj result = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(f22, f12, result);
        return SchurTransforms.symmetrise(result);
    }

    private static double abscissa(SchurForm schur) {
        double abscissa = Double.NEGATIVE_INFINITY;
        for (double re : schur.eigenvaluesReal()) {
            abscissa = Math.max(abscissa, re);
        }
        return abscissa;
    }

    private static void requireInputs(DMatrixRMaj a, DMatrixRMaj b) {
        Arguments.requireSquare(a, "A");
        Arguments.requireNonNull(b, "B");
        Arguments.requireShape(b, a.numRows, b.numCols, "B");
    }

    private static void requireOutputs(DMatrixRMaj a, DMatrixRMaj c) {
        Arguments.requireSquare(a, "A");
        Arguments.requireNonNull(c, "C");
        Arguments.requireShape(c, c.numRows, a.numRows, "C");
    }

    /** Returns {@code B B^T}, exactly symmetric. */
    private static DMatrixRMaj outerProduct(DMatrixRMaj b) {
        DMatrixRMaj result = new DMatrixRMaj(b.numRows, b.numRows);
        CommonOps_DDRM.multTransB(b, b, result);
        return SchurTransforms.symmetrise(result);
    }

    /** Returns {@code C^T C}, exactly symmetric. */
    private static DMatrixRMaj innerProduct(DMatrixRMaj c) {
        DMatrixRMaj result = new DMatrixRMaj(c.numCols, c.numCols);
        CommonOps_DDRM.multTransA(c, c, result);
        return SchurTransforms.symmetrise(result);
    }
}
