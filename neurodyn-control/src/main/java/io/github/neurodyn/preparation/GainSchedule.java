package io.github.neurodyn.preparation;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Feedback gains K as a function of the time left before the go cue (time-to-go s). A
 * constant gain has one grid point. Time-varying gains come from a finite-horizon solution
 * over [0, H]. Between grid points the gain is the cubic Lagrange interpolant through the
 * interval's ends and the two grid points before it, which errs by O(delta^4) where a linear
 * blend errs by O(delta^2). At a grid point (up to rounding) it is the stored gain. The Riccati equation is autonomous, so one
 * solution for the longest window serves every shorter window. Each grid point also carries
 * an upper bound on the closed-loop rate in 1/s, which sets the integration substeps.
 *
 * <p>Each gain is stored as K^T (N x m, row-major), so that {@code v = -K e} runs as axpy
 * updates {@code v -= K(:, j) e_j} over contiguous rows, a loop that HotSpot C2 vectorises.
 */
final class GainSchedule {

    /**
     * Interpolation weight below which s is taken as the grid point itself. Window lengths
     * and grid points that agree up to rounding then cost one product instead of four. The
     * gain changes by at most this fraction of its change between two grid points.
     */
    private static final double GRID_POINT_WEIGHT = 1e-9;
    /**
     * Largest ratio of the longest to the shortest of three grid intervals for the cubic
     * interpolant. The Riccati grid halves or doubles its step, so a ratio of 4 is common.
     */
    private static final double MAX_SPACING_RATIO = 8;

    private final double[][] gainColumns;
    private final double[] timeToGo;
    private final double[] rates;
    private final double horizonSeconds;
    private final int inputs;
    private final int n;
    private final boolean cubic;

    private GainSchedule(double[][] gainColumns, double[] timeToGo, double[] rates, double horizonSeconds,
            int inputs, int n, boolean cubic) {
        this.cubic = cubic;
        this.gainColumns = gainColumns;
        this.timeToGo = timeToGo;
        this.rates = rates;
        this.horizonSeconds = horizonSeconds;
        this.inputs = inputs;
        this.n = n;
    }

    static GainSchedule none(int n) {
        return new GainSchedule(new double[0][], new double[0], new double[] {0}, 0, 0, n, false);
    }

    /** Wraps a constant gain K (m x N) with its rate bound, the infinity norm of {@code B~ K}. */
    static GainSchedule constant(DMatrixRMaj gain, DMatrixRMaj scaledInput) {
        DMatrixRMaj loop = new DMatrixRMaj(scaledInput.numRows, gain.numCols);
        CommonOps_DDRM.mult(scaledInput, gain, loop);
        double rate = RiccatiFlow.symmetricNorm(loop);
        double[] columns = CommonOps_DDRM.transpose(gain, null).data;
        return new GainSchedule(new double[][] {columns}, new double[] {0}, new double[] {rate},
                Double.POSITIVE_INFINITY, gain.numRows, gain.numCols, false);
    }

    /**
     * Wraps a grid of gains without copying them.
     *
     * @param timeToGo grid in seconds, increasing from 0 to the horizon
     * @param gainColumns K^T at each grid point (N x m, row-major)
     * @param rates closed-loop rate bounds at each grid point, in 1/s
     * @param horizonSeconds the last grid point in seconds
     * @param inputs m
     * @param n N
     */
    static GainSchedule timeVarying(double[] timeToGo, double[][] gainColumns, double[] rates,
            double horizonSeconds, int inputs, int n) {
        return new GainSchedule(gainColumns, timeToGo, rates, horizonSeconds, inputs, n, true);
    }

    /** Returns the same grid with linear interpolation between grid points, the earlier scheme. */
    GainSchedule linear() {
        return new GainSchedule(gainColumns, timeToGo, rates, horizonSeconds, inputs, n, false);
    }

    double horizonSeconds() {
        return horizonSeconds;
    }

    /** Returns the law {@code v(t) = -K(H - t) e} for a window of length H, with no internal state. */
    FeedbackLaw forWindow(double windowSeconds) {
        return new FeedbackLaw() {
            @Override
            public int inputs() {
                return inputs;
            }

            @Override
            public int internalStates() {
                return 0;
            }

            @Override
            public void evaluate(double timeSeconds, double[] error, double[] rates, double[] internal,
                    double[] input, double[] internalRate) {
                feedback(windowSeconds - timeSeconds, error, input);
            }

            @Override
            public double maxRate(double fromSeconds, double toSeconds) {
                return GainSchedule.this.maxRate(windowSeconds - toSeconds, windowSeconds - fromSeconds);
            }
        };
    }

    /** Returns the largest rate bound over time-to-go in [low, high], in 1/s. */
    double maxRate(double low, double high) {
        if (rates.length == 1) {
            return rates[0];
        }
        int first = Math.max(0, locate(low));
        double max = 0;
        for (int k = first; k < timeToGo.length && timeToGo[k] <= high; k++) {
            max = Math.max(max, rates[k]);
        }
        return Math.max(max, rates[Math.min(locate(high) + 1, rates.length - 1)]);
    }

    /**
     * Writes {@code v = -K(s) e} for time-to-go s into {@code v}; allocates nothing.
     * A time-to-go beyond the horizon uses the gain at the horizon.
     */
    void feedback(double timeToGoSeconds, double[] e, double[] v) {
        if (inputs == 0) {
            return;
        }
        if (gainColumns.length == 1) {
            multiply(gainColumns[0], e, v);
            return;
        }

        // Locate the grid interval of s; at a grid point use its gain alone
        double s = Math.max(0, Math.min(horizonSeconds, timeToGoSeconds));
        int k = Math.min(locate(s), gainColumns.length - 2);
        double weight = (s - timeToGo[k]) / (timeToGo[k + 1] - timeToGo[k]);
        weight = Math.min(1, Math.max(0, weight));
        if (weight <= GRID_POINT_WEIGHT) {
            multiply(gainColumns[k], e, v);
            return;
        }
        if (weight >= 1 - GRID_POINT_WEIGHT) {
            multiply(gainColumns[k + 1], e, v);
            return;
        }

        // Between grid points: cubic through the interval's ends and the two points before
        // it, linear where they are too unevenly spaced for a well-conditioned cubic or too
        // few. The points all lie at or below the interval's end, so extending the schedule
        // to a longer horizon leaves the gains of a shorter window unchanged.
        int first = Math.max(0, k - 2);
        if (cubic && first + 3 < gainColumns.length && evenEnough(first)) {
            interpolateCubic(first, s, e, v);
        } else {
            blend(gainColumns[k], gainColumns[k + 1], 1 - weight, weight, e, v);
        }
    }

    /** Returns whether the three intervals from grid point {@code first} differ by at most the allowed ratio. */
    private boolean evenEnough(int first) {
        double h1 = timeToGo[first + 1] - timeToGo[first];
        double h2 = timeToGo[first + 2] - timeToGo[first + 1];
        double h3 = timeToGo[first + 3] - timeToGo[first + 2];
        return Math.min(h1, Math.min(h2, h3)) * MAX_SPACING_RATIO >= Math.max(h1, Math.max(h2, h3));
    }

    /**
     * Writes {@code v = -K(s) e} with K(s) the cubic Lagrange interpolant through grid points
     * {@code first .. first + 3}, whose span contains s.
     */
    private void interpolateCubic(int first, double s, double[] e, double[] v) {
        double t0 = timeToGo[first];
        double t1 = timeToGo[first + 1];
        double t2 = timeToGo[first + 2];
        double t3 = timeToGo[first + 3];
        double w0 = (s - t1) * (s - t2) * (s - t3) / ((t0 - t1) * (t0 - t2) * (t0 - t3));
        double w1 = (s - t0) * (s - t2) * (s - t3) / ((t1 - t0) * (t1 - t2) * (t1 - t3));
        double w2 = (s - t0) * (s - t1) * (s - t3) / ((t2 - t0) * (t2 - t1) * (t2 - t3));
        double w3 = (s - t0) * (s - t1) * (s - t2) / ((t3 - t0) * (t3 - t1) * (t3 - t2));
        double[] c0 = gainColumns[first];
        double[] c1 = gainColumns[first + 1];
        double[] c2 = gainColumns[first + 2];
        double[] c3 = gainColumns[first + 3];
        Arrays.fill(v, 0, inputs, 0.0);
        for (int j = 0; j < n; j++) {
            double e0 = w0 * e[j];
            double e1 = w1 * e[j];
            double e2 = w2 * e[j];
            double e3 = w3 * e[j];
            int offset = j * inputs;
            for (int i = 0; i < inputs; i++) {
                v[i] -= c0[offset + i] * e0 + c1[offset + i] * e1 + c2[offset + i] * e2 + c3[offset + i] * e3;
            }
        }
    }

    /** Returns the last grid index whose time-to-go is at or below s (0 when s is below the grid). */
    private int locate(double s) {
        int low = 0;
        int high = timeToGo.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (timeToGo[middle] <= s) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /** Writes {@code v = -K e} from K^T, as axpy updates over its rows. */
    private void multiply(double[] columns, double[] e, double[] v) {
        Arrays.fill(v, 0, inputs, 0.0);
        for (int j = 0; j < n; j++) {
            double ej = e[j];
            int offset = j * inputs;
            for (int k = 0; k < inputs; k++) {
                v[k] -= columns[offset + k] * ej;
            }
        }
    }

    /** Writes {@code v = -(w0 K0 + w1 K1) e} from K0^T and K1^T in one sweep. */
    private void blend(double[] first, double[] second, double w0, double w1, double[] e, double[] v) {
        Arrays.fill(v, 0, inputs, 0.0);
        for (int j = 0; j < n; j++) {
            double e0 = w0 * e[j];
            double e1 = w1 * e[j];
            int offset = j * inputs;
            for (int k = 0; k < inputs; k++) {
                v[k] -= first[offset + k] * e0 + second[offset + k] * e1;
            }
        }
    }
}
