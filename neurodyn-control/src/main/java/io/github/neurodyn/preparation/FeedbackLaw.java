package io.github.neurodyn.preparation;

/**
 * A feedback law for the preparation window: the input v (m values, entering the rate
 * equation through B) as a function of time, the error {@code e = x - x*}, the rates phi(x)
 * and optional internal states of the controller (for example a population of thalamic
 * units). {@link Preparation#runFeedback(FeedbackLaw, double[], double)} integrates the internal
 * states together with the network.
 */
public interface FeedbackLaw {

    /**
     * Returns the number m of inputs, the column count of B.
     *
     * @return m, the column count of B
     */
    int inputs();

    /**
     * Returns the number of internal states, 0 for a static law.
     *
     * @return the number of internal states, 0 for a static law
     */
    int internalStates();

    /**
     * Writes the internal states at t = 0 into {@code out}; the default is zero.
     *
     * @param out the internal states, length {@link #internalStates()}
     */
    default void initialInternalStates(double[] out) {
        java.util.Arrays.fill(out, 0.0);
    }

    /**
     * Evaluates the law; must not allocate, because it runs inside the integration step.
     *
     * @param timeSeconds time from the start of the window in seconds
     * @param error e = x - x* (length N)
     * @param rates phi(x) (length N)
     * @param internal internal states (length {@link #internalStates()})
     * @param input output: v (length m)
     * @param internalRate output: d(internal)/dt in 1/s (length {@link #internalStates()})
     */
    void evaluate(double timeSeconds, double[] error, double[] rates, double[] internal, double[] input,
            double[] internalRate);

    /**
     * Returns an upper bound on the closed-loop rate in 1/s over [from, to]. The bound sets the
     * integration substeps. The default is 0, which adds no substeps.
     *
     * @param fromSeconds start of the interval in seconds
     * @param toSeconds end of the interval in seconds
     * @return the bound in 1/s
     */
    default double maxRate(double fromSeconds, double toSeconds) {
        return 0;
    }
}
