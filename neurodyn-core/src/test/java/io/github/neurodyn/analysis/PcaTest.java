package io.github.neurodyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class PcaTest {

    private static final double TOLERANCE = 1e-10;

    /** Samples with a known, unequal spread per direction so that components are well separated. */
    private static DMatrixRMaj anisotropicSamples(int n, int p, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj samples = SyntheticRecordings.gaussian(n, p, random);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                samples.set(i, j, samples.get(i, j) * (p - j) + 0.3 * j);
            }
        }
        DMatrixRMaj rotation = SyntheticRecordings.orthonormalColumns(p, p, random);
        DMatrixRMaj rotated = new DMatrixRMaj(n, p);
        CommonOps_DDRM.mult(samples, rotation, rotated);
        return rotated;
    }

    @Test
    void variancesMatchCovarianceEigenvalues() {
        DMatrixRMaj samples = anisotropicSamples(200, 6, 1);
        PcaResult pca = Pca.of(samples);
        DMatrixRMaj covariance = SampleMatrices.covariance(samples);
        double[] expected = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(toArray(covariance)))
                .getEigenvalues();
        java.util.Arrays.sort(expected);
        double[] variances = pca.variances();
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[5 - i], variances[i], TOLERANCE * expected[5], "variance " + i);
        }
        assertEquals(CommonOps_DDRM.trace(covariance), pca.totalVariance(), TOLERANCE * pca.totalVariance());
    }

    @Test
    void componentsMatchEjmlSvdUpToSign() {
        DMatrixRMaj samples = anisotropicSamples(120, 5, 2);
        PcaResult pca = Pca.of(samples, 3);
        DMatrixRMaj centred = SampleMatrices.subtractRow(samples, SampleMatrices.columnMeans(samples));
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(120, 5, false, true, false);
        svd.decompose(centred);
        DMatrixRMaj v = svd.getV(null, false);
        double[] s = svd.getSingularValues();
        DMatrixRMaj components = pca.components();
        for (int k = 0; k < 3; k++) {
            int match = indexOfLargest(s, k);
            double dot = 0;
            for (int i = 0; i < 5; i++) {
                dot += components.get(i, k) * v.get(i, match);
            }
            assertEquals(1.0, Math.abs(dot), TOLERANCE, "component " + k);
            assertEquals(s[match] * s[match] / 119, pca.variances()[k], TOLERANCE * pca.variances()[0]);
        }
    }

    @Test
    void largestEntryOfEachComponentIsPositive() {
        DMatrixRMaj components = Pca.of(anisotropicSamples(50, 4, 3)).components();
        for (int k = 0; k < components.numCols; k++) {
            double largest = 0;
            for (int i = 0; i < components.numRows; i++) {
                if (Math.abs(components.get(i, k)) > Math.abs(largest)) {
                    largest = components.get(i, k);
                }
            }
            assertTrue(largest > 0, "component " + k);
        }
    }

    @Test
    void scoresAreCentredAndUncorrelated() {
        DMatrixRMaj samples = anisotropicSamples(80, 4, 4);
        PcaResult pca = Pca.of(samples, 4);
        DMatrixRMaj scores = pca.project(samples);
        DMatrixRMaj gram = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.multTransA(scores, scores, gram);
        for (int i = 0; i < 4; i++) {
            assertEquals(pca.variances()[i] * 79, gram.get(i, i), TOLERANCE * gram.get(0, 0));
            for (int j = i + 1; j < 4; j++) {
                assertEquals(0, gram.get(i, j), TOLERANCE * gram.get(0, 0), "scores " + i + " and " + j);
            }
        }
        double[] means = SampleMatrices.columnMeans(scores);
        for (double mean : means) {
            assertEquals(0, mean, TOLERANCE);
        }
        double explained = 0;
        for (double fraction : pca.varianceExplained()) {
            explained += fraction;
        }
        assertEquals(1.0, explained, TOLERANCE);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Pca.of(new DMatrixRMaj(1, 3)));
        assertThrows(IllegalArgumentException.class, () -> Pca.of(new DMatrixRMaj(5, 3), 4));
        assertThrows(IllegalArgumentException.class, () -> Pca.of(new DMatrixRMaj(5, 3), 0));
        DMatrixRMaj nan = new DMatrixRMaj(3, 2);
        nan.set(1, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> Pca.of(nan));
    }

    private static int indexOfLargest(double[] values, int rank) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        return order[rank];
    }

    static double[][] toArray(DMatrixRMaj m) {
        double[][] array = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                array[i][j] = m.get(i, j);
            }
        }
        return array;
    }
}
