package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.ReorderingFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests of the block swap itself. Bai and Demmel swaps of genuine Schur forms were accepted
 * in every case tried, including nearly equal eigenvalues with couplings of 1e9. The
 * rejection path is therefore exercised with blocks whose lower-left entry is not zero,
 * because then no orthogonal swap can make the result block triangular.
 */
class SchurSwapTest {

    @ParameterizedTest(name = "{0}x{0} above {1}x{1}")
    @CsvSource({"1, 2", "2, 1", "2, 2"})
    void corruptedBlockIsRejected(int upper, int lower) {
        int n = upper + lower;
        double[][] t = standardBlocks(upper, lower);
        t[n - 1][0] = 1e-3;
        double[][] before = copy(t);
        ReorderingFailedException error = assertThrows(ReorderingFailedException.class,
                () -> new SchurSwap(t, null, n).swap(0, upper, lower));
        assertEquals(0, error.blockRow());
        assertTrue(error.error() > error.threshold(), error.getMessage());
        assertTrue(error.getMessage().contains(upper + "x" + upper + " block at row 0"), error.getMessage());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(before[i], t[i], 0.0, "row " + i + " changed by a rejected swap");
        }
    }

    @ParameterizedTest(name = "{0}x{0} above {1}x{1}")
    @CsvSource({"1, 1", "1, 2", "2, 1", "2, 2"})
    void swapExchangesEigenvalues(int upper, int lower) {
        int n = upper + lower;
        double[][] t = standardBlocks(upper, lower);
        double[] realBefore = new double[n];
        double[] imagBefore = new double[n];
        SchurKernels.eigenvaluesOf(flatten(t), n, realBefore, imagBefore);
        new SchurSwap(t, null, n).swap(0, upper, lower);
        double[] real = new double[n];
        double[] imag = new double[n];
        SchurKernels.eigenvaluesOf(flatten(t), n, real, imag);
        for (int k = 0; k < lower; k++) {
            assertEquals(realBefore[upper + k], real[k], 1e-13, "real part " + k);
            assertEquals(imagBefore[upper + k], imag[k], 1e-13, "imaginary part " + k);
        }
        for (int k = 0; k < upper; k++) {
            assertEquals(realBefore[k], real[lower + k], 1e-13, "real part " + (lower + k));
            assertEquals(imagBefore[k], imag[lower + k], 1e-13, "imaginary part " + (lower + k));
        }
    }

    /** Builds T with a standardised block of eigenvalues 1 (+- 2i) above one of -1 (+- 0.5i). */
    private static double[][] standardBlocks(int upper, int lower) {
        int n = upper + lower;
        double[][] t = new double[n][n];
        t[0][0] = 1;
        if (upper == 2) {
            t[0][1] = 4;
            t[1][0] = -1;
            t[1][1] = 1;
        }
        t[upper][upper] = -1;
        if (lower == 2) {
            t[upper][upper + 1] = 0.5;
            t[upper + 1][upper] = -0.5;
            t[upper + 1][upper + 1] = -1;
        }
        for (int i = 0; i < upper; i++) {
            for (int j = upper; j < n; j++) {
                t[i][j] = 3 + i - 2 * j;
            }
        }
        return t;
    }

    private static double[][] copy(double[][] m) {
        double[][] result = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            result[i] = m[i].clone();
        }
        return result;
    }

    private static double[] flatten(double[][] m) {
        int n = m.length;
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, flat, i * n, n);
        }
        return flat;
    }
}
