package io.github.neurodyn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Solution of the Sylvester equation {@code A X + X B = C} with its diagnostics.
 *
 * @param x the solution X, m x n; the record stores a copy and {@link #x()} returns a copy
 * @param relativeResidual {@code ||A X + X B - C||_F / ((||A||_F + ||B||_F) ||X||_F + ||C||_F)}
 * @param separation {@code min |lambda_i(A) + mu_j(B)|}, an upper bound on the separation of
 *     the Sylvester operator, equal to it when A and B are normal
 * @param relativeSeparation {@code separation / (||A||_F + ||B||_F)}; infinite when X is empty
 */
public record SylvesterSolution(DMatrixRMaj x, double relativeResidual, double separation,
        double relativeSeparation) {

    /**
     * Stores a copy of {@code x}.
     *
     * @param x the solution X, m x n; the record stores a copy and {@link #x()} returns a copy
     * @param relativeResidual {@code ||A X + X B - C||_F / ((||A||_F + ||B||_F) ||X||_F + ||C||_F)}
     * @param separation {@code min |lambda_i(A) + mu_j(B)|}, an upper bound on the separation of
     *     the Sylvester operator, equal to it when A and B are normal
     * @param relativeSeparation {@code separation / (||A||_F + ||B||_F)}; infinite when X is empty
     */
    public SylvesterSolution {
        x = x.copy();
    }

    /**
     * Returns a copy of the solution.
     *
     * @return X, m x n
     */
    @Override
    public DMatrixRMaj x() {
        return x.copy();
    }
}
