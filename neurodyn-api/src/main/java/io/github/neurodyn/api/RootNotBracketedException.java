package io.github.neurodyn.api;

/**
 * Raised when a scalar root-finder cannot find an interval on which its function changes
 * sign, so no root can be located. An example is a shifted Lyapunov solution whose trace
 * stays above the requested level for every shift that was tried.
 */
public class RootNotBracketedException extends NeurodynException {

    private static final long serialVersionUID = 1L;

    /** Lower end of the last interval tried. */
    private final double lower;
    /** Upper end of the last interval tried. */
    private final double upper;

    /**
     * Creates the exception.
     *
     * @param message what was searched for and the function values found at the interval ends
     * @param lower lower end of the last interval tried
     * @param upper upper end of the last interval tried
     */
    public RootNotBracketedException(String message, double lower, double upper) {
        super(message);
        this.lower = lower;
        this.upper = upper;
    }

    /** @return lower end of the last interval tried */
    public double lower() {
        return lower;
    }

    /** @return upper end of the last interval tried */
    public double upper() {
        return upper;
    }
}
