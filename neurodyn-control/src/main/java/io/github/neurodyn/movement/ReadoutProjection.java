package io.github.neurodyn.movement;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** Orthogonal projector onto the complement of a span, used to constrain the readout. */
final class ReadoutProjection {

    private ReadoutProjection() {
    }

    /**
     * Returns {@code P = I - U U^T}, U an orthonormal basis of the span of the given vectors
     * (modified Gram-Schmidt, applied twice for orthogonality to round-off). A vector whose
     * remainder is below {@code tolerance} times its norm adds no direction.
     */
    static DMatrixRMaj complementProjector(List<double[]> vectors, int dimension, double tolerance) {
        List<double[]> basis = new ArrayList<>();
        for (double[] vector : vectors) {
            double[] u = vector.clone();
            double original = norm(u);
            if (original == 0) {
                continue;
            }
            for (int pass = 0; pass < 2; pass++) {
                for (double[] q : basis) {
                    double dot = 0;
                    for (int i = 0; i < dimension; i++) {
                        dot += q[i] * u[i];
                    }
                    for (int i = 0; i < dimension; i++) {
                        u[i] -= dot * q[i];
                    }
                }
            }
            double remainder = norm(u);
            if (remainder > tolerance * original) {
                for (int i = 0; i < dimension; i++) {
                    u[i] /= remainder;
                }
                basis.add(u);
            }
        }
        DMatrixRMaj projector = new DMatrixRMaj(dimension, dimension);
        for (int i = 0; i < dimension; i++) {
            projector.set(i, i, 1.0);
        }
        for (double[] q : basis) {
            for (int r = 0; r < dimension; r++) {
                for (int c = 0; c < dimension; c++) {
                    projector.data[r * dimension + c] -= q[r] * q[c];
                }
            }
        }
        return projector;
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
