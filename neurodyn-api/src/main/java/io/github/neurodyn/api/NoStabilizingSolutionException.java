package io.github.neurodyn.api;

/**
 * Raised when an algebraic Riccati equation has no stabilising solution that can be
 * computed reliably: the Hamiltonian or symplectic pencil has eigenvalues on or near the
 * stability boundary, the pair (A, B) is not stabilisable, or the basis of the stable
 * invariant subspace is numerically singular.
 */
public class NoStabilizingSolutionException extends NeurodynException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the cause and the measured quantity that shows it
     */
    public NoStabilizingSolutionException(String message) {
        super(message);
    }
}
