package io.github.neurodyn.plasticity;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.StepHook;
import org.ejml.data.DMatrixRMaj;

/**
 * Hebbian inhibitory plasticity in rate form (Vogels, Sprekeler, Zenke, Clopath and Gerstner,
 * Science 334, 1569-1573, 2011): every plastic synapse from an inhibitory neuron j onto a
 * neuron i changes its magnitude at the rate
 * <pre>
 *     d|W_ij|/dt = eta(t) r_j (r_i - rho0),      r = phi(x),
 * </pre>
 * so inhibition onto a neuron grows while that neuron fires above the target rate rho0 and
 * shrinks while it fires below. W_ij is negative (Dale's law), so the update in the code is
 * W_ij &lt;- W_ij - eta dt r_j (r_i - rho0), then clipped to [-maxWeight, 0].
 *
 * <p>Units: rates and rho0 are in the units of phi (dimensionless in neurodyn), time in
 * seconds, so eta is in 1/s per squared rate unit. A hook call covers the simulated time dt
 * since the previous call (k steps when attached with {@code hook(rule, k)}), which keeps the
 * rule a rate whatever k. In a batch each trial applies its own update, so B trials learn B
 * times as fast.
 *
 * <p>Plastic synapses: columns j &gt;= N<sub>E</sub> (inhibitory presynaptic neurons), onto
 * excitatory and/or inhibitory neurons, either only the synapses that are nonzero in the
 * start matrix (the default) or every pair; self-connections are never plastic. Optional
 * normalisation caps the summed plastic inhibitory magnitude onto each neuron: when a row
 * exceeds the cap after an update, its plastic weights are scaled down to meet it.
 *
 * <pre>{@code
 * InhibitoryPlasticity rule = InhibitoryPlasticity.builder(w, excitatoryCount)
 *         .learningRate(0.05).targetRate(1.0).build();
 * Trajectory run = Simulation.of(network).integrator(Integrator.EULER).stepSeconds(1e-3)
 *         .hook(rule, 10).run();
 * }</pre>
 *
 * <p>Cost: one pass over the plastic synapses per call, about 4 flops each, and one more pass
 * when the normalisation is on. No allocation after {@link Builder#build()}.
 *
 * <p>Not thread-safe: it keeps the time of its previous call. Call {@link #reset()} before
 * attaching the same rule to a new run that starts at a time other than 0.
 */
public final class InhibitoryPlasticity implements StepHook {

    /** Learning rate of a new builder, in 1/s per squared rate unit. */
    public static final double DEFAULT_LEARNING_RATE = 0.05;

    private final int n;
    private final int excitatoryCount;
    private final LearningSchedule schedule;
    private final double targetRate;
    private final double maxWeight;
    private final double maxTotalInhibition;

    /** Postsynaptic rows of the plastic synapses of inhibitory column j, at index j - N_E. */
    private final int[][] plasticRows;

    /** Work array for the row sums of the normalisation, length N. */
    private final double[] rowTotals;

    private double previousTime;
    private double elapsed;
    private long updates;

    private InhibitoryPlasticity(Builder builder, int[][] plasticRows) {
        this.n = builder.weights.numRows;
        this.excitatoryCount = builder.excitatoryCount;
        this.schedule = builder.schedule;
        this.targetRate = builder.targetRate;
        this.maxWeight = builder.maxWeight;
        this.maxTotalInhibition = builder.maxTotalInhibition;
        this.plasticRows = plasticRows;
        this.rowTotals = new double[n];
    }

    /**
     * Starts a builder for a network whose first {@code excitatoryCount} neurons are
     * excitatory. The matrix fixes N, the existing synapses and the Dale signs the rule keeps.
     *
     * @param weights the start matrix W, N x N, W(i, j) from neuron j onto neuron i; read at
     *     {@link Builder#build()}, not kept
     * @param excitatoryCount N<sub>E</sub>, the number of excitatory neurons, listed first
     * @return a builder with eta = 0.05 /s, rho0 = 1, plasticity onto both populations, only
     *     existing synapses, no weight bound and no normalisation
     */
    public static Builder builder(DMatrixRMaj weights, int excitatoryCount) {
        return new Builder(weights, excitatoryCount);
    }

    /**
     * Applies the rule for the time since the previous call. The first call after
     * construction or {@link #reset()} covers the time from 0.
     *
     * @param context the simulation after the step
     */
    @Override
    public void afterStep(StepContext context) {
        double time = context.timeSeconds();
        if (context.trial() == 0) {
            if (time < previousTime) {
                previousTime = 0.0;
            }
            elapsed = time - previousTime;
            previousTime = time;
        }
        apply(context.weightColumns(), context.rates(), time, elapsed);
    }

    /**
     * Applies one update of the rule over {@code elapsedSeconds}, for callers that drive the
     * weights themselves. Allocates nothing and, because it runs inside the integration loop,
     * does not check its arguments.
     *
     * @param weightColumns the weights by column, {@code weightColumns[j][i]} = W(i, j), changed
     *     in place
     * @param rates the rates r = phi(x), length N
     * @param timeSeconds the time at which the schedule is read, in seconds
     * @param elapsedSeconds dt, the time the update covers, in seconds
     */
    public void apply(double[][] weightColumns, double[] rates, double timeSeconds, double elapsedSeconds) {
        double step = schedule.learningRate(timeSeconds) * elapsedSeconds;
        if (step == 0.0) {
            return;
        }

        // Hebbian term: |W_ij| grows by eta dt r_j (r_i - rho0), clipped to [0, maxWeight].
        for (int c = 0; c < plasticRows.length; c++) {
            int j = excitatoryCount + c;
            double presynaptic = step * rates[j];
            if (presynaptic == 0.0) {
                continue;
            }
            double[] column = weightColumns[j];
            int[] rows = plasticRows[c];
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                double w = column[i] - presynaptic * (rates[i] - targetRate);
                column[i] = w > 0.0 ? 0.0 : Math.max(w, -maxWeight);
            }
        }
        updates++;

        // Normalisation: scale rows whose plastic inhibition exceeds the cap.
        if (maxTotalInhibition < Double.POSITIVE_INFINITY) {
            normalise(weightColumns);
        }
    }

    private void normalise(double[][] weightColumns) {
        java.util.Arrays.fill(rowTotals, 0.0);
        for (int c = 0; c < plasticRows.length; c++) {
            double[] column = weightColumns[excitatoryCount + c];
            for (int i : plasticRows[c]) {
                rowTotals[i] -= column[i];
            }
        }
        for (int i = 0; i < n; i++) {
            rowTotals[i] = rowTotals[i] > maxTotalInhibition ? maxTotalInhibition / rowTotals[i] : 1.0;
        }
        for (int c = 0; c < plasticRows.length; c++) {
            double[] column = weightColumns[excitatoryCount + c];
            for (int i : plasticRows[c]) {
                column[i] *= rowTotals[i];
            }
        }
    }

    /** Forgets the time of the previous call, so that the next call covers the time from 0. */
    public void reset() {
        previousTime = 0.0;
        elapsed = 0.0;
    }

    /** @return the number of updates applied so far, counting each trial's update */
    public long updateCount() {
        return updates;
    }

    /** @return the number of neurons N */
    public int neuronCount() {
        return n;
    }

    /** @return N<sub>E</sub>, the number of excitatory neurons */
    public int excitatoryCount() {
        return excitatoryCount;
    }

    /** @return the target rate rho0, in the units of phi */
    public double targetRate() {
        return targetRate;
    }

    /** @return the learning-rate schedule */
    public LearningSchedule schedule() {
        return schedule;
    }

    /** @return the number of plastic synapses */
    public int plasticSynapseCount() {
        int count = 0;
        for (int[] rows : plasticRows) {
            count += rows.length;
        }
        return count;
    }

    /**
     * Builder for {@link InhibitoryPlasticity}; setters store values and {@link #build()}
     * validates them all.
     */
    public static final class Builder {
        private final DMatrixRMaj weights;
        private final int excitatoryCount;
        private LearningSchedule schedule = LearningSchedule.constant(InhibitoryPlasticity.DEFAULT_LEARNING_RATE);
        private double targetRate = 1.0;
        private boolean ontoExcitatory = true;
        private boolean ontoInhibitory = true;
        private boolean existingSynapsesOnly = true;
        private double maxWeight = Double.POSITIVE_INFINITY;
        private double maxTotalInhibition = Double.POSITIVE_INFINITY;

        private Builder(DMatrixRMaj weights, int excitatoryCount) {
            this.weights = weights;
            this.excitatoryCount = excitatoryCount;
        }

        /**
         * Sets a constant learning rate.
         *
         * @param eta in 1/s per squared rate unit, non-negative and finite (default 0.05)
         * @return this builder
         */
        public Builder learningRate(double eta) {
            Arguments.requireNonNegative(eta, "learningRate");
            this.schedule = LearningSchedule.constant(eta);
            return this;
        }

        /**
         * Sets a time-dependent learning rate, replacing {@link #learningRate(double)}.
         *
         * @param schedule eta(t)
         * @return this builder
         */
        public Builder schedule(LearningSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Sets the target rate rho0.
         *
         * @param rho0 in the units of phi, non-negative and finite (default 1)
         * @return this builder
         */
        public Builder targetRate(double rho0) {
            this.targetRate = rho0;
            return this;
        }

        /**
         * Chooses which inhibitory synapses learn, by postsynaptic population.
         *
         * @param excitatory whether synapses onto excitatory neurons learn (default true)
         * @param inhibitory whether synapses onto inhibitory neurons learn (default true)
         * @return this builder
         */
        public Builder plasticOnto(boolean excitatory, boolean inhibitory) {
            this.ontoExcitatory = excitatory;
            this.ontoInhibitory = inhibitory;
            return this;
        }

        /**
         * Chooses whether only synapses that are nonzero in the start matrix learn, or every
         * inhibitory pair (except self-connections), which lets new synapses form.
         *
         * @param existingOnly true for a fixed connectivity graph (default true)
         * @return this builder
         */
        public Builder existingSynapsesOnly(boolean existingOnly) {
            this.existingSynapsesOnly = existingOnly;
            return this;
        }

        /**
         * Bounds every plastic inhibitory weight: -maxWeight &lt;= W_ij &lt;= 0.
         *
         * @param maxWeight the largest magnitude, positive (default infinity, no bound)
         * @return this builder
         */
        public Builder maxWeight(double maxWeight) {
            this.maxWeight = maxWeight;
            return this;
        }

        /**
         * Caps the summed magnitude of the plastic inhibitory weights onto each neuron;
         * rows above the cap are scaled down to it after every update.
         *
         * @param maxTotal the cap, positive (default infinity, no normalisation)
         * @return this builder
         */
        public Builder maxTotalInhibition(double maxTotal) {
            this.maxTotalInhibition = maxTotal;
            return this;
        }

        /**
         * Validates the settings and builds the rule. {@link #learningRate(double)} checks its
         * value at once; every other setting is checked here.
         *
         * @return the rule
         * @throws IllegalArgumentException if W is null, not square, empty or not finite,
         *     N<sub>E</sub> is outside [0, N - 1], an inhibitory column has a positive entry,
         *     the schedule is null, rho0 is negative or not finite, a bound is not positive,
         *     or no synapse is plastic
         */
        public InhibitoryPlasticity build() {
            Arguments.requireSquare(weights, "weights");
            int n = weights.numRows;
            Arguments.requireAtLeast(n, 1, "weights.numRows");
            if (excitatoryCount < 0 || excitatoryCount >= n) {
                throw new IllegalArgumentException(String.format(
                        "excitatoryCount must lie in [0, %d] so that at least one neuron is inhibitory, found %d",
                        n - 1, excitatoryCount));
            }
            Arguments.requireNonNull(schedule, "schedule");
            Arguments.requireNonNegative(targetRate, "targetRate");
            if (!(maxWeight > 0)) {
                throw new IllegalArgumentException("maxWeight must be positive, found " + maxWeight);
            }
            if (!(maxTotalInhibition > 0)) {
                throw new IllegalArgumentException("maxTotalInhibition must be positive, found " + maxTotalInhibition);
            }
            int[][] rows = plasticRows(n);
            InhibitoryPlasticity rule = new InhibitoryPlasticity(this, rows);
            if (rule.plasticSynapseCount() == 0) {
                throw new IllegalArgumentException("no synapse is plastic: check plasticOnto(...) and, with "
                        + "existingSynapsesOnly(true), that W has nonzero inhibitory entries");
            }
            return rule;
        }

        private int[][] plasticRows(int n) {
            int[][] rows = new int[n - excitatoryCount][];
            int[] buffer = new int[n];
            for (int j = excitatoryCount; j < n; j++) {
                int count = 0;
                for (int i = 0; i < n; i++) {
                    double w = weights.get(i, j);
                    if (w > 0) {
                        throw new IllegalArgumentException(String.format(
                                "weights(%d, %d) = %s is positive but neuron %d is inhibitory (excitatoryCount = %d); "
                                        + "expected W <= 0 in inhibitory columns", i, j, w, j, excitatoryCount));
                    }
                    boolean ontoPopulation = i < excitatoryCount ? ontoExcitatory : ontoInhibitory;
                    boolean exists = !existingSynapsesOnly || w != 0.0;
                    if (i != j && ontoPopulation && exists) {
                        buffer[count++] = i;
                    }
                }
                rows[j - excitatoryCount] = java.util.Arrays.copyOf(buffer, count);
            }
            return rows;
        }
    }
}
