package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The column kernels against a plain triple-loop product, the zero-skipping product against
 * the dense one, and the batch kernel against single trials.
 */
class ColumnKernelsTest {

    /** Agreement with the reference, relative to sum_j |W(i, j) r_j| + |y_i| of the same row. */
    private static final double REFERENCE_TOLERANCE = 1e-13;
    /** Fraction of rates set to zero, about what a ReLU network at rest has. */
    private static final double ZERO_FRACTION = 0.5;

    static IntStream sizes() {
        return IntStream.concat(IntStream.rangeClosed(1, 37), IntStream.of(64, 200));
    }

    private static double[][] randomColumns(int n, Random random) {
        double[][] columns = new double[n][n];
        for (double[] column : columns) {
            for (int i = 0; i < n; i++) {
                column[i] = random.nextGaussian();
            }
        }
        return columns;
    }

    /** Rates with about {@link #ZERO_FRACTION} exact zeros, some of them negative zeros. */
    private static double[] rectifiedRates(int n, Random random) {
        double[] r = new double[n];
        for (int j = 0; j < n; j++) {
            double u = random.nextDouble();
            if (u < ZERO_FRACTION / 2) {
                r[j] = 0.0;
            } else if (u < ZERO_FRACTION) {
                r[j] = -0.0;
            } else {
                r[j] = random.nextGaussian();
            }
        }
        return r;
    }

    private static double[] randomVector(int n, Random random) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    /** Returns y + W r by a plain loop over rows and columns, and the scale of each row. */
    private static double[][] reference(double[][] columns, double[] r, double[] y, int n) {
        double[] sum = new double[n];
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            sum[i] = y[i];
            scale[i] = Math.abs(y[i]);
            for (int j = 0; j < n; j++) {
                sum[i] += columns[j][i] * r[j];
                scale[i] += Math.abs(columns[j][i] * r[j]);
            }
        }
        return new double[][] {sum, scale};
    }

    private static double[] activeProduct(double[][] columns, double[] r, double[] y0, int n) {
        double[] y = y0.clone();
        int[] active = new int[n];
        int count = ColumnKernels.activeColumns(r, n, active);
        ColumnKernels.multiplyAdd(columns, r, active, count, y, n);
        return y;
    }

    private static double[] denseProduct(double[][] columns, double[] r, double[] y0, int n) {
        double[] y = y0.clone();
        ColumnKernels.multiplyAdd(columns, r, ColumnKernels.allColumns(n), n, y, n);
        return y;
    }

    private static void assertMatchesReference(double[][] columns, double[] r, double[] y0, double[] actual, int n) {
        double[][] expected = reference(columns, r, y0, n);
        for (int i = 0; i < n; i++) {
            double error = Math.abs(actual[i] - expected[0][i]);
            assertTrue(error <= REFERENCE_TOLERANCE * expected[1][i],
                    "n = " + n + ", row " + i + ": error " + error + " against scale " + expected[1][i]);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void activeProductMatchesTripleLoop(int n) {
        Random random = new Random(1000 + n);
        double[][] columns = randomColumns(n, random);
        double[] r = rectifiedRates(n, random);
        double[] y0 = randomVector(n, random);

        assertMatchesReference(columns, r, y0, activeProduct(columns, r, y0, n), n);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void denseProductMatchesTripleLoop(int n) {
        Random random = new Random(2000 + n);
        double[][] columns = randomColumns(n, random);
        double[] r = randomVector(n, random);
        double[] y0 = randomVector(n, random);

        assertMatchesReference(columns, r, y0, denseProduct(columns, r, y0, n), n);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void skippingZerosKeepsDenseResult(int n) {
        Random random = new Random(3000 + n);
        double[][] columns = randomColumns(n, random);
        double[] r = rectifiedRates(n, random);
        double[] y0 = randomVector(n, random);

        double[] skipped = activeProduct(columns, r, y0, n);
        double[] dense = denseProduct(columns, r, y0, n);
        for (int i = 0; i < n; i++) {
            // == treats 0.0 and -0.0 as equal, the one difference that skipping may cause.
            assertTrue(skipped[i] == dense[i], "n = " + n + ", row " + i + ": " + skipped[i] + " != " + dense[i]);
        }
    }

    /** Returns y0 + W r by the documented chain: one update per listed column, in column order. */
    private static double[] documentedChain(double[][] columns, double[] r, double[] y0, int n) {
        double[] y = y0.clone();
        for (int j = 0; j < n; j++) {
            if (r[j] == 0.0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                y[i] = ColumnKernels.FUSED ? Math.fma(columns[j][i], r[j], y[i]) : y[i] + columns[j][i] * r[j];
            }
        }
        return y;
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void activeProductFollowsDocumentedChainBitForBit(int n) {
        Random random = new Random(7000 + n);
        double[][] columns = randomColumns(n, random);
        double[] r = rectifiedRates(n, random);
        double[] y0 = randomVector(n, random);

        assertArrayEquals(documentedChain(columns, r, y0, n), activeProduct(columns, r, y0, n), "n = " + n);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void denseProductFollowsDocumentedChainBitForBit(int n) {
        Random random = new Random(8000 + n);
        double[][] columns = randomColumns(n, random);
        double[] r = randomVector(n, random);
        double[] y0 = randomVector(n, random);

        assertArrayEquals(documentedChain(columns, r, y0, n), denseProduct(columns, r, y0, n), "n = " + n);
    }

    @Test
    void fusedUpdateKeepsRoundingErrorOfProduct() {
        // w r = 1 + 2^-29 + 2^-60 is not a double: the fused update returns the 2^-60 that a
        // rounded product loses, the unfused one returns 0.
        double w = 1.0 + 0x1p-30;
        double[][] columns = {{w}};
        double[] r = {w};
        double[] y0 = {-(w * w)};

        double expected = ColumnKernels.FUSED ? 0x1p-60 : 0.0;
        assertEquals(expected, denseProduct(columns, r, y0, 1)[0]);
    }

    @Test
    void propertyTrueForcesFusedUpdate() {
        assertTrue(ColumnKernels.useFusedMultiplyAdd("true", () -> Optional.of(false)));
    }

    @Test
    void propertyFalseForcesUnfusedUpdate() {
        assertFalse(ColumnKernels.useFusedMultiplyAdd(" FALSE ", () -> Optional.of(true)));
    }

    @Test
    void unsetPropertyFollowsJvm() {
        assertFalse(ColumnKernels.useFusedMultiplyAdd(null, () -> Optional.of(false)));
    }

    @Test
    void unknownJvmAnswerMeansFused() {
        assertTrue(ColumnKernels.useFusedMultiplyAdd(null, Optional::empty));
    }

    @Test
    void invalidPropertyFallsBackToJvm() {
        assertFalse(ColumnKernels.useFusedMultiplyAdd("yes", () -> Optional.of(false)));
    }

    @Test
    void skippingZerosMayKeepNegativeZero() {
        // The dense sum -0 + 1 * 0 rounds to +0; skipping the zero rate keeps the -0 of y.
        double[][] columns = {{1.0}};
        double[] r = {0.0};
        double[] y0 = {-0.0};

        assertEquals(-0.0, activeProduct(columns, r, y0, 1)[0]);
        assertEquals(0.0, denseProduct(columns, r, y0, 1)[0]);
    }

    @Test
    void activeColumnsListsNonZeroRates() {
        double[] r = {0.0, 1.5, -0.0, Double.NaN, 0.0, -2.0, Double.MIN_VALUE};
        int[] active = new int[r.length];

        int count = ColumnKernels.activeColumns(r, r.length, active);
        assertEquals(4, count);
        assertArrayEquals(new int[] {1, 3, 5, 6}, Arrays.copyOf(active, count));
    }

    @Test
    void activeColumnsAfterLeadingRun() {
        double[] r = {1.0, 2.0, 0.0, 3.0, 0.0};
        int[] active = new int[r.length];

        int count = ColumnKernels.activeColumns(r, r.length, active);
        assertEquals(3, count);
        assertArrayEquals(new int[] {0, 1, 3}, Arrays.copyOf(active, count));
    }

    @Test
    void activeColumnsOfNonZeroRates() {
        double[] r = {1.0, -2.0, 3.0};
        int[] active = {7, 7, 7};

        assertEquals(3, ColumnKernels.activeColumns(r, r.length, active));
        assertArrayEquals(new int[] {0, 1, 2}, active);
    }

    @Test
    void activeColumnsOfAllZeroRates() {
        double[] r = new double[9];
        int[] active = new int[r.length];

        assertEquals(0, ColumnKernels.activeColumns(r, r.length, active));
    }

    private static void assertBatchEqualsSingleTrials(double[][] columns, double[][] r, double[][] y, int n) {
        int trials = r.length;
        int[][] active = new int[trials][n];
        int[] counts = new int[trials];
        double[][] expected = new double[trials][];
        for (int b = 0; b < trials; b++) {
            counts[b] = ColumnKernels.activeColumns(r[b], n, active[b]);
            expected[b] = activeProduct(columns, r[b], y[b], n);
        }

        ColumnKernels.multiplyAddBatch(columns, r, active, counts, new int[trials], y, n, trials);
        for (int b = 0; b < trials; b++) {
            // assertArrayEquals on doubles compares bit patterns, so -0.0 differs from 0.0.
            assertArrayEquals(expected[b], y[b], "n = " + n + ", trial " + b);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void batchEqualsSingleTrialsBitForBit(int n) {
        int trials = 7;
        Random random = new Random(4000 + n);
        double[][] columns = randomColumns(n, random);
        double[][] r = new double[trials][];
        double[][] y = new double[trials][];
        for (int b = 0; b < trials; b++) {
            // Trial 0 has all rates zero and trial 1 none, the two ends of the column lists.
            if (b == 0) {
                r[b] = new double[n];
            } else if (b == 1) {
                r[b] = randomVector(n, random);
            } else {
                r[b] = rectifiedRates(n, random);
            }
            y[b] = randomVector(n, random);
        }

        assertBatchEqualsSingleTrials(columns, r, y, n);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void allActiveBatchEqualsSingleTrialsBitForBit(int n) {
        int trials = 5;
        Random random = new Random(6000 + n);
        double[][] columns = randomColumns(n, random);
        double[][] r = new double[trials][];
        double[][] y = new double[trials][];
        for (int b = 0; b < trials; b++) {
            r[b] = randomVector(n, random);
            y[b] = randomVector(n, random);
        }

        assertBatchEqualsSingleTrials(columns, r, y, n);
    }

    @Test
    void rectangularProductMatchesTripleLoop() {
        int n = 11;
        int m = 5;
        Random random = new Random(5000);
        double[][] columns = new double[m][];
        for (int j = 0; j < m; j++) {
            columns[j] = randomVector(n, random);
        }
        double[] e = randomVector(m, random);
        double[] y = randomVector(n, random);
        double[] expected = y.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                expected[i] = ColumnKernels.FUSED ? Math.fma(columns[j][i], e[j], expected[i])
                        : expected[i] + columns[j][i] * e[j];
            }
        }

        ColumnKernels.multiplyAddRectangular(columns, e, y, n);
        assertArrayEquals(expected, y);
    }
}
