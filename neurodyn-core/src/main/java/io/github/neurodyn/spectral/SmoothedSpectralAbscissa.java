package io.github.neurodyn.spectral;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.RootNotBracketedException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Smoothed spectral abscissa and its gradient (Vanbiervliet, Vandereycken, Michiels,
 * Vandewalle and Diehl, SIAM J. Optim. 20(1), 2009).
 *
 * <p>For a square matrix {@code A} and {@code epsilon > 0} the smoothed spectral abscissa is
 * the unique {@code s > alpha(A)} with {@code trace P(s) = 1 / epsilon}, where
 * <pre>
 *   (A - sI) P + P (A - sI)^T + I = 0.
 * </pre>
 * It is a smooth upper bound of the spectral abscissa that tends to {@code alpha(A)} as
 * {@code epsilon -> 0}; shifting {@code A} by {@code cI} shifts it by {@code c}. Its gradient
 * with respect to {@code A} is {@code Q P / trace(Q P)}, where
 * {@code (A - sI)^T Q + Q (A - sI) + I = 0}.
 *
 * <p>Root-solve: {@code trace P(s)} is convex and decreasing on {@code (alpha, inf)}, and
 * lies between {@code 1 / (2 (s - alpha))} and {@code n / (2 (s - omega))}, with
 * {@code omega} the numerical abscissa. The root therefore lies in
 * {@code [alpha + epsilon / 2, omega + n epsilon / 2]}, where {@code omega} is replaced by
 * its Gershgorin bound for the symmetric part, an {@code O(n^2)} upper bound. A safeguarded
 * Newton-secant iteration runs on {@code g(s) = 1 / trace P(s) - epsilon}, which is nearly
 * linear close to {@code alpha}. The first step uses {@code d trace P / ds = -2 trace(P Q)}.
 * Later steps are secant steps through the last two points, which need {@code P} only. A step that leaves the current
 * bracket is replaced by a bisection of the gap {@code s - alpha} at the geometric mean of
 * its ends. One decomposition of {@code A} serves every shift.
 *
 * <p>Cost: one decomposition of {@code A}, one shifted Lyapunov solve per root-solve step
 * (8 steps from a cold start and 5 to 9 with the optimiser's warm start on the
 * Hennequin et al. (2014) network at n = 200), two more solves for {@code Q} (at the first
 * step and at the root) and three {@code n x n} products for the gradient.
 */
public final class SmoothedSpectralAbscissa {

    /**
     * Numerator of the default smoothing parameter {@code epsilon = 0.3 / n} for an
     * {@code n x n} connectivity (0.0015 at n = 200). On the Hennequin et al. (2014) networks
     * the stability optimiser then amplifies about as strongly as with the shift heuristic.
     * Larger values such as {@code 1.5 / n} also stabilise those networks but amplify far
     * less, and values of {@code 0.1 / n} and below amplify less again and need more steps.
     */
    public static final double DEFAULT_EPSILON_SCALE = 0.3;

    private static final Logger LOG = LoggerFactory.getLogger(SmoothedSpectralAbscissa.class);
    private static final int MAX_ITERATIONS = 100;
    private static final double RELATIVE_STEP_TOLERANCE = 1e-13;
    /** Stop when {@code |epsilon trace P - 1|} falls below this, near the rounding level of the solves. */
    private static final double RELATIVE_RESIDUAL_TOLERANCE = 1e-13;

    private SmoothedSpectralAbscissa() {
    }

    /**
     * Returns the default smoothing parameter {@code DEFAULT_EPSILON_SCALE / n}.
     *
     * @param n matrix size, at least 1
     * @return {@code 0.3 / n}
     */
    public static double defaultEpsilon(int n) {
        Arguments.requireAtLeast(n, 1, "n");
        return DEFAULT_EPSILON_SCALE / n;
    }

    /**
     * Computes the smoothed spectral abscissa of {@code a} and its gradient.
     *
     * @param a square, finite matrix
     * @param epsilon smoothing parameter, positive; smaller values bring the result closer to
     *     {@code alpha(a)} and make it less smooth
     * @return the value, its gradient and the root-solve diagnostics
     * @throws IllegalArgumentException if {@code a} is not square and finite, or
     *     {@code epsilon} is not positive and finite
     * @throws RootNotBracketedException if rounding errors keep the root-solve from bracketing
     *     the root (for example when {@code trace P} overflows)
     */
    public static SmoothedAbscissa of(DMatrixRMaj a, double epsilon) {
        Arguments.requireSquare(a, "A");
        Arguments.requireAtLeast(a.numRows, 1, "A.numRows");
        Arguments.requirePositive(epsilon, "epsilon");
        return of(ShiftedGramians.of(a), a, epsilon);
    }

    /**
     * Computes the gradient {@code Q P / trace(Q P)} of the smoothed spectral abscissa at a
     * given shift {@code s} instead of at the root of {@code trace P(s) = 1 / epsilon}. With
     * {@code s = max(1.5 alpha, alpha + 0.2)} this is the shift heuristic used in stability
     * optimisation of neural networks (Hennequin, Vogels and Gerstner, Neuron 82, 2014).
     *
     * @param a square, finite matrix
     * @param shift the shift {@code s}; must exceed {@code alpha(a)}
     * @return {@code Q P / trace(Q P)} at {@code s}, same shape as {@code a}
     * @throws IllegalArgumentException if {@code a} is not square and finite, or
     *     {@code shift <= alpha(a)}
     */
    public static DMatrixRMaj gradientAtShift(DMatrixRMaj a, double shift) {
        Arguments.requireSquare(a, "A");
        Arguments.requireAtLeast(a.numRows, 1, "A.numRows");
        Arguments.requireFinite(shift, "shift");
        ShiftedGramians gramians = ShiftedGramians.of(a);
        if (!(shift > gramians.abscissa())) {
            throw new IllegalArgumentException(String.format(
                    "shift must exceed the spectral abscissa %.6g of A, found %.6g", gramians.abscissa(), shift));
        }
        return gradient(gramians, shift);
    }

    static SmoothedAbscissa of(ShiftedGramians gramians, DMatrixRMaj a, double epsilon) {
        return of(gramians, a, epsilon, Double.NaN);
    }

    /**
     * Root-solve on a decomposed matrix. {@code initialGap}, when finite and positive, starts
     * the root-solve at {@code alpha + initialGap} (for example the gap of the previous
     * optimiser step) instead of at the upper end of the bracket.
     */
    static SmoothedAbscissa of(ShiftedGramians gramians, DMatrixRMaj a, double epsilon, double initialGap) {
        return of(gramians, a, epsilon, initialGap, 0);
    }

    /**
     * Root-solve as above that returns only the gradient columns {@code j >= firstColumn}
     * (the others are zero), for callers that update only those columns.
     */
    static SmoothedAbscissa of(
            ShiftedGramians gramians, DMatrixRMaj a, double epsilon, double initialGap, int firstColumn) {
        int n = gramians.size();
        double alpha = gramians.abscissa();
        double target = 1.0 / epsilon;

        // Bracket: trace P >= 1 / (2 (s - alpha)) and trace P <= n / (2 (s - omega)).
        double lower = alpha + 0.5 * epsilon;
        double upper = Math.max(numericalAbscissaBound(a), alpha) + 0.5 * n * epsilon;
        if (!(upper > lower)) {
            upper = lower + 0.5 * n * epsilon;
        }
        double s = upper;
        if (initialGap > 0 && alpha + initialGap > lower && alpha + initialGap < upper) {
            s = alpha + initialGap;
        }

        // Safeguarded Newton-secant on g(s) = 1 / trace P(s) - epsilon. The first step is a
        // Newton step, which needs Q as well as P. Later steps are secant steps through the
        // last two points and need only P. Q is solved once more at the root for the gradient.
        DMatrixRMaj p = null;
        DMatrixRMaj q = null;
        double traceP = Double.NaN;
        double previousS = Double.NaN;
        double previousG = Double.NaN;
        int iterations = 0;
        int solves = 0;
        while (iterations < MAX_ITERATIONS) {
            p = gramians.controllability(s);
            q = null;
            solves++;
            traceP = CommonOps_DDRM.trace(p);
            iterations++;
            if (traceP > target) {
                if (s >= upper) {
                    throw new RootNotBracketedException(String.format(
                            "trace P(s) = %.6g exceeds 1/epsilon = %.6g at the upper bound s = %.6g of the smoothed "
                                    + "spectral abscissa; the shifted Lyapunov solves are inaccurate for this matrix",
                            traceP, target, upper), lower, upper);
                }
                lower = s;
            } else {
                upper = s;
            }
            double residual = Math.abs(epsilon * traceP - 1.0);
            if (residual <= RELATIVE_RESIDUAL_TOLERANCE) {
                break;
            }
            double g = 1.0 / traceP - epsilon;
            double next;
            if (Double.isNaN(previousS)) {
                q = gramians.observability(s);
                solves++;
                double slope = 2.0 * traceOfProduct(p, q) / (traceP * traceP);
                next = s - g / slope;
            } else {
                next = s - g * (s - previousS) / (g - previousG);
            }
            if (!(next > lower && next < upper)) {
                // Bisect the gap s - alpha geometrically, because the bracket can span several
                // decades of it (from n epsilon / 2 down to epsilon / 2).
                next = alpha + Math.sqrt((lower - alpha) * (upper - alpha));
            }
            // Relative to |s| and the gap s - alpha, never absolute: the residual moves by about
            // (step / gap), so a floor of 1 would stop early on matrices scaled far below 1.
            double tolerance = RELATIVE_STEP_TOLERANCE * Math.max(Math.abs(s), s - alpha);
            if (Math.abs(next - s) <= tolerance || upper - lower <= tolerance) {
                break;
            }
            previousS = s;
            previousG = g;
            s = next;
        }
        if (q == null) {
            q = gramians.observability(s);
            solves++;
        }
        double residual = Math.abs(epsilon * traceP - 1.0);
        LOG.debug("smoothed spectral abscissa of a {}x{} matrix: s = {} after {} steps ({} Lyapunov solves), "
                + "residual {}", n, n, s, iterations, solves, residual);
        Evaluation root = new Evaluation(p, q, traceP);
        return new SmoothedAbscissa(s, epsilon, alpha, root.gradient(gramians, firstColumn), iterations, residual);
    }

    /** Returns {@code Q P / trace(Q P)} at the shift {@code s}, in the original basis. */
    static DMatrixRMaj gradient(ShiftedGramians gramians, double s) {
        return Evaluation.at(gramians, s).gradient(gramians, 0);
    }

    /**
     * Returns the columns {@code j >= firstColumn} of {@code Q P / trace(Q P)} at the shift
     * {@code s}, in the original basis; the other columns are zero.
     */
    static DMatrixRMaj gradientColumns(ShiftedGramians gramians, double s, int firstColumn) {
        return Evaluation.at(gramians, s).gradient(gramians, firstColumn);
    }

    /** The Gramians at one shift, in the Schur basis, with the trace of P. */
    private record Evaluation(DMatrixRMaj p, DMatrixRMaj q, double traceP) {

        static Evaluation at(ShiftedGramians gramians, double s) {
            DMatrixRMaj p = gramians.controllability(s);
            DMatrixRMaj q = gramians.observability(s);
            return new Evaluation(p, q, CommonOps_DDRM.trace(p));
        }

        /** Returns the columns {@code j >= firstColumn} of the gradient; all of it for 0. */
        DMatrixRMaj gradient(ShiftedGramians gramians, int firstColumn) {
            // P and Q shrink like 1 / (2 s) for large shifts, so their product underflows to 0
            // and Q P / trace(Q P) becomes 0 / 0 beyond s of about 1e154. Dividing each factor
            // by its trace first keeps the product near 1 and leaves the quotient unchanged.
            double traceQ = CommonOps_DDRM.trace(q);
            DMatrixRMaj unitP = p.copy();
            DMatrixRMaj unitQ = q.copy();
            CommonOps_DDRM.scale(1.0 / traceP, unitP);
            CommonOps_DDRM.scale(1.0 / traceQ, unitQ);
            DMatrixRMaj qp = new DMatrixRMaj(p.numRows, p.numCols);
            CommonOps_DDRM.mult(unitQ, unitP, qp);
            CommonOps_DDRM.scale(1.0 / traceOfProduct(unitP, unitQ), qp);
            return firstColumn == 0 ? gramians.toOriginalBasis(qp) : gramians.toOriginalBasisColumns(qp, firstColumn);
        }
    }

    /**
     * Returns a Gershgorin upper bound of the numerical abscissa:
     * {@code max_i (a_ii + sum_{j != i} |a_ij + a_ji| / 2)}.
     */
    static double numericalAbscissaBound(DMatrixRMaj a) {
        int n = a.numRows;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double radius = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    radius += Math.abs(a.data[i * n + j] + a.data[j * n + i]);
                }
            }
            max = Math.max(max, a.data[i * n + i] + 0.5 * radius);
        }
        return max;
    }

    /** Returns {@code trace(P Q)} without forming the product. */
    static double traceOfProduct(DMatrixRMaj p, DMatrixRMaj q) {
        int n = p.numRows;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum += p.data[i * n + j] * q.data[j * n + i];
            }
        }
        return sum;
    }
}
