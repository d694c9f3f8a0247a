package io.github.neurodyn.analysis;

import io.github.neurodyn.api.Arguments;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jPCA: finds the planes in which population activity rotates, following the method and
 * reference MATLAB code of Churchland, Cunningham, Kaufman, Foster, Nuyujukian, Ryu and
 * Shenoy, "Neural population dynamics during reaching", Nature 487, 51-56 (2012).
 *
 * <p>Steps, with X the condition x time x neuron table of a {@link Recording}:
 * <ol>
 * <li>Optional soft normalisation {@code x_n / (range_n + c)}, with {@code range_n} the
 *     maximum minus the minimum of neuron n over all conditions and time bins.</li>
 * <li>At every time bin, the mean over conditions is subtracted from each condition
 *     (skipped when there is one condition, as in the reference code).</li>
 * <li>The analysis window is cut; its pooled condition-time samples are centred and
 *     projected onto their first k principal components, giving states x(t) in R^k.</li>
 * <li>Within each condition, {@code dx(t) = x(t + 1) - x(t)} is regressed on {@code x(t)}:
 *     M_best by unconstrained least squares and M_skew by least squares over skew-symmetric
 *     matrices ({@link DynamicsRegression}), so {@code dx ~ M x} per bin.</li>
 * <li>The eigenvalues {@code +-i omega_j} of M_skew, by decreasing omega, define the jPC
 *     planes. In each plane the first axis is the first principal direction of the states
 *     at the first analysed time. The second axis is 90 degrees counter-clockwise from it,
 *     so M_skew rotates states counter-clockwise. Both axes are negated when the most
 *     extreme projection on the second axis is negative. These are the conventions of the
 *     function {@code getRealVs} of the jPCA MATLAB code.</li>
 * <li>{@code R^2 = 1 - ||dX - X M^T||^2 / ||dX||^2} (dX not centred) for both fits, in k
 *     dimensions and with changes and errors projected onto plane 1; variance captured per
 *     PC and per jPC relative to the total variance of the centred analysed data.</li>
 * </ol>
 *
 * <p>The skew-symmetric fit is solved exactly, where the MATLAB code runs an iterative
 * minimiser, so the two agree to that minimiser's tolerance. Cost: one SVD of the
 * {@code (C T_a) x N} analysed samples plus {@code O(C T_a k^2)}.
 *
 * <p>Limitations: the analysed bins must be evenly spaced, because the change per bin is
 * treated as a derivative times the bin width.
 */
public final class Jpca {

    private static final Logger LOG = LoggerFactory.getLogger(Jpca.class);

    /** Relative tolerance on equal spacing of the analysed time bins. */
    private static final double SPACING_TOLERANCE = 1e-6;

    /** Smallest accepted ratio of the k-th to the first PC variance. */
    private static final double RANK_TOLERANCE = 1e-12;

    private Jpca() {
    }

    /**
     * Runs jPCA with {@link JpcaOptions#defaults()}: 6 PCs, no soft normalisation, all bins.
     *
     * @param recording the data
     * @return the result
     * @throws IllegalArgumentException see {@link #of(Recording, JpcaOptions)}
     */
    public static JpcaResult of(Recording recording) {
        return of(recording, JpcaOptions.defaults());
    }

    /**
     * Runs jPCA.
     *
     * @param recording the data, with at least two analysed time bins
     * @param options number of PCs, soft normalisation and window
     * @return the result
     * @throws IllegalArgumentException when an argument is null, the window contains fewer than
     *     two bins or unevenly spaced bins, there are fewer neurons or samples than PCs, the
     *     analysed data have zero variance or span fewer than k dimensions, or soft normalisation
     *     with c = 0 meets a constant neuron
     */
    public static JpcaResult of(Recording recording, JpcaOptions options) {
        Arguments.requireNonNull(recording, "recording");
        Arguments.requireNonNull(options, "options");
        int conditions = recording.conditionCount();
        int bins = recording.timeBinCount();
        int neurons = recording.neuronCount();
        int k = options.pcs();
        double[] times = recording.timesMs();
        int[] window = analysedBins(times, options);
        int analysed = window.length;
        double binWidthSeconds = (times[window[1]] - times[window[0]]) / 1000.0;
        requireSizes(conditions, analysed, neurons, k);

        // Soft normalisation over all conditions and bins, then cross-condition mean subtraction.
        DMatrixRMaj all = recording.stacked();
        double[] factors = softNormalise(all, options, recording);
        if (conditions > 1) {
            subtractConditionMean(all, conditions, bins);
        } else {
            LOG.debug("jPCA on a single condition: the cross-condition mean is not subtracted");
        }

        // Analysis window, pooled PCA, scores.
        DMatrixRMaj samples = new DMatrixRMaj(conditions * analysed, neurons);
        for (int c = 0; c < conditions; c++) {
            for (int t = 0; t < analysed; t++) {
                System.arraycopy(all.data, (c * bins + window[t]) * neurons,
                        samples.data, (c * analysed + t) * neurons, neurons);
            }
        }
        PcaResult pca = Pca.of(samples, k);
        double[] variances = pca.variances();
        if (!(variances[0] > 0)) {
            // With several conditions the mean over conditions is already removed at each bin.
            throw new IllegalArgumentException("the analysed data have zero variance; expected rates that differ "
                    + "between conditions (or over time, for one condition) and a soft normalisation constant "
                    + "small enough that the scaled rates do not underflow");
        }
        if (!(variances[k - 1] > RANK_TOLERANCE * variances[0])) {
            throw new IllegalArgumentException(String.format(
                    "the analysed data span fewer than %d dimensions (PC %d has variance %.3e, PC 1 %.3e); "
                    + "reduce pcs", k, k, variances[k - 1], variances[0]));
        }
        DMatrixRMaj scores = pca.project(samples);

        // Changes within each condition, regressed on the preceding states.
        DMatrixRMaj states = new DMatrixRMaj(conditions * (analysed - 1), k);
        DMatrixRMaj changes = new DMatrixRMaj(conditions * (analysed - 1), k);
        for (int c = 0; c < conditions; c++) {
            for (int t = 0; t + 1 < analysed; t++) {
                int row = c * (analysed - 1) + t;
                for (int j = 0; j < k; j++) {
                    double now = scores.get(c * analysed + t, j);
                    states.set(row, j, now);
                    changes.set(row, j, scores.get(c * analysed + t + 1, j) - now);
                }
            }
        }
        DMatrixRMaj mBest;
        DMatrixRMaj mSkew;
        try {
            mBest = DynamicsRegression.leastSquares(states, changes);
            mSkew = DynamicsRegression.skewSymmetric(states, changes);
        } catch (IllegalArgumentException ex) {
            throw rankDeficientStates(states, ex);
        }

        // jPC planes from M_skew, each aligned with the spread of the first analysed states.
        double[] speeds = new double[k / 2];
        DMatrixRMaj jpcs = SkewPlanes.of(mSkew, speeds);
        for (int plane = 0; plane < k / 2; plane++) {
            alignPlane(jpcs, plane, scores, conditions, analysed);
        }

        // Fit quality in k dimensions and in plane 1.
        double r2Best = DynamicsRegression.rSquared(states, changes, mBest);
        double r2Skew = DynamicsRegression.rSquared(states, changes, mSkew);
        DMatrixRMaj plane1 = CommonOps_DDRM.extract(jpcs, 0, k, 0, 2);
        double r2BestPlane1 = planeRSquared(states, changes, mBest, plane1);
        double r2SkewPlane1 = planeRSquared(states, changes, mSkew, plane1);

        // Variance captured and projections.
        DMatrixRMaj projected = new DMatrixRMaj(scores.numRows, k);
        CommonOps_DDRM.mult(scores, jpcs, projected);
        double totalSquares = pca.totalVariance() * (samples.numRows - 1);
        double[] perPc = columnSquares(scores, totalSquares);
        double[] perJpc = columnSquares(projected, totalSquares);
        double[][][] projections = new double[conditions][analysed][k];
        for (int c = 0; c < conditions; c++) {
            for (int t = 0; t < analysed; t++) {
                System.arraycopy(projected.data, (c * analysed + t) * k, projections[c][t], 0, k);
            }
        }
        double[][][] projectionsAllTimes = projectAllTimes(all, pca, jpcs, conditions, bins);
        double[] radPerSecond = new double[k / 2];
        for (int plane = 0; plane < radPerSecond.length; plane++) {
            radPerSecond[plane] = speeds[plane] / binWidthSeconds;
        }
        double[] analysedTimes = new double[analysed];
        for (int t = 0; t < analysed; t++) {
            analysedTimes[t] = times[window[t]];
        }
        LOG.debug("jPCA: {} conditions x {} bins x {} neurons, k = {}, R^2 best {} skew {}, plane-1 {} rad/s",
                conditions, analysed, neurons, k, r2Best, r2Skew, radPerSecond[0]);
        return new JpcaResult(recording.conditions(), analysedTimes, binWidthSeconds, factors, pca, mBest, mSkew,
                jpcs, radPerSecond, perPc, perJpc, r2Best, r2Skew, r2BestPlane1, r2SkewPlane1, projections, times,
                projectionsAllTimes);
    }

    private static int[] analysedBins(double[] times, JpcaOptions options) {
        int[] window = new int[times.length];
        int count = 0;
        for (int t = 0; t < times.length; t++) {
            if (times[t] >= options.windowStartMs() && times[t] <= options.windowEndMs()) {
                window[count++] = t;
            }
        }
        if (count < 2) {
            String span = String.format("(%s..%s ms); expected at least 2", times[0], times[times.length - 1]);
            boolean wholeRecording = Double.isInfinite(options.windowStartMs()) && Double.isInfinite(options.windowEndMs());
            throw new IllegalArgumentException(wholeRecording
                    ? String.format("the recording has %d time bins %s", count, span)
                    : String.format("the window [%s, %s] ms contains %d time bins of the recording %s",
                            options.windowStartMs(), options.windowEndMs(), count, span));
        }
        window = Arrays.copyOf(window, count);
        double step = times[window[1]] - times[window[0]];
        for (int t = 2; t < count; t++) {
            double gap = times[window[t]] - times[window[t - 1]];
            if (Math.abs(gap - step) > SPACING_TOLERANCE * step) {
                throw new IllegalArgumentException(String.format(
                        "analysed time bins must be evenly spaced, but the gap before %s ms is %s ms, not %s ms",
                        times[window[t]], gap, step));
            }
        }
        return window;
    }

    private static void requireSizes(int conditions, int analysed, int neurons, int k) {
        if (k > neurons) {
            throw new IllegalArgumentException(String.format(
                    "pcs is %d but the recording has %d neurons; expected pcs <= neurons", k, neurons));
        }
        int transitions = conditions * (analysed - 1);
        if (transitions < k) {
            throw new IllegalArgumentException(String.format(
                    "the window gives %d conditions x %d bin-to-bin changes = %d samples, fewer than pcs = %d; "
                    + "widen the window or reduce pcs", conditions, analysed - 1, transitions, k));
        }
    }

    private static double[] softNormalise(DMatrixRMaj all, JpcaOptions options, Recording recording) {
        int neurons = all.numCols;
        double[] factors = new double[neurons];
        Arrays.fill(factors, 1.0);
        if (options.softNormalisation().isEmpty()) {
            return factors;
        }
        double c = options.softNormalisation().getAsDouble();
        for (int n = 0; n < neurons; n++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < all.numRows; i++) {
                min = Math.min(min, all.get(i, n));
                max = Math.max(max, all.get(i, n));
            }
            factors[n] = (max - min) + c;
            if (!(factors[n] > 0)) {
                throw new IllegalArgumentException(String.format(
                        "neuron %s is constant and the soft normalisation constant is 0, so x / (range + c) "
                        + "divides by zero; use a positive constant", recording.neuronNames().get(n)));
            }
        }
        for (int i = 0; i < all.numRows; i++) {
            for (int n = 0; n < neurons; n++) {
                all.data[i * neurons + n] /= factors[n];
            }
        }
        return factors;
    }

    private static void subtractConditionMean(DMatrixRMaj all, int conditions, int bins) {
        int neurons = all.numCols;
        double[] mean = new double[neurons];
        for (int t = 0; t < bins; t++) {
            Arrays.fill(mean, 0);
            for (int c = 0; c < conditions; c++) {
                int offset = (c * bins + t) * neurons;
                for (int n = 0; n < neurons; n++) {
                    mean[n] += all.data[offset + n];
                }
            }
            for (int c = 0; c < conditions; c++) {
                int offset = (c * bins + t) * neurons;
                for (int n = 0; n < neurons; n++) {
                    all.data[offset + n] -= mean[n] / conditions;
                }
            }
        }
    }

    /**
     * Rotates plane {@code plane} of {@code jpcs} within itself so that its first axis is the
     * first principal direction of the first-bin states, keeps the orientation, and negates
     * both axes when the most extreme second-axis projection is negative.
     */
    private static void alignPlane(DMatrixRMaj jpcs, int plane, DMatrixRMaj scores, int conditions, int analysed) {
        int k = jpcs.numRows;
        DMatrixRMaj axes = CommonOps_DDRM.extract(jpcs, 0, k, 2 * plane, 2 * plane + 2);

        // Direction of largest spread of the first analysed states within the plane.
        double dx = 1;
        double dy = 0;
        if (conditions > 1) {
            DMatrixRMaj first = new DMatrixRMaj(conditions, k);
            for (int c = 0; c < conditions; c++) {
                System.arraycopy(scores.data, c * analysed * k, first.data, c * k, k);
            }
            DMatrixRMaj inPlane = new DMatrixRMaj(conditions, 2);
            CommonOps_DDRM.mult(first, axes, inPlane);
            PcaResult spread = Pca.of(inPlane, 1);
            if (spread.totalVariance() > 0) {
                DMatrixRMaj direction = spread.components();
                dx = direction.get(0, 0);
                dy = direction.get(1, 0);
            }
        }
        DMatrixRMaj rotation = new DMatrixRMaj(new double[][] {{dx, -dy}, {dy, dx}});
        DMatrixRMaj aligned = new DMatrixRMaj(k, 2);
        CommonOps_DDRM.mult(axes, rotation, aligned);

        // Negate both axes when the second-axis projection is most extreme on its negative side.
        DMatrixRMaj second = CommonOps_DDRM.extract(aligned, 0, k, 1, 2);
        DMatrixRMaj projection = new DMatrixRMaj(scores.numRows, 1);
        CommonOps_DDRM.mult(scores, second, projection);
        if (CommonOps_DDRM.elementMaxAbs(projection) > CommonOps_DDRM.elementMax(projection)) {
            CommonOps_DDRM.scale(-1, aligned);
        }
        CommonOps_DDRM.insert(aligned, jpcs, 0, 2 * plane);
    }

    /**
     * Projects every preprocessed bin onto the jPCs after subtracting the analysed window's
     * mean, {@code (x - mean) V_k J}, so the analysed bins reproduce the window projections.
     */
    private static double[][][] projectAllTimes(DMatrixRMaj all, PcaResult pca, DMatrixRMaj jpcs, int conditions,
            int bins) {
        int k = jpcs.numCols;
        DMatrixRMaj scores = pca.project(all);
        DMatrixRMaj projected = new DMatrixRMaj(scores.numRows, k);
        CommonOps_DDRM.mult(scores, jpcs, projected);
        double[][][] result = new double[conditions][bins][k];
        for (int c = 0; c < conditions; c++) {
            for (int t = 0; t < bins; t++) {
                System.arraycopy(projected.data, (c * bins + t) * k, result[c][t], 0, k);
            }
        }
        return result;
    }

    private static double planeRSquared(DMatrixRMaj states, DMatrixRMaj changes, DMatrixRMaj fit, DMatrixRMaj plane) {
        DMatrixRMaj residual = DynamicsRegression.residual(states, changes, fit);
        DMatrixRMaj residualInPlane = new DMatrixRMaj(residual.numRows, 2);
        DMatrixRMaj changesInPlane = new DMatrixRMaj(changes.numRows, 2);
        CommonOps_DDRM.mult(residual, plane, residualInPlane);
        CommonOps_DDRM.mult(changes, plane, changesInPlane);
        double total = SampleMatrices.sumOfSquares(changesInPlane);
        if (!(total > 0)) {
            throw new IllegalArgumentException("the bin-to-bin changes have no component in jPC plane 1, "
                    + "so its R^2 is undefined");
        }
        return 1 - SampleMatrices.sumOfSquares(residualInPlane) / total;
    }

    private static double[] columnSquares(DMatrixRMaj m, double total) {
        double[] fractions = new double[m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                double v = m.get(i, j);
                fractions[j] += v * v;
            }
        }
        for (int j = 0; j < fractions.length; j++) {
            fractions[j] /= total;
        }
        return fractions;
    }

    /**
     * Builds the rejection of states that the dynamics fit cannot use: it gives their numerical
     * rank r (singular values above {@code 1e-12} times the largest) and the largest even pcs
     * below it, because jPC planes come in pairs.
     */
    private static IllegalArgumentException rankDeficientStates(DMatrixRMaj states, IllegalArgumentException cause) {
        int k = states.numCols;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(states.numRows, k,
                false, false, true);
        if (!svd.decompose(states.copy())) {
            return cause;
        }
        double[] singularValues = svd.getSingularValues();
        double largest = 0;
        for (double value : singularValues) {
            largest = Math.max(largest, value);
        }
        int rank = 0;
        for (double value : singularValues) {
            if (value > RANK_TOLERANCE * largest) {
                rank++;
            }
        }
        int evenBelowRank = Math.min(rank, k - 1);
        evenBelowRank -= evenBelowRank % 2;
        String advice = evenBelowRank >= 2
                ? "use an even pcs of at most " + evenBelowRank
                : "use more conditions or a longer window";
        return new IllegalArgumentException(String.format(
                "the PC scores before each time step have rank %d, below pcs = %d, so the dynamics fit "
                + "is not determined; %s", rank, k, advice), cause);
    }
}
