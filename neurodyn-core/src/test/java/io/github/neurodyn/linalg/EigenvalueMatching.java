package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/** Compares eigenvalues with those of Hipparchus as multisets, by greedy nearest matching. */
final class EigenvalueMatching {

    private EigenvalueMatching() {
    }

    /** Returns the eigenvalues of {@code a} computed by Hipparchus. */
    static Complex[] hipparchus(DMatrixRMaj a) {
        int n = a.numRows;
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = a.get(i, j);
            }
        }
        RealMatrix matrix = MatrixUtils.createRealMatrix(rows);
        return new EigenDecompositionNonSymmetric(matrix).getEigenvalues();
    }

    /**
     * Asserts that each eigenvalue {@code real[k] + i imag[k]} has its own partner in
     * {@code expected} within {@code tolerance}.
     */
    static void assertSameMultiset(String label, Complex[] expected, double[] real, double[] imag, double tolerance) {
        assertEquals(expected.length, real.length, label + ": number of eigenvalues");
        boolean[] used = new boolean[expected.length];
        for (int k = 0; k < real.length; k++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int m = 0; m < expected.length; m++) {
                if (used[m]) {
                    continue;
                }
                double distance = Math.hypot(expected[m].getReal() - real[k], expected[m].getImaginary() - imag[k]);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = m;
                }
            }
            used[best] = true;
            assertTrue(bestDistance <= tolerance, label + ": eigenvalue " + real[k] + " + " + imag[k]
                    + "i is " + bestDistance + " from its nearest partner, above " + tolerance);
        }
    }
}
