package io.github.neurodyn.analysis.gpfa;

import org.ejml.data.DMatrixRMaj;

/**
 * Squared exponential covariance of one latent dimension on a time grid,
 * {@code K[t][s] = sigma^2 [(1 - eps) exp(-(t - s)^2 / (2 l^2)) + eps delta_ts]}, with times
 * and length scale in seconds.
 *
 * <p>The small white-noise share {@code eps} = {@value #WHITE_NOISE_SHARE} keeps K well
 * conditioned on fine grids. GPFA implementations derived from Yu et al. (J. Neurophysiol.
 * 102, 2009), such as A. Ecker's MATLAB GPFA, use the same 1e-3. The marginal variance stays
 * exactly {@code sigma^2}.
 */
public final class SquaredExponentialKernel {

    /** Share eps of the prior variance given to independent noise per bin. */
    public static final double WHITE_NOISE_SHARE = 1e-3;

    private SquaredExponentialKernel() {
    }

    /**
     * Fills the covariance matrix of a grid. Cost: T^2 exponentials.
     *
     * @param timesSeconds the grid, length T, in seconds
     * @param lengthScaleSeconds l, in seconds, positive
     * @param variance sigma^2, positive
     * @param out T x T output, overwritten
     */
    public static void covariance(double[] timesSeconds, double lengthScaleSeconds, double variance,
            DMatrixRMaj out) {
        int t = timesSeconds.length;
        out.reshape(t, t);
        double smooth = variance * (1 - WHITE_NOISE_SHARE);
        double scale = -0.5 / (lengthScaleSeconds * lengthScaleSeconds);
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                double lag = timesSeconds[i] - timesSeconds[j];
                out.data[i * t + j] = smooth * Math.exp(scale * lag * lag);
            }
            out.data[i * t + i] += variance * WHITE_NOISE_SHARE;
        }
    }

    /**
     * Fills the cross-covariance between two grids,
     * {@code K[t][s] = sigma^2 [(1 - eps) exp(-(t - s)^2 / (2 l^2)) + eps [t == s]]}, so that a
     * grid crossed with itself gives {@link #covariance}. Cost: T S exponentials.
     *
     * @param rowTimesSeconds the first grid, length T, in seconds
     * @param columnTimesSeconds the second grid, length S, in seconds
     * @param lengthScaleSeconds l, in seconds, positive
     * @param variance sigma^2, positive
     * @param out T x S output, overwritten
     */
    public static void crossCovariance(double[] rowTimesSeconds, double[] columnTimesSeconds,
            double lengthScaleSeconds, double variance, DMatrixRMaj out) {
        int rows = rowTimesSeconds.length;
        int cols = columnTimesSeconds.length;
        out.reshape(rows, cols);
        double smooth = variance * (1 - WHITE_NOISE_SHARE);
        double scale = -0.5 / (lengthScaleSeconds * lengthScaleSeconds);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double lag = rowTimesSeconds[i] - columnTimesSeconds[j];
                double value = smooth * Math.exp(scale * lag * lag);
                if (lag == 0) {
                    value += variance * WHITE_NOISE_SHARE;
                }
                out.data[i * cols + j] = value;
            }
        }
    }

    /**
     * Fills the derivative of {@link #crossCovariance} with respect to {@code log l}:
     * {@code sigma^2 (1 - eps) exp(-(t - s)^2 / (2 l^2)) (t - s)^2 / l^2}. Pass the same grid
     * twice for the derivative of {@link #covariance}.
     *
     * @param rowTimesSeconds the first grid, length T, in seconds
     * @param columnTimesSeconds the second grid, length S, in seconds
     * @param lengthScaleSeconds l, in seconds, positive
     * @param variance sigma^2, positive
     * @param out T x S output, overwritten
     */
    public static void logLengthScaleDerivative(double[] rowTimesSeconds, double[] columnTimesSeconds,
            double lengthScaleSeconds, double variance, DMatrixRMaj out) {
        int rows = rowTimesSeconds.length;
        int cols = columnTimesSeconds.length;
        out.reshape(rows, cols);
        double smooth = variance * (1 - WHITE_NOISE_SHARE);
        double inverseSquare = 1 / (lengthScaleSeconds * lengthScaleSeconds);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double lag = rowTimesSeconds[i] - columnTimesSeconds[j];
                double scaled = lag * lag * inverseSquare;
                out.data[i * cols + j] = smooth * Math.exp(-0.5 * scaled) * scaled;
            }
        }
    }
}
