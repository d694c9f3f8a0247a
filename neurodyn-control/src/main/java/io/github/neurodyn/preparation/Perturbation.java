package io.github.neurodyn.preparation;

import io.github.neurodyn.api.Arguments;

/**
 * Settings of the perturbation experiment, a proxy for the reaction-time cost of a
 * disturbance during preparation. An input pulse p of fixed norm, in a random direction drawn
 * from {@code java.util.Random(seed)}, enters the rate equation as u for {@code duration}
 * seconds and ends {@code endBeforeGo} seconds before the go cue.
 *
 * @param inputNorm ||p||, in the units of the state x
 * @param durationSeconds pulse length in seconds (default 0.05)
 * @param endBeforeGoSeconds time from the end of the pulse to the go cue in seconds (default 0.2)
 * @param capSeconds largest extra preparation time searched, in seconds (default 0.3)
 * @param seed seed of the pulse direction
 */
public record Perturbation(double inputNorm, double durationSeconds, double endBeforeGoSeconds,
        double capSeconds, long seed) {

    /** Default pulse length in seconds. */
    public static final double DEFAULT_DURATION_SECONDS = 0.05;
    /** Default time from the end of the pulse to the go cue in seconds. */
    public static final double DEFAULT_END_BEFORE_GO_SECONDS = 0.2;
    /** Default cap of the delay in seconds. */
    public static final double DEFAULT_CAP_SECONDS = 0.3;

    /**
     * Validates the settings.
     *
     * @param inputNorm ||p|| in the units of the state x, non-negative
     * @param durationSeconds pulse length in seconds, positive
     * @param endBeforeGoSeconds time from the end of the pulse to the go cue in seconds, non-negative
     * @param capSeconds largest extra preparation time searched, in seconds, positive
     * @param seed seed of the pulse direction
     * @throws IllegalArgumentException if a norm or time is negative, zero where it must be
     *     positive, or not finite
     */
    public Perturbation {
        Arguments.requireFinite(Arguments.requireNonNegative(inputNorm, "inputNorm"), "inputNorm");
        Arguments.requireFinite(Arguments.requirePositive(durationSeconds, "durationSeconds"), "durationSeconds");
        Arguments.requireFinite(Arguments.requireNonNegative(endBeforeGoSeconds, "endBeforeGoSeconds"),
                "endBeforeGoSeconds");
        Arguments.requireFinite(Arguments.requirePositive(capSeconds, "capSeconds"), "capSeconds");
    }

    /**
     * Returns the default experiment for N neurons: a 50 ms pulse of norm {@code 0.2 sqrt(N)}
     * (an RMS input of 0.2 per neuron) ending 0.2 s before the go cue, delays capped at 0.3 s.
     *
     * @param neurons N, at least 1
     * @param seed seed of the pulse direction
     * @return the settings
     */
    public static Perturbation defaults(int neurons, long seed) {
        Arguments.requireAtLeast(neurons, 1, "neurons");
        return new Perturbation(0.2 * Math.sqrt(neurons), DEFAULT_DURATION_SECONDS, DEFAULT_END_BEFORE_GO_SECONDS,
                DEFAULT_CAP_SECONDS, seed);
    }
}
