package io.github.neurodyn.spectral;

import io.github.neurodyn.api.Arguments;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stability-optimised circuits (Hennequin, Vogels and Gerstner, Neuron 82, 2014): gradient
 * descent of the smoothed spectral abscissa of the connectivity
 * {@code W} with respect to its inhibitory weights, until the spectral abscissa
 * {@code alpha(W)} reaches a target.
 *
 * <p>Neurons are ordered excitatory first; columns {@code j >= excitatoryCount} are
 * inhibitory and are the only ones that change. Each step does, in order:
 * <ol>
 *   <li>{@code W_I <- W_I - learningRate G_I}, with {@code G = Q P / trace(Q P)} evaluated
 *       at the shift that the {@link GradientRule} gives (only on the entries allowed to
 *       change: all inhibitory entries, or the initially nonzero ones when the density is
 *       fixed, and off the diagonal when the diagonal is excluded);</li>
 *   <li>Dale projection: inhibitory weights above zero are set to zero;</li>
 *   <li>optional rebalancing: all inhibitory weights are scaled so that the mean inhibitory
 *       magnitude is {@code gamma} times the mean excitatory weight (means over all entries
 *       of the respective columns);</li>
 *   <li>optional row normalisation: the changeable inhibitory weights of each row are shifted
 *       by one common amount so that the row sums to the chosen value {@code lambda}, then
 *       clipped to {@code <= 0} again; this keeps the uniform vector close to an eigenvector
 *       with eigenvalue {@code lambda}.</li>
 * </ol>
 * The run stops when {@code alpha(W) <= targetAbscissa} (converged), at the iteration cap
 * (not converged, no exception), when the listener returns {@code false}, or when the thread
 * is interrupted.
 *
 * <p>Cost per step: one decomposition of {@code W} and two shifted Lyapunov solves for a
 * shift rule; a smoothed-abscissa rule instead solves for P once per root-solve step
 * (5 to 9 steps with the warm start at n = 200) and for Q twice. Progress is logged at INFO
 * every {@value #PROGRESS_INTERVAL_SECONDS} seconds.
 */
public final class StabilityOptimizer {

    /** Interval between INFO progress messages, in seconds. */
    public static final double PROGRESS_INTERVAL_SECONDS = 5.0;

    private static final Logger LOG = LoggerFactory.getLogger(StabilityOptimizer.class);
    /** Relative slack when a requested row sum is compared with the largest one Dale's law allows. */
    private static final double ROW_SUM_TOLERANCE = 1e-12;

    private final DMatrixRMaj initialWeights;
    private final int excitatoryCount;
    private final GradientRule rule;
    private final double learningRate;
    private final boolean daleProjection;
    private final double inhibitionRatio;
    private final boolean fixedDensity;
    private final boolean excludeDiagonal;
    private final double rowSum;
    private final double targetAbscissa;
    private final int maxIterations;
    private final double trackingEpsilon;

    private StabilityOptimizer(Builder builder) {
        initialWeights = builder.weights.copy();
        excitatoryCount = builder.excitatoryCount;
        rule = builder.rule;
        learningRate = builder.learningRate;
        daleProjection = builder.daleProjection;
        inhibitionRatio = builder.inhibitionRatio;
        fixedDensity = builder.fixedDensity;
        excludeDiagonal = builder.excludeDiagonal;
        rowSum = builder.rowSum;
        targetAbscissa = builder.targetAbscissa;
        maxIterations = builder.maxIterations;
        trackingEpsilon = builder.trackingEpsilon;
        if (!Double.isNaN(rowSum) && daleProjection) {
            requireReachableRowSum();
        }
    }

    /**
     * Rejects a row sum above what Dale's law allows. The optimiser never changes excitatory
     * weights and keeps every inhibitory weight at or below 0, so a row sums to at most its
     * excitatory weights. Rows without a changeable entry are left as they are.
     */
    private void requireReachableRowSum() {
        int n = initialWeights.numRows;
        boolean[] changeable = changeableMask(initialWeights);
        for (int i = 0; i < n; i++) {
            double bound = 0;
            boolean anyChangeable = false;
            for (int j = 0; j < n; j++) {
                anyChangeable |= changeable[i * n + j];
                if (j < excitatoryCount) {
                    bound += initialWeights.data[i * n + j];
                }
            }
            if (anyChangeable && rowSum > bound + ROW_SUM_TOLERANCE * Math.max(1.0, Math.abs(bound))) {
                throw new IllegalArgumentException(String.format(
                        "uniformModeEigenvalue = %s cannot be reached in row %d: with Dale's law its inhibitory "
                                + "weights stay <= 0, so the row sums to at most its excitatory weights, %.6g; "
                                + "expected a value no larger than the excitatory row sums", rowSum, i, bound));
            }
        }
    }

    /**
     * Starts a builder with the defaults of Hennequin et al. (2014): the shift heuristic
     * {@link GradientRule#hennequinShift()}, learning rate 10, Dale projection, no
     * rebalancing, all inhibitory entries changeable, diagonal included, no row
     * normalisation, target abscissa 0.15, at most 10000 steps.
     *
     * @param weights start connectivity {@code W}, {@code N x N}, excitatory neurons first;
     *     copied
     * @param excitatoryCount number of excitatory neurons, in {@code [0, N)}
     * @return the builder
     * @throws IllegalArgumentException if {@code weights} is not square and finite or the count
     *     is out of range
     */
    public static Builder builder(DMatrixRMaj weights, int excitatoryCount) {
        return new Builder(weights, excitatoryCount);
    }

    /**
     * Runs the optimiser without a listener.
     *
     * @return the optimised network and the history
     */
    public SocResult run() {
        return run((iteration, weights) -> true);
    }

    /**
     * Runs the optimiser, calling {@code listener} after each step.
     *
     * @param listener receives each step and may stop the run
     * @return the optimised network and the history; {@code converged} is false when the run
     *     stopped before the target
     * @throws IllegalArgumentException if {@code listener} is null
     */
    public SocResult run(SocListener listener) {
        Arguments.requireNonNull(listener, "listener");
        int n = initialWeights.numRows;
        DMatrixRMaj w = initialWeights.copy();
        DMatrixRMaj previous = new DMatrixRMaj(n, n);
        boolean[] changeable = changeableMask(initialWeights);
        if (!Double.isNaN(rowSum)) {
            normaliseRows(w, changeable);
        }

        List<SocIteration> history = new ArrayList<>();
        long start = System.nanoTime();
        long lastLog = start;
        double initialAbscissa = Double.NaN;
        double ruleGap = Double.NaN;
        double trackingGap = Double.NaN;
        double abscissa;
        SocStopReason reason;
        while (true) {
            ShiftedGramians gramians = ShiftedGramians.of(w);
            abscissa = gramians.abscissa();
            if (history.isEmpty()) {
                initialAbscissa = abscissa;
            }
            if (abscissa <= targetAbscissa) {
                reason = SocStopReason.TARGET_REACHED;
                break;
            }
            if (history.size() >= maxIterations) {
                reason = SocStopReason.ITERATION_CAP;
                break;
            }
            if (Thread.currentThread().isInterrupted()) {
                reason = SocStopReason.INTERRUPTED;
                break;
            }

            // Inhibitory columns of the gradient, at the shift the rule gives.
            double shift;
            double smoothed;
            DMatrixRMaj gradient;
            if (rule instanceof GradientRule.Smoothed smoothedRule) {
                SmoothedAbscissa ssa = SmoothedSpectralAbscissa.of(
                        gramians, w, smoothedRule.epsilon(), ruleGap, excitatoryCount);
                shift = ssa.value();
                ruleGap = shift - abscissa;
                smoothed = shift;
                gradient = ssa.gradient();
            } else {
                shift = ((GradientRule.Shift) rule).shiftFor(abscissa);
                smoothed = Double.NaN;
                if (!Double.isNaN(trackingEpsilon)) {
                    smoothed = SmoothedSpectralAbscissa.of(gramians, w, trackingEpsilon, trackingGap).value();
                    trackingGap = smoothed - abscissa;
                }
                gradient = SmoothedSpectralAbscissa.gradientColumns(gramians, shift, excitatoryCount);
            }

            // Step on the changeable inhibitory entries, then the projections.
            previous.setTo(w);
            descend(w, gradient, changeable);
            if (daleProjection) {
                clipInhibitory(w);
            }
            if (!Double.isNaN(inhibitionRatio)) {
                rebalance(w);
            }
            if (!Double.isNaN(rowSum)) {
                normaliseRows(w, changeable);
            }

            long now = System.nanoTime();
            SocIteration record = new SocIteration(history.size() + 1, abscissa, shift, smoothed,
                    distance(w, previous), 1e-9 * (now - start));
            history.add(record);
            if (1e-9 * (now - lastLog) >= PROGRESS_INTERVAL_SECONDS) {
                lastLog = now;
                LOG.info("stability optimiser: step {}, abscissa {} (target {}), {} s",
                        record.iteration(), String.format("%.4f", abscissa), targetAbscissa,
                        String.format("%.1f", record.elapsedSeconds()));
            }
            if (!listener.onIteration(record, w)) {
                abscissa = SpectralAbscissa.of(w);
                reason = SocStopReason.LISTENER;
                break;
            }
        }
        double seconds = 1e-9 * (System.nanoTime() - start);
        LOG.debug("stability optimiser stopped ({}) after {} steps: abscissa {} -> {}, {} s",
                reason, history.size(), initialAbscissa, abscissa, seconds);
        return new SocResult(w, reason == SocStopReason.TARGET_REACHED, reason, history,
                initialAbscissa, abscissa, seconds);
    }

    private boolean[] changeableMask(DMatrixRMaj w) {
        int n = w.numRows;
        boolean[] mask = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = excitatoryCount; j < n; j++) {
                boolean allowed = !(excludeDiagonal && i == j) && !(fixedDensity && w.get(i, j) == 0.0);
                mask[i * n + j] = allowed;
            }
        }
        return mask;
    }

    private void descend(DMatrixRMaj w, DMatrixRMaj gradient, boolean[] changeable) {
        int n = w.numRows;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = excitatoryCount; j < n; j++) {
                if (changeable[row + j]) {
                    w.data[row + j] -= learningRate * gradient.data[row + j];
                }
            }
        }
    }

    private void clipInhibitory(DMatrixRMaj w) {
        int n = w.numRows;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = excitatoryCount; j < n; j++) {
                if (w.data[row + j] > 0.0) {
                    w.data[row + j] = 0.0;
                }
            }
        }
    }

    private void rebalance(DMatrixRMaj w) {
        int n = w.numRows;
        double excitatory = 0;
        double inhibitory = 0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < excitatoryCount; j++) {
                excitatory += w.data[row + j];
            }
            for (int j = excitatoryCount; j < n; j++) {
                inhibitory -= w.data[row + j];
            }
        }
        double meanExcitatory = excitatory / ((double) n * excitatoryCount);
        double meanInhibitory = inhibitory / ((double) n * (n - excitatoryCount));
        if (meanInhibitory <= 0.0 || meanExcitatory <= 0.0) {
            LOG.warn("rebalancing skipped: mean excitatory weight {} and mean inhibitory magnitude {} must both be positive",
                    meanExcitatory, meanInhibitory);
            return;
        }
        double scale = inhibitionRatio * meanExcitatory / meanInhibitory;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = excitatoryCount; j < n; j++) {
                w.data[row + j] *= scale;
            }
        }
    }

    private void normaliseRows(DMatrixRMaj w, boolean[] changeable) {
        int n = w.numRows;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double sum = 0;
            int count = 0;
            for (int j = 0; j < n; j++) {
                sum += w.data[row + j];
                if (changeable[row + j]) {
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            double offset = (rowSum - sum) / count;
            for (int j = excitatoryCount; j < n; j++) {
                if (changeable[row + j]) {
                    double value = w.data[row + j] + offset;
                    w.data[row + j] = daleProjection ? Math.min(value, 0.0) : value;
                }
            }
        }
    }

    private static double distance(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0;
        for (int k = 0; k < a.data.length && k < a.getNumElements(); k++) {
            double d = a.data[k] - b.data[k];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** Collects and validates the optimiser's settings. */
    public static final class Builder {

        private final DMatrixRMaj weights;
        private final int excitatoryCount;
        private GradientRule rule = GradientRule.hennequinShift();
        private double learningRate = 10.0;
        private boolean daleProjection = true;
        private double inhibitionRatio = Double.NaN;
        private boolean fixedDensity;
        private boolean excludeDiagonal;
        private double rowSum = Double.NaN;
        private double targetAbscissa = 0.15;
        private int maxIterations = 10_000;
        private double trackingEpsilon = Double.NaN;

        private Builder(DMatrixRMaj weights, int excitatoryCount) {
            Arguments.requireSquare(weights, "weights");
            Arguments.requireAtLeast(weights.numRows, 1, "weights.numRows");
            Arguments.requireInRange(excitatoryCount, 0, weights.numRows - 1, "excitatoryCount");
            this.weights = weights.copy();
            this.excitatoryCount = excitatoryCount;
        }

        /**
         * Sets where the gradient is evaluated.
         *
         * @param rule the rule; default {@link GradientRule#hennequinShift()}
         * @return this builder
         */
        public Builder gradient(GradientRule rule) {
            this.rule = Arguments.requireNonNull(rule, "rule");
            return this;
        }

        /**
         * Sets the learning rate {@code eta} of {@code W_I <- W_I - eta G_I}; the gradient
         * {@code G} has unit trace.
         *
         * @param learningRate positive; default 10
         * @return this builder
         */
        public Builder learningRate(double learningRate) {
            this.learningRate = Arguments.requirePositive(learningRate, "learningRate");
            return this;
        }

        /**
         * Sets whether inhibitory weights are clipped to {@code <= 0} after each step
         * (Dale's law).
         *
         * @param enabled default true
         * @return this builder
         */
        public Builder daleProjection(boolean enabled) {
            this.daleProjection = enabled;
            return this;
        }

        /**
         * Rescales the inhibitory weights after each step so that the mean inhibitory
         * magnitude is {@code gamma} times the mean excitatory weight.
         *
         * @param gamma the ratio, positive; not rebalanced by default
         * @return this builder
         */
        public Builder rebalance(double gamma) {
            this.inhibitionRatio = Arguments.requirePositive(gamma, "gamma");
            return this;
        }

        /**
         * Sets whether only the initially nonzero inhibitory synapses may change, which keeps
         * the inhibitory connection density fixed.
         *
         * @param enabled default false (every inhibitory entry may change)
         * @return this builder
         */
        public Builder fixedInhibitoryDensity(boolean enabled) {
            this.fixedDensity = enabled;
            return this;
        }

        /**
         * Sets whether the diagonal (self-connections) is left unchanged.
         *
         * @param enabled default false
         * @return this builder
         */
        public Builder excludeDiagonal(boolean enabled) {
            this.excludeDiagonal = enabled;
            return this;
        }

        /**
         * Shifts the changeable inhibitory weights of every row after each step so that each
         * row of {@code W} sums to {@code eigenvalue}, which keeps the uniform vector near an
         * eigenvector with that eigenvalue. Also applied once to the start network.
         *
         * <p>With the Dale projection, {@link #build()} rejects a row sum above the sum of a row's
         * excitatory weights, because inhibitory weights cannot rise above 0.
         *
         * @param eigenvalue the row sum, finite; no normalisation by default
         * @return this builder
         */
        public Builder uniformModeEigenvalue(double eigenvalue) {
            this.rowSum = Arguments.requireFinite(eigenvalue, "eigenvalue");
            return this;
        }

        /**
         * Sets the spectral abscissa {@code alpha(W)} at which the run counts as converged.
         *
         * @param target finite; default 0.15
         * @return this builder
         */
        public Builder targetAbscissa(double target) {
            this.targetAbscissa = Arguments.requireFinite(target, "targetAbscissa");
            return this;
        }

        /**
         * Sets the maximum number of gradient steps.
         *
         * @param maxIterations at least 0; default 10000
         * @return this builder
         */
        public Builder maxIterations(int maxIterations) {
            this.maxIterations = Arguments.requireAtLeast(maxIterations, 0, "maxIterations");
            return this;
        }

        /**
         * Records the smoothed spectral abscissa at {@code epsilon} in the history of a run
         * with a shift rule, at the cost of one root-solve per step.
         *
         * @param epsilon smoothing parameter, positive; not tracked by default
         * @return this builder
         */
        public Builder trackSmoothedAbscissa(double epsilon) {
            this.trackingEpsilon = Arguments.requirePositive(epsilon, "epsilon");
            return this;
        }

        /**
         * Creates the optimiser.
         *
         * @return the optimiser
         * @throws IllegalArgumentException if, with the Dale projection, the uniform-mode
         *     eigenvalue exceeds the excitatory weights of some row with changeable weights
         */
        public StabilityOptimizer build() {
            return new StabilityOptimizer(this);
        }
    }
}
