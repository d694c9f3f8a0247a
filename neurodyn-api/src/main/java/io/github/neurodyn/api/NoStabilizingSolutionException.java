package io.github.neurodyn.api;

/**
 * Raised when an algebraic Riccati equation has no stabilising solution that can be
 * computed reliably. The causes are eigenvalues of the Hamiltonian or symplectic pencil on or
 * near the stability boundary, a pair (A, B) that is not stabilisable, or a numerically
 * singular basis of the stable invariant subspace.
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
