package io.github.neurodyn.api;

/**
 * Raised when an iterative method stops at its iteration cap, or stalls, before it meets
 * its tolerance.
 */
public class NotConvergedException extends NeurodynException {

    private static final long serialVersionUID = 1L;

    /** Iterations performed before the method stopped. */
    private final int iterations;
    /** The method's error measure when it stopped, NaN when it has none. */
    private final double residual;

    /**
     * Creates the exception.
     *
     * @param message what did not converge
     * @param iterations iterations performed before stopping
     * @param residual the method's error measure when it stopped (NaN when it has none)
     */
    public NotConvergedException(String message, int iterations, double residual) {
        super(message);
        this.iterations = iterations;
        this.residual = residual;
    }

    /** @return iterations performed before stopping */
    public int iterations() {
        return iterations;
    }

    /** @return the error measure when the method stopped, NaN when the method has none */
    public double residual() {
        return residual;
    }
}
