package io.github.neurodyn.preparation;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Feedback gains K as a function of the time left before the go cue (time-to-go s). A
 * constant gain has one grid point. Time-varying gains come from a finite-horizon solution
 * over [0, H], linearly interpolated in s. The Riccati equation is autonomous, so one
 * solution for the longest window serves every shorter window. Each grid point also carries
 * an upper bound on the closed-loop rate in 1/s, which sets the integration substeps.
 */
final class GainSchedule {

    private final double[][] gains;
    private final double[] timeToGo;
    private final double[] rates;
    private final double horizonSeconds;
    private final int inputs;
    private final int n;

    private GainSchedule(double[][] gains, double[] timeToGo, double[] rates, double horizonSeconds,
            int inputs, int n) {
        this.gains = gains;
        this.timeToGo = timeToGo;
        this.rates = rates;
        this.horizonSeconds = horizonSeconds;
        this.inputs = inputs;
        this.n = n;
    }

    static GainSchedule none(int n) {
        return new GainSchedule(new double[0][], new double[0], new double[] {0}, 0, 0, n);
    }

    /** Wraps a constant gain K with its rate bound, the infinity norm of {@code B~ K}. */
    static GainSchedule constant(DMatrixRMaj gain, DMatrixRMaj scaledInput) {
        DMatrixRMaj loop = new DMatrixRMaj(scaledInput.numRows, gain.numCols);
        CommonOps_DDRM.mult(scaledInput, gain, loop);
        double rate = RiccatiFlow.symmetricNorm(loop);
        return new GainSchedule(new double[][] {gain.data.clone()}, new double[] {0}, new double[] {rate},
                Double.POSITIVE_INFINITY, gain.numRows, gain.numCols);
    }

    static GainSchedule timeVarying(FiniteHorizonGains solution) {
        int points = solution.gains().size();
        double[][] gains = new double[points][];
        for (int k = 0; k < points; k++) {
            gains[k] = solution.gains().get(k).data;
        }
        DMatrixRMaj first = solution.gains().get(0);
        return new GainSchedule(gains, solution.timeToGoSeconds(), solution.closedLoopRates(),
                solution.horizonSeconds(), first.numRows, first.numCols);
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
        if (gains.length == 1) {
            multiply(gains[0], e, v, 1.0, true);
            return;
        }

        // Locate the grid interval of s and blend its two end gains
        double s = Math.max(0, Math.min(horizonSeconds, timeToGoSeconds));
        int k = Math.min(locate(s), gains.length - 2);
        double weight = (s - timeToGo[k]) / (timeToGo[k + 1] - timeToGo[k]);
        weight = Math.min(1, Math.max(0, weight));
        multiply(gains[k], e, v, 1 - weight, true);
        multiply(gains[k + 1], e, v, weight, false);
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
