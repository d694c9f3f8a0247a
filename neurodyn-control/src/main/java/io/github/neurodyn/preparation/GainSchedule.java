package io.github.neurodyn.preparation;

import io.github.neurodyn.lqr.FiniteHorizonSolution;
import org.ejml.data.DMatrixRMaj;

/**
 * Feedback gains K as a function of the time left before the go cue. A constant gain has one
 * grid point. A finite-horizon solution over [0, H] gives K at time-to-go s as its grid value
 * at t = H - s, linearly interpolated: the Riccati equation is autonomous, so one solution for
 * the longest window serves every shorter window.
 */
final class GainSchedule {

    private final double[][] gains;
    private final double horizonSeconds;
    private final double gridStepSeconds;
    private final int inputs;
    private final int n;

    private GainSchedule(double[][] gains, double horizonSeconds, int inputs, int n) {
        this.gains = gains;
        this.horizonSeconds = horizonSeconds;
        this.gridStepSeconds = gains.length > 1 ? horizonSeconds / (gains.length - 1) : 0;
        this.inputs = inputs;
        this.n = n;
    }

    static GainSchedule none(int n) {
        return new GainSchedule(new double[0][], 0, 0, n);
    }

    static GainSchedule constant(DMatrixRMaj gain) {
        return new GainSchedule(new double[][] {gain.data.clone()}, 0, gain.numRows, gain.numCols);
    }

    static GainSchedule timeVarying(FiniteHorizonSolution solution) {
        int points = solution.size();
        double[][] gains = new double[points][];
        DMatrixRMaj first = solution.gain(0);
        for (int k = 0; k < points; k++) {
            gains[k] = solution.gain(k).data;
        }
        double[] times = solution.timesSeconds();
        return new GainSchedule(gains, times[points - 1], first.numRows, first.numCols);
    }

    int inputs() {
        return inputs;
    }

    double horizonSeconds() {
        return horizonSeconds;
    }

    /**
     * Writes {@code v = -K(s) e} for time-to-go s into {@code v}; allocates nothing.
     * A time-to-go beyond the horizon uses the gain at the start of the horizon.
     */
    void feedback(double timeToGoSeconds, double[] e, double[] v) {
        if (inputs == 0) {
            return;
        }
        if (gains.length == 1) {
            multiply(gains[0], e, v, 1.0, true);
            return;
        }

        // Locate the grid interval of t = H - s and blend its two end gains
        double t = Math.max(0, Math.min(horizonSeconds, horizonSeconds - timeToGoSeconds));
        int k = Math.min((int) (t / gridStepSeconds), gains.length - 2);
        double weight = Math.min(1, Math.max(0, t / gridStepSeconds - k));
        multiply(gains[k], e, v, 1 - weight, true);
        multiply(gains[k + 1], e, v, weight, false);
    }

    private void multiply(double[] gain, double[] e, double[] v, double scale, boolean overwrite) {
        for (int i = 0; i < inputs; i++) {
            double sum = 0;
            int offset = i * n;
            for (int j = 0; j < n; j++) {
                sum += gain[offset + j] * e[j];
            }
            v[i] = overwrite ? -scale * sum : v[i] - scale * sum;
        }
    }
}
