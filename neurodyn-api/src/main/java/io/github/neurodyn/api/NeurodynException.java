package io.github.neurodyn.api;

/**
 * Base type of every numerical failure that neurodyn reports: an equation without a
 * solution, an iteration that did not converge, a simulation that diverged.
 *
 * <p>Bad arguments are reported separately, by {@link IllegalArgumentException} at the
 * API boundary. A {@code NeurodynException} means the input was well formed but the
 * computation could not produce a trustworthy result; its subtypes carry the measured
 * quantities behind the diagnosis.
 */
public class NeurodynException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a diagnosis.
     *
     * @param message what failed and the measured quantity behind it
     */
    public NeurodynException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a diagnosis and the failure that caused it.
     *
     * @param message what failed and the measured quantity behind it
     * @param cause the underlying failure
     */
    public NeurodynException(String message, Throwable cause) {
        super(message, cause);
    }
}
