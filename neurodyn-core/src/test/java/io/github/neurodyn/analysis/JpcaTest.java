package io.github.neurodyn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.testing.SharedData;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class JpcaTest {

    private static final double BIN_SECONDS = 0.010;
    /** Relative error allowed on frequencies recovered from data with noise 1e-6. */
    private static final double FREQUENCY_TOLERANCE = 1e-4;
    private static final double ROUND_OFF = 1e-10;

    private static Recording rotating(double noise) {
        DMatrixRMaj transition = SyntheticRecordings.rotationGenerator(0.2, 0.07);
        CommonOps_DDRM.addEquals(transition, CommonOps_DDRM.identity(4));
        return SyntheticRecordings.simulate(transition, 8, 30, 20, noise, 42);
    }

    @Test
    void recoversRotationFrequencies() {
        JpcaResult result = Jpca.of(rotating(1e-6), JpcaOptions.defaults().withPcs(4));
        double[] frequencies = result.planeFrequenciesRadPerSecond();
        assertEquals(0.2 / BIN_SECONDS, frequencies[0], FREQUENCY_TOLERANCE * frequencies[0]);
        assertEquals(0.07 / BIN_SECONDS, frequencies[1], FREQUENCY_TOLERANCE * frequencies[0]);
        assertEquals(frequencies[0] / (2 * Math.PI), result.planeFrequenciesHz()[0], ROUND_OFF);
        assertEquals(1.0, result.r2Skew(), 1e-6);
        assertEquals(1.0, result.r2Best(), 1e-6);
        assertEquals(1.0, result.r2SkewPlane1(), 1e-6);
        assertEquals(1.0, result.varianceCapturedByPcs(), 1e-6);
    }

    @Test
    void exactRotationGivesSineOfAngle() {
        double angle = 0.3;
        DMatrixRMaj rotation = new DMatrixRMaj(new double[][] {
            {Math.cos(angle), -Math.sin(angle)}, {Math.sin(angle), Math.cos(angle)}});
        Recording recording = SyntheticRecordings.simulate(rotation, 5, 12, 6, 0, 7);
        JpcaResult result = Jpca.of(recording, JpcaOptions.defaults().withPcs(2));
        assertEquals(Math.sin(angle) / BIN_SECONDS, result.planeFrequenciesRadPerSecond()[0], ROUND_OFF * 100);
    }

    @Test
    void frequenciesAreEigenvaluesOfSkewFit() {
        JpcaResult result = Jpca.of(rotating(1e-3), JpcaOptions.defaults().withPcs(4));
        Complex[] eigenvalues = new EigenDecompositionNonSymmetric(
                MatrixUtils.createRealMatrix(PcaTest.toArray(result.mSkew()))).getEigenvalues();
        double[] magnitudes = new double[eigenvalues.length];
        for (int i = 0; i < eigenvalues.length; i++) {
            magnitudes[i] = Math.abs(eigenvalues[i].getImaginary());
        }
        java.util.Arrays.sort(magnitudes);
        double[] frequencies = result.planeFrequenciesRadPerSecond();
        assertEquals(magnitudes[3] / BIN_SECONDS, frequencies[0], ROUND_OFF * frequencies[0]);
        assertEquals(magnitudes[1] / BIN_SECONDS, frequencies[1], ROUND_OFF * frequencies[0]);
    }

    @Test
    void planesAreOrthonormalAndRotateCounterClockwise() {
        JpcaResult result = Jpca.of(rotating(1e-3), JpcaOptions.defaults().withPcs(4));
        DMatrixRMaj jpcs = result.jpcs();
        DMatrixRMaj gram = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.multTransA(jpcs, jpcs, gram);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 1.0 : 0.0, gram.get(i, j), ROUND_OFF, "J^T J (" + i + ", " + j + ")");
            }
        }
        DMatrixRMaj inPlanes = new DMatrixRMaj(4, 4);
        DMatrixRMaj half = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.multTransA(jpcs, result.mSkew(), half);
        CommonOps_DDRM.mult(half, jpcs, inPlanes);
        for (int plane = 0; plane < 2; plane++) {
            double speed = result.planeFrequenciesRadPerSecond()[plane] * BIN_SECONDS;
            assertEquals(speed, inPlanes.get(2 * plane + 1, 2 * plane), ROUND_OFF, "plane " + plane + " rotation");
            assertEquals(-speed, inPlanes.get(2 * plane, 2 * plane + 1), ROUND_OFF, "plane " + plane + " rotation");
        }
        assertEquals(0.0, inPlanes.get(2, 0), ROUND_OFF, "planes are invariant");
    }

    @Test
    void firstAxisFollowsInitialSpread() {
        JpcaResult result = Jpca.of(rotating(1e-3), JpcaOptions.defaults().withPcs(4));
        double[][][] projections = result.projections();
        DMatrixRMaj first = new DMatrixRMaj(projections.length, 2);
        for (int c = 0; c < projections.length; c++) {
            first.set(c, 0, projections[c][0][0]);
            first.set(c, 1, projections[c][0][1]);
        }
        DMatrixRMaj direction = Pca.of(first, 1).components();
        assertEquals(1.0, Math.abs(direction.get(0, 0)), ROUND_OFF);
        double extreme = 0;
        for (double[][] condition : projections) {
            for (double[] state : condition) {
                if (Math.abs(state[1]) > Math.abs(extreme)) {
                    extreme = state[1];
                }
            }
        }
        assertTrue(extreme > 0, "largest second-axis excursion is positive");
    }

    @Test
    void varianceAccountsAddUp() {
        JpcaResult result = Jpca.of(rotating(0.05), JpcaOptions.defaults().withPcs(4));
        double perJpc = 0;
        for (double v : result.varianceCapturedPerJpc()) {
            perJpc += v;
        }
        double perPlane = result.varianceCapturedPerPlane()[0] + result.varianceCapturedPerPlane()[1];
        assertEquals(result.varianceCapturedByPcs(), perJpc, ROUND_OFF);
        assertEquals(perJpc, perPlane, ROUND_OFF);
        assertTrue(result.varianceCapturedByPcs() < 1.0, "noise lies partly outside the PCs");
        assertEquals(20, result.neurons());
        assertEquals(30, result.analysedTimeBins());
        DMatrixRMaj highD = result.jpcsInNeuronSpace();
        assertEquals(20, highD.numRows);
        DMatrixRMaj plane = result.planeProjection(3, 1);
        assertEquals(result.projections()[3][5][3], plane.get(5, 1));
    }

    @Test
    void allTimeProjectionsAgreeOnWindow() {
        Recording recording = rotating(1e-3);
        JpcaResult result = Jpca.of(recording, JpcaOptions.defaults().withPcs(4).withWindowMs(50, 150));
        double[][][] all = result.projectionsAllTimes();
        double[][][] window = result.projections();
        assertEquals(recording.timeBinCount(), all[0].length);
        assertEquals(0.0, result.allTimesMs()[0]);
        for (int c = 0; c < window.length; c++) {
            for (int t = 0; t < window[c].length; t++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(window[c][t][j], all[c][t + 5][j], ROUND_OFF, "condition " + c + ", bin " + t);
                }
            }
        }
    }

    @Test
    void decayWithoutRotationFitsBestButNotSkew() {
        DMatrixRMaj transition = CommonOps_DDRM.diag(0.95, 0.9, 0.85, 0.8);
        Recording recording = SyntheticRecordings.simulate(transition, 8, 30, 20, 1e-4, 9);
        JpcaResult result = Jpca.of(recording, JpcaOptions.defaults().withPcs(4));
        assertTrue(result.r2Best() > 0.99, "r2Best = " + result.r2Best());
        assertTrue(result.r2Skew() < 0.2, "r2Skew = " + result.r2Skew());
    }

    @Test
    void windowAndSoftNormalisationAreApplied() {
        Recording recording = rotating(1e-3);
        JpcaResult windowed = Jpca.of(recording, JpcaOptions.defaults().withPcs(4).withWindowMs(50, 150));
        assertEquals(11, windowed.analysedTimeBins());
        assertEquals(50.0, windowed.analysedTimesMs()[0]);
        JpcaResult softened = Jpca.of(recording, JpcaOptions.defaults().withPcs(4).withSoftNormalisation(0.5));
        double[] factors = softened.normalisationFactors();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < recording.conditionCount(); c++) {
            for (int t = 0; t < recording.timeBinCount(); t++) {
                min = Math.min(min, recording.rate(c, t, 0));
                max = Math.max(max, recording.rate(c, t, 0));
            }
        }
        assertEquals(max - min + 0.5, factors[0], ROUND_OFF);
    }

    @Test
    void rejectsUnusableInput() {
        Recording recording = rotating(1e-3);
        assertThrows(IllegalArgumentException.class, () -> JpcaOptions.defaults().withPcs(3));
        assertThrows(IllegalArgumentException.class, () -> JpcaOptions.defaults().withWindowMs(10, 0));
        assertThrows(IllegalArgumentException.class, () -> JpcaOptions.defaults().withSoftNormalisation(-1));
        assertThrows(IllegalArgumentException.class,
                () -> Jpca.of(recording, JpcaOptions.defaults().withWindowMs(1000, 2000)));
        assertThrows(IllegalArgumentException.class, () -> Jpca.of(recording, JpcaOptions.defaults().withPcs(22)));
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> Jpca.of(rotating(0), JpcaOptions.defaults().withPcs(6)));
        assertTrue(rank.getMessage().contains("fewer than 6 dimensions"), rank.getMessage());
        Recording uneven = Recording.of(List.of("a", "b"), new double[] {0, 10, 30},
                new double[][][] {{{1, 2}, {2, 1}, {0, 3}}, {{0, 1}, {3, 2}, {1, 1}}});
        assertThrows(IllegalArgumentException.class, () -> Jpca.of(uneven, JpcaOptions.defaults().withPcs(2)));
    }

    @Test
    void identicalConditionsHaveZeroVariance() {
        // Both conditions are the same, so nothing is left once their mean is removed at each bin.
        double[][] rates = {{1, 2}, {2, 1}, {0, 3}};
        Recording same = Recording.of(List.of("a", "b"), new double[] {0, 10, 20}, new double[][][] {rates, rates});
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Jpca.of(same, JpcaOptions.defaults().withPcs(2)));
        assertTrue(error.getMessage().contains("zero variance"), error.getMessage());
    }

    @Test
    void recordedReachRotatesInFirstPlane() {
        Recording recording = RecordingCsv.read(SharedData.require("data/churchland2012_tme_subset/rates.csv"));
        assertEquals(10, recording.conditionCount());
        assertEquals(61, recording.timeBinCount());
        assertEquals(50, recording.neuronCount());
        JpcaResult result = Jpca.of(recording, JpcaOptions.defaults().withWindowMs(-50, 150));
        assertEquals(21, result.analysedTimeBins());
        assertTrue(result.planeFrequenciesRadPerSecond()[0] > 0, "plane 1 rotates");
        double ratio = result.r2SkewPlane1() / result.r2BestPlane1();
        assertTrue(ratio >= 0.5, "r2SkewPlane1 / r2BestPlane1 = " + ratio);
        assertTrue(result.r2Skew() <= result.r2Best(), "the constrained fit cannot beat the unconstrained one");
    }
}
