package io.github.neurodyn.api;

import org.ejml.data.DMatrixRMaj;

/**
 * External input u(t) to a rate network, one value per neuron, in the units of the state.
 * It enters the model as {@code tau dx/dt = -x + W phi(x) + h + u(t)}.
 *
 * <p>Integrators call {@link #valueAt(double, double[])} once or more per step with their
 * own buffer, so implementations must not allocate there. Implementations are immutable
 * and may be shared between threads.
 */
public interface InputSignal {

    /**
     * Writes u(t) into {@code out}.
     *
     * @param timeSeconds the time t, in seconds
     * @param out the caller's buffer, of length {@link #dimension()}
     */
    void valueAt(double timeSeconds, double[] out);

    /**
     * Returns the length of u, which must equal the number of neurons.
     *
     * @return the dimension
     */
    int dimension();

    /**
     * A function of time that writes its value into a caller buffer, for {@link #of}.
     */
    @FunctionalInterface
    interface TimeFunction {
        /**
         * Writes the function's value at time t into {@code out}; must not allocate.
         *
         * @param timeSeconds the time, in seconds
         * @param out the caller's buffer
         */
        void evaluate(double timeSeconds, double[] out);
    }

    /** Interpolation rule of a sampled input between its samples. */
    enum Interpolation {
        /** Holds each sample until the next one: u(t) = u_k for t_k &lt;= t &lt; t_(k+1). */
        ZERO_ORDER_HOLD,
        /** Joins neighbouring samples by straight lines. */
        LINEAR
    }

    /**
     * Returns u(t) = 0 for a network of {@code dimension} neurons.
     *
     * @param dimension number of neurons, at least 1
     * @return the zero input
     */
    static InputSignal zero(int dimension) {
        return constant(new double[Arguments.requireAtLeast(dimension, 1, "dimension")]);
    }

    /**
     * Returns the constant input u(t) = value.
     *
     * @param value the input, copied; finite
     * @return the signal
     * @throws IllegalArgumentException if {@code value} is null, empty or not finite
     */
    static InputSignal constant(double[] value) {
        Arguments.requireFinite(value, "value");
        Arguments.requireAtLeast(value.length, 1, "value.length");
        return new InputSignals.Constant(value.clone());
    }

    /**
     * Returns a step: u(t) = before for t &lt; onset and u(t) = after for t &gt;= onset.
     *
     * @param onsetSeconds the step time, in seconds; finite
     * @param before the value before the step, copied
     * @param after the value from the step on, copied
     * @return the signal
     * @throws IllegalArgumentException if a vector is null, not finite or of a different
     *     length than the other, or the onset is not finite
     */
    static InputSignal step(double onsetSeconds, double[] before, double[] after) {
        Arguments.requireFinite(onsetSeconds, "onsetSeconds");
        Arguments.requireFinite(before, "before");
        Arguments.requireAtLeast(before.length, 1, "before.length");
        Arguments.requireLength(after, before.length, "after");
        return piecewiseConstant(new double[] {onsetSeconds}, new double[][] {before, after});
    }

    /**
     * Returns a piecewise-constant schedule: u(t) = values[0] for t &lt; switchTimes[0],
     * values[k] for switchTimes[k-1] &lt;= t &lt; switchTimes[k], and the last value after the
     * last switch. Lookup costs O(log K) for K switches.
     *
     * @param switchTimesSeconds strictly increasing finite switch times, in seconds
     * @param values {@code switchTimesSeconds.length + 1} finite vectors of one length, copied
     * @return the signal
     * @throws IllegalArgumentException if the times are not strictly increasing, the counts do
     *     not match, or a vector is null, not finite or of another length
     */
    static InputSignal piecewiseConstant(double[] switchTimesSeconds, double[][] values) {
        Arguments.requireFinite(switchTimesSeconds, "switchTimesSeconds");
        Arguments.requireNonNull(values, "values");
        if (values.length != switchTimesSeconds.length + 1) {
            throw new IllegalArgumentException(String.format(
                    "values must hold switchTimesSeconds.length + 1 = %d vectors, found %d",
                    switchTimesSeconds.length + 1, values.length));
        }
        InputSignals.requireIncreasing(switchTimesSeconds, "switchTimesSeconds");
        Arguments.requireFinite(values[0], "values[0]");
        Arguments.requireAtLeast(values[0].length, 1, "values[0].length");
        double[][] copy = new double[values.length][];
        for (int k = 0; k < values.length; k++) {
            copy[k] = Arguments.requireLength(values[k], values[0].length, "values[" + k + "]").clone();
        }
        return new InputSignals.PiecewiseConstant(switchTimesSeconds.clone(), copy);
    }

    /**
     * Returns a sampled input: column k of {@code samples} (N x K) is u at
     * {@code startSeconds + k * intervalSeconds}. Between samples the value follows
     * {@code interpolation}; before the first sample it is the first column and after the
     * last it is the last column.
     *
     * @param startSeconds time of the first sample, in seconds
     * @param intervalSeconds time between samples, in seconds; positive
     * @param samples N x K matrix of finite samples, copied; K at least 1
     * @param interpolation how to read between samples
     * @return the signal
     * @throws IllegalArgumentException if an argument is null, not finite or has no columns,
     *     or the interval is not positive
     */
    static InputSignal sampled(double startSeconds, double intervalSeconds, DMatrixRMaj samples,
            Interpolation interpolation) {
        Arguments.requireFinite(startSeconds, "startSeconds");
        Arguments.requirePositive(intervalSeconds, "intervalSeconds");
        Arguments.requireFinite(samples, "samples");
        Arguments.requireAtLeast(samples.numRows, 1, "samples.numRows");
        Arguments.requireAtLeast(samples.numCols, 1, "samples.numCols");
        Arguments.requireNonNull(interpolation, "interpolation");
        return new InputSignals.Sampled(startSeconds, intervalSeconds, samples.copy(), interpolation);
    }

    /**
     * Wraps an arbitrary function of time. The function must write finite values and must
     * not allocate if the simulation is to stay allocation-free.
     *
     * @param dimension the length of u, at least 1
     * @param function the function
     * @return the signal
     * @throws IllegalArgumentException if {@code function} is null or {@code dimension < 1}
     */
    static InputSignal of(int dimension, TimeFunction function) {
        Arguments.requireAtLeast(dimension, 1, "dimension");
        Arguments.requireNonNull(function, "function");
        return new InputSignals.Function(dimension, function);
    }
}
