package io.github.neurodyn.lqr;

import io.github.neurodyn.api.CancelledException;
import io.github.neurodyn.api.NotConvergedException;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Adaptive classical fourth-order Runge-Kutta integration of the Riccati differential
 * equation {@code -dX/dt = A^T X + X A - X G X + Q}, {@code G = B R^-1 B^T}, backward from X(T).
 *
 * <p>In reversed time {@code s = T - t} the equation reads {@code dX/ds = f(X)} with
 * {@code f(X) = A^T X + X A - X G X + Q}. Each output interval is crossed in substeps whose
 * length follows the change of X: a substep of length h is taken once as one RK4 step and
 * once as two of length h/2, the difference over 15 estimates the local error of the pair
 * (step doubling, Hairer, Norsett and Wanner, Solving Ordinary Differential Equations I,
 * 2nd ed., section II.4), and the step is accepted when the weighted RMS of that estimate is
 * at most {@link #TOLERANCE}, with the extrapolated value
 * {@code X2 + (X2 - X1) / 15}. The next length is {@code h min(4, max(0.2, 0.9 (tol / err)^(1/5)))}.
 * A stiff terminal cost or a fast A thus gets short substeps where X changes fast, and RK4
 * never runs outside its stability interval, because an unstable step fails the error test.
 * The first substep starts from {@code h rho <= 0.0125}, with the rate bound
 * {@code rho = ||A||_2 + ||G X||_2} (each 2-norm bounded by {@code sqrt(||.||_1 ||.||_inf)}).
 *
 * <p>Cost: 11 evaluations of f per accepted substep, each about 4 n^3 flops, into buffers
 * allocated once per solve.
 */
final class RiccatiOde {

    /**
     * Bound on the weighted RMS local error of an accepted substep. The weight of entry
     * (i, j) is {@code max(|X_ij|, |X'_ij|) + FLOOR max |X'|}, so entries are controlled
     * relative to themselves down to {@code FLOOR} times the largest entry.
     */
    static final double TOLERANCE = 1e-11;

    /** Fraction of the largest entry of X below which entries are controlled absolutely. */
    private static final double FLOOR = 1e-8;

    /** Product of the first substep length and the rate bound. */
    private static final double FIRST_STEP_RESOLUTION = 0.0125;

    /** Largest number of substep attempts in one solve, reached only near a finite escape time. */
    static final long MAX_SUBSTEPS = 1_000_000L;

    /** Substep attempts between two reads of the thread's interrupt flag inside one output interval. */
    private static final int INTERRUPT_CHECK_SUBSTEPS = 1024;

    private final DMatrixRMaj a;
    private final DMatrixRMaj g;
    private final DMatrixRMaj q;
    private final DMatrixRMaj product;
    private final DMatrixRMaj gx;
    private final double aNorm;
    private long substeps;
    private long rejected;

    RiccatiOde(DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj q) {
        this.a = a;
        this.g = g;
        this.q = q;
        int n = a.numRows;
        this.product = new DMatrixRMaj(n, n);
        this.gx = new DMatrixRMaj(n, n);
        this.aNorm = normBound(a);
    }

    /** Returns the number of accepted substeps of the last {@link #integrate} call. */
    long substeps() {
        return substeps;
    }

    /** Returns the number of rejected substeps of the last {@link #integrate} call. */
    long rejected() {
        return rejected;
    }

    /**
     * Integrates from X(T) = terminal back to t = 0 and returns X at every grid point, index k
     * for {@code t_k = k T / steps}.
     *
     * @throws NotConvergedException if the substep length underflows or the substeps exceed
     *     {@link #MAX_SUBSTEPS}, as near a finite escape time
     */
    List<DMatrixRMaj> integrate(DMatrixRMaj terminal, double horizonSeconds, int steps) {
        int n = a.numRows;
        double interval = horizonSeconds / steps;
        DMatrixRMaj[] grid = new DMatrixRMaj[steps + 1];
        DMatrixRMaj x = terminal.copy();
        Buffers buffers = new Buffers(n);
        grid[steps] = x.copy();
        substeps = 0;
        rejected = 0;

        rate(x, buffers.k1);
        double h = FIRST_STEP_RESOLUTION / (aNorm + normBound(gx));
        for (int step = steps - 1; step >= 0; step--) {
            CancelledException.checkInterrupted("Lqr.finiteHorizon", steps - 1 - step);
            double remaining = interval;
            int attempts = 0;
            while (remaining > 0) {
                // One step of length h against two of h/2, both from X with f(X) in k1. A
                // leftover below 1% of h joins this substep instead of becoming a tiny last one.
                boolean last = h >= 0.99 * remaining;
                double length = last ? remaining : h;
                rungeKuttaStep(x, buffers.k1, length, buffers.full, buffers);
                rungeKuttaStep(x, buffers.k1, length / 2, buffers.half, buffers);
                rate(buffers.half, buffers.halfRate);
                rungeKuttaStep(buffers.half, buffers.halfRate, length / 2, buffers.two, buffers);
                double error = weightedError(x, buffers.full, buffers.two);
                double factor = error == 0 ? 4.0 : Math.min(4.0, Math.max(0.2, 0.9 * Math.pow(error, -0.2)));

                attempts++;
                boolean underflow = !(error <= 1.0) && !(length * factor > 16 * Math.ulp(horizonSeconds));
                if (substeps + rejected >= MAX_SUBSTEPS || underflow) {
                    throw new NotConvergedException(String.format("the Riccati differential equation could not be "
                            + "integrated past t = %.6g s: substep %.3e s after %d substeps, ||X||_inf = %.3e. Near a "
                            + "finite escape time of X, which needs an indefinite Q or terminal cost, the substeps "
                            + "shrink without end; a long horizon on a fast system can also need more than %d "
                            + "substeps", step * interval + remaining, length, substeps + rejected,
                            NormOps_DDRM.normPInf(x), MAX_SUBSTEPS),
                            (int) Math.min(Integer.MAX_VALUE, substeps + rejected), error);
                }
                if (!(error <= 1.0)) {
                    // Reject: retry from the same X with a shorter step
                    rejected++;
                    h = length * factor;
                    if (attempts % INTERRUPT_CHECK_SUBSTEPS == 0) {
                        CancelledException.checkInterrupted("Lqr.finiteHorizon", steps - 1 - step);
                    }
                    continue;
                }

                // Accept the extrapolated value and move on
                for (int i = 0; i < n * n; i++) {
                    x.data[i] = buffers.two.data[i] + (buffers.two.data[i] - buffers.full.data[i]) / 15;
                }
                symmetrizeInPlace(x);
                substeps++;
                remaining = last ? 0.0 : remaining - length;
                if (!last || factor < 1) {
                    h = length * factor;
                }
                rate(x, buffers.k1);
                if (attempts % INTERRUPT_CHECK_SUBSTEPS == 0) {
                    CancelledException.checkInterrupted("Lqr.finiteHorizon", steps - 1 - step);
                }
            }
            grid[step] = x.copy();
        }
        List<DMatrixRMaj> result = new ArrayList<>(steps + 1);
        for (DMatrixRMaj m : grid) {
            result.add(m);
        }
        return result;
    }

    /**
     * Writes one RK4 step of length h in reversed time from X into {@code out}, given
     * {@code rateOfX = f(X)}.
     */
    private void rungeKuttaStep(DMatrixRMaj x, DMatrixRMaj rateOfX, double h, DMatrixRMaj out, Buffers buffers) {
        int n = x.numRows;
        CommonOps_DDRM.add(x, h / 2, rateOfX, buffers.stage);
        rate(buffers.stage, buffers.k2);
        CommonOps_DDRM.add(x, h / 2, buffers.k2, buffers.stage);
        rate(buffers.stage, buffers.k3);
        CommonOps_DDRM.add(x, h, buffers.k3, buffers.stage);
        rate(buffers.stage, buffers.k4);
        for (int i = 0; i < n * n; i++) {
            out.data[i] = x.data[i] + h / 6 * (rateOfX.data[i] + 2 * buffers.k2.data[i] + 2 * buffers.k3.data[i]
                    + buffers.k4.data[i]);
        }
    }

    /**
     * Returns the weighted RMS of the local error estimate {@code (two - full) / 15}, in
     * units of {@link #TOLERANCE}; infinite when a value is not finite.
     */
    private static double weightedError(DMatrixRMaj x, DMatrixRMaj full, DMatrixRMaj two) {
        int size = x.getNumElements();
        double largest = 0;
        for (int i = 0; i < size; i++) {
            largest = Math.max(largest, Math.abs(two.data[i]));
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double weight = Math.max(Math.abs(x.data[i]), Math.abs(two.data[i])) + FLOOR * largest;
            double error = (two.data[i] - full.data[i]) / 15;
            sum += weight > 0 ? (error / weight) * (error / weight) : (error == 0 ? 0 : Double.POSITIVE_INFINITY);
        }
        double rms = Math.sqrt(sum / size) / TOLERANCE;
        return Double.isNaN(rms) ? Double.POSITIVE_INFINITY : rms;
    }

    /** Work matrices of one substep. */
    private static final class Buffers {
        private final DMatrixRMaj k1;
        private final DMatrixRMaj k2;
        private final DMatrixRMaj k3;
        private final DMatrixRMaj k4;
        private final DMatrixRMaj stage;
        private final DMatrixRMaj full;
        private final DMatrixRMaj half;
        private final DMatrixRMaj halfRate;
        private final DMatrixRMaj two;

        Buffers(int n) {
            k1 = new DMatrixRMaj(n, n);
            k2 = new DMatrixRMaj(n, n);
            k3 = new DMatrixRMaj(n, n);
            k4 = new DMatrixRMaj(n, n);
            stage = new DMatrixRMaj(n, n);
            full = new DMatrixRMaj(n, n);
            half = new DMatrixRMaj(n, n);
            halfRate = new DMatrixRMaj(n, n);
            two = new DMatrixRMaj(n, n);
        }
    }

    /** Writes f(X) = A^T X + X A - X G X + Q into out. */
    private void rate(DMatrixRMaj x, DMatrixRMaj out) {
        CommonOps_DDRM.multTransA(a, x, out);
        CommonOps_DDRM.multAdd(x, a, out);
        CommonOps_DDRM.mult(g, x, gx);
        CommonOps_DDRM.mult(x, gx, product);
        CommonOps_DDRM.subtractEquals(out, product);
        CommonOps_DDRM.addEquals(out, q);
    }

    private static void symmetrizeInPlace(DMatrixRMaj x) {
        int n = x.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (x.unsafe_get(i, j) + x.unsafe_get(j, i));
                x.unsafe_set(i, j, mean);
                x.unsafe_set(j, i, mean);
            }
        }
    }

    /** Returns {@code sqrt(||M||_1 ||M||_inf)}, an upper bound on {@code ||M||_2}. */
    private static double normBound(DMatrixRMaj m) {
        return Math.sqrt(NormOps_DDRM.normP1(m) * NormOps_DDRM.normPInf(m));
    }
}
