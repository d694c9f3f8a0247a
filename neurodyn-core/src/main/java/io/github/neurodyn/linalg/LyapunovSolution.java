package io.github.neurodyn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Solution of a continuous or discrete Lyapunov equation with its diagnostics.
 *
 * <p>The relative residuals follow one definition per equation, with {@code ||.||} the
 * Frobenius norm and {@code ||E|| = sqrt(n)} when E is the identity:
 * <ul>
 *   <li>continuous, {@code A X E^T + E X A^T + Q = 0}:
 *       {@code ||A X E^T + E X A^T + Q|| / (2 ||A|| ||E|| ||X|| + ||Q||)}</li>
 *   <li>discrete, {@code A X A^T - E X E^T + Q = 0}:
 *       {@code ||A X A^T - E X E^T + Q|| / (||A||^2 ||X|| + ||E||^2 ||X|| + ||Q||)}</li>
 * </ul>
 *
 * <p>The separation is the smallest magnitude of an eigenvalue of the Lyapunov operator,
 * {@code min |lambda_i + lambda_j|} (continuous, with the shift subtracted from each
 * eigenvalue) or {@code min |lambda_i lambda_j - 1|} (discrete), taken over the eigenvalues
 * of A (of {@code E^-1 A} in the generalised case). It bounds the true operator separation
 * from above, and equals it when A is normal, so a small value proves an ill-conditioned
 * equation while a large one does not prove a well-conditioned one.
 *
 * @param x the solution X, symmetric when Q is symmetric; the record stores a copy and
 *     {@link #x()} returns a copy
 * @param relativeResidual relative residual as defined above
 * @param separation smallest operator eigenvalue magnitude, in the units of A (continuous)
 *     or dimensionless (discrete)
 * @param relativeSeparation {@code separation} divided by {@code 2 ||A||_F} (continuous) or
 *     by {@code ||A||_F^2 + sqrt(n)} (discrete); infinite for n = 0
 */
public record LyapunovSolution(DMatrixRMaj x, double relativeResidual, double separation,
        double relativeSeparation) {

    /**
     * Stores a copy of {@code x}.
     *
     * @param x the solution X, symmetric when Q is symmetric; the record stores a copy and
     *     {@link #x()} returns a copy
     * @param relativeResidual relative residual as defined above
     * @param separation smallest operator eigenvalue magnitude, in the units of A (continuous)
     *     or dimensionless (discrete)
     * @param relativeSeparation {@code separation} divided by {@code 2 ||A||_F} (continuous) or
     *     by {@code ||A||_F^2 + sqrt(n)} (discrete); infinite for n = 0
     */
    public LyapunovSolution {
        x = x.copy();
    }

    /**
     * Returns a copy of the solution.
     *
     * @return X, n x n
     */
    @Override
    public DMatrixRMaj x() {
        return x.copy();
    }
}
