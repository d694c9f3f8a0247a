package io.github.neurodyn.api;

/**
 * Raised when a solver's a posteriori check rejects its own result: the relative residual
 * of the computed solution is above the solver's tolerance or is not finite, for example
 * because the solution lies outside the range of {@code double}.
 */
public class InaccurateSolutionException extends NeurodynException {

    private static final long serialVersionUID = 1L;

    /** Relative residual of the rejected solution; NaN or infinite when it could not be formed. */
    private final double relativeResidual;
    /** Largest relative residual the solver accepts. */
    private final double tolerance;

    /**
     * Creates the exception.
     *
     * @param message which equation failed the check and why
     * @param relativeResidual relative residual of the rejected solution, NaN or infinite when
     *     it could not be formed
     * @param tolerance largest relative residual the solver accepts
     */
    public InaccurateSolutionException(String message, double relativeResidual, double tolerance) {
        super(message);
        this.relativeResidual = relativeResidual;
        this.tolerance = tolerance;
    }

    /** @return relative residual of the rejected solution, NaN or infinite when it could not be formed */
    public double relativeResidual() {
        return relativeResidual;
    }

    /** @return largest relative residual the solver accepts */
    public double tolerance() {
        return tolerance;
    }
}
