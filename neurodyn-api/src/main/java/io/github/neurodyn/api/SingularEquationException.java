package io.github.neurodyn.api;

/**
 * Raised when a matrix equation has no unique solution, or is too close to that for the
 * computed solution to be trusted: for example a Lyapunov equation whose spectrum has
 * {@code lambda_i + lambda_j = 0}, a discrete one with {@code lambda_i lambda_j = 1}, or a
 * numerically singular matrix that has to be inverted.
 */
public class SingularEquationException extends NeurodynException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which equation is singular and the eigenvalues or pivot that show it
     */
    public SingularEquationException(String message) {
        super(message);
    }
}
