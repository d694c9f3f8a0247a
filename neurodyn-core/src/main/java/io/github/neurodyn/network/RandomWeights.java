package io.github.neurodyn.network;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;

/** Random draws and row adjustments shared by the builders. */
final class RandomWeights {

    /**
     * Generator algorithm behind every seed. Its output for a given seed is fixed by the
     * algorithm's specification, so the same seed gives bit-identical matrices.
     */
    static final String ALGORITHM = "L64X128MixRandom";

    private RandomWeights() {
    }

    static RandomGenerator generator(long seed) {
        return RandomGeneratorFactory.of(ALGORITHM).create(seed);
    }

    /**
     * Adds i.i.d. N(0, gain^2 / n) entries to {@code w} in row-major order, skipping the
     * diagonal unless {@code selfConnections} is set.
     */
    static void addGaussian(DMatrixRMaj w, double gain, boolean selfConnections, RandomGenerator random) {
        int n = w.numRows;
        double sigma = gain / Math.sqrt(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j || selfConnections) {
                    w.add(i, j, sigma * random.nextGaussian());
                }
            }
        }
    }

    /**
     * Shifts the nonzero entries of each row by the same amount so that the row sums to
     * {@code rowSum}; zero entries, and with them the sparsity pattern, stay as they are.
     * A row without nonzero entries is left unchanged unless {@code rowSum} is nonzero.
     */
    static void shiftRows(DMatrixRMaj w, double rowSum) {
        int n = w.numRows;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            int nonzero = 0;
            for (int j = 0; j < n; j++) {
                double value = w.get(i, j);
                if (value != 0.0) {
                    sum += value;
                    nonzero++;
                }
            }
            if (nonzero == 0) {
                if (rowSum != 0.0) {
                    throw new IllegalArgumentException(String.format(
                            "rowSum = %s cannot be reached in row %d because the row has no connections; "
                                    + "expected rowSum = 0 or a denser network", rowSum, i));
                }
                continue;
            }
            double shift = (rowSum - sum) / nonzero;
            for (int j = 0; j < n; j++) {
                if (w.get(i, j) != 0.0) {
                    w.add(i, j, shift);
                }
            }
        }
    }
}
