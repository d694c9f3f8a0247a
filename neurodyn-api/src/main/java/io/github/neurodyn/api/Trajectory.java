package io.github.neurodyn.api;

import org.ejml.data.DMatrixRMaj;

/**
 * Result of a simulation: the state of each of B trials at T sample times, with the rates
 * phi(x) derived on request, the weights at the end (hooks may have changed them) and the
 * integrator's counters.
 *
 * <p>Times are in seconds. State k of trial b is the network state at {@link #timeSeconds(int)
 * timeSeconds(k)}. Every accessor returns a copy; the object is immutable. An accessor given a
 * trial, sample or neuron index out of range raises {@link IllegalArgumentException} naming it.
 */
public final class Trajectory {

    private final double[] times;
    private final double[][] states;
    private final int neuronCount;
    private final Nonlinearity nonlinearity;
    private final DMatrixRMaj finalWeights;
    private final String integrator;
    private final long stepsTaken;
    private final long rejectedSteps;
    private final boolean stoppedEarly;

    /**
     * Creates a trajectory from arrays that the caller hands over and no longer touches.
     *
     * @param times the T sample times in seconds, non-decreasing
     * @param states per trial, the T x N samples in sample-major order (sample k, neuron i at
     *     {@code k * N + i})
     * @param neuronCount N
     * @param nonlinearity phi, used to derive rates
     * @param finalWeights W at the end of the run
     * @param integrator the integrator's name
     * @param stepsTaken accepted steps per trial
     * @param rejectedSteps rejected steps of an adaptive integrator, summed over trials
     * @param stoppedEarly whether a hook stopped the run before its duration
     * @throws IllegalArgumentException if the array sizes do not agree
     */
    public Trajectory(double[] times, double[][] states, int neuronCount, Nonlinearity nonlinearity,
            DMatrixRMaj finalWeights, String integrator, long stepsTaken, long rejectedSteps,
            boolean stoppedEarly) {
        Arguments.requireNonNull(times, "times");
        Arguments.requireNonNull(states, "states");
        Arguments.requireAtLeast(states.length, 1, "states.length (trials)");
        Arguments.requireAtLeast(neuronCount, 1, "neuronCount");
        for (int b = 0; b < states.length; b++) {
            Arguments.requireNonNull(states[b], "states[" + b + "]");
            if (states[b].length != times.length * neuronCount) {
                throw new IllegalArgumentException(String.format(
                        "states[%d] must hold T * N = %d * %d values, found %d",
                        b, times.length, neuronCount, states[b].length));
            }
        }
        this.times = times;
        this.states = states;
        this.neuronCount = neuronCount;
        this.nonlinearity = Arguments.requireNonNull(nonlinearity, "nonlinearity");
        this.finalWeights = Arguments.requireShape(finalWeights, neuronCount, neuronCount, "finalWeights").copy();
        this.integrator = Arguments.requireNonNull(integrator, "integrator");
        this.stepsTaken = stepsTaken;
        this.rejectedSteps = rejectedSteps;
        this.stoppedEarly = stoppedEarly;
    }

    /** @return the number of trials B */
    public int trials() {
        return states.length;
    }

    /** @return the number of samples T */
    public int sampleCount() {
        return times.length;
    }

    /** @return the number of neurons N */
    public int neuronCount() {
        return neuronCount;
    }

    /** @return a copy of the sample times, in seconds */
    public double[] times() {
        return times.clone();
    }

    /**
     * Returns one sample time.
     *
     * @param sample the sample index k
     * @return t_k in seconds
     */
    public double timeSeconds(int sample) {
        requireSample(sample);
        return times[sample];
    }

    /**
     * Returns the state of one trial at one sample time.
     *
     * @param trial the trial b
     * @param sample the sample k
     * @return a new array of length N
     */
    public double[] state(int trial, int sample) {
        requireTrial(trial);
        requireSample(sample);
        double[] out = new double[neuronCount];
        System.arraycopy(states[trial], sample * neuronCount, out, 0, neuronCount);
        return out;
    }

    /**
     * Returns the states of one trial as an N x T matrix, column k the state at t_k.
     *
     * @param trial the trial b
     * @return a new matrix
     */
    public DMatrixRMaj states(int trial) {
        requireTrial(trial);
        int count = times.length;
        DMatrixRMaj out = new DMatrixRMaj(neuronCount, count);
        double[] source = states[trial];
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < neuronCount; i++) {
                out.data[i * count + k] = source[k * neuronCount + i];
            }
        }
        return out;
    }

    /**
     * Returns the states of the first trial as an N x T matrix.
     *
     * @return a new matrix
     */
    public DMatrixRMaj states() {
        return states(0);
    }

    /**
     * Returns the rates phi(x) of one trial as an N x T matrix.
     *
     * @param trial the trial b
     * @return a new matrix
     */
    public DMatrixRMaj rates(int trial) {
        DMatrixRMaj out = states(trial);
        nonlinearity.values(out.data, out.data, out.data.length);
        return out;
    }

    /**
     * Returns the rates phi(x) of the first trial as an N x T matrix.
     *
     * @return a new matrix
     */
    public DMatrixRMaj rates() {
        return rates(0);
    }

    /**
     * Returns one neuron's state over time in one trial.
     *
     * @param trial the trial b
     * @param neuron the neuron i
     * @return a new array of length T
     */
    public double[] neuronTrace(int trial, int neuron) {
        requireTrial(trial);
        if (neuron < 0 || neuron >= neuronCount) {
            throw new IllegalArgumentException(String.format(
                    "neuron must lie in [0, %d), found %d", neuronCount, neuron));
        }
        double[] out = new double[times.length];
        double[] source = states[trial];
        for (int k = 0; k < out.length; k++) {
            out[k] = source[k * neuronCount + neuron];
        }
        return out;
    }

    /**
     * Returns one neuron's state over time in the first trial.
     *
     * @param neuron the neuron i
     * @return a new array of length T
     */
    public double[] neuronTrace(int neuron) {
        return neuronTrace(0, neuron);
    }

    /**
     * Returns the last sampled state of one trial.
     *
     * @param trial the trial b
     * @return a new array of length N
     */
    public double[] finalState(int trial) {
        return state(trial, times.length - 1);
    }

    /**
     * Returns the last sampled state of the first trial.
     *
     * @return a new array of length N
     */
    public double[] finalState() {
        return finalState(0);
    }

    /** @return a copy of W at the end of the run; it differs from the network's W only if a hook changed it */
    public DMatrixRMaj finalWeights() {
        return finalWeights.copy();
    }

    /** @return the integrator's name, for example {@code "RK4"} */
    public String integrator() {
        return integrator;
    }

    /** @return the number of accepted integration steps per trial (the maximum over trials for adaptive runs) */
    public long stepsTaken() {
        return stepsTaken;
    }

    /** @return the number of steps an adaptive integrator rejected, summed over trials; 0 for fixed steps */
    public long rejectedSteps() {
        return rejectedSteps;
    }

    /** @return whether a hook stopped the run before the requested duration */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    @Override
    public String toString() {
        return String.format("Trajectory[N=%d, T=%d, trials=%d, %s, steps=%d]",
                neuronCount, times.length, states.length, integrator, stepsTaken);
    }

    private void requireTrial(int trial) {
        if (trial < 0 || trial >= states.length) {
            throw new IllegalArgumentException(String.format(
                    "trial must lie in [0, %d), found %d", states.length, trial));
        }
    }

    private void requireSample(int sample) {
        if (sample < 0 || sample >= times.length) {
            throw new IllegalArgumentException(String.format(
                    "sample must lie in [0, %d), found %d", times.length, sample));
        }
    }
}
