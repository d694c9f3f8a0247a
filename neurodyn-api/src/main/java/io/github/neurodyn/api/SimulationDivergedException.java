package io.github.neurodyn.api;

/**
 * Raised when a simulated state becomes non-finite or exceeds the caller's bound.
 */
public class SimulationDivergedException extends NeurodynException {

    private static final long serialVersionUID = 1L;

    /** Simulated time at which the state left the allowed range, in seconds. */
    private final double timeSeconds;
    /** Zero-based index of the first offending neuron. */
    private final int neuron;
    /** The offending state value: non-finite or larger in magnitude than the bound. */
    private final double value;

    /**
     * Creates the exception.
     *
     * @param timeSeconds simulated time at which the state left the allowed range, in seconds
     * @param neuron index of the first offending neuron
     * @param value the offending state value
     * @param bound the caller's bound on the absolute state
     */
    public SimulationDivergedException(double timeSeconds, int neuron, double value, double bound) {
        super(String.format(
                "simulation diverged at t = %.6g s: neuron %d has state %s, outside the bound |x| <= %.6g",
                timeSeconds, neuron, value, bound));
        this.timeSeconds = timeSeconds;
        this.neuron = neuron;
        this.value = value;
    }

    /** @return simulated time of the divergence, in seconds */
    public double timeSeconds() {
        return timeSeconds;
    }

    /** @return index of the first offending neuron */
    public int neuron() {
        return neuron;
    }

    /** @return the offending state value (may be NaN or infinite) */
    public double value() {
        return value;
    }
}
