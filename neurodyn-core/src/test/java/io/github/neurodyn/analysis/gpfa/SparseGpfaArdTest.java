package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.analysis.SubspaceAngles;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ARD on synthetic data drawn from the model with 3 true latents and 10 requested: the fit must
 * retain exactly 3 and recover the true loading subspace.
 */
class SparseGpfaArdTest {

    /** Largest principal angle between the retained and the true loadings, in degrees. */
    private static final double MAX_ANGLE_DEGREES = 10;
    private static final double[] TRUE_LENGTH_SCALES = {0.06, 0.12, 0.25};
    private static final int REQUESTED = 10;

    @Test
    void smallProblemRetainsThreeLatents() {
        check(12, 6, 40, options(10, 100, 6, 12));
    }

    @Test
    @Tag("slow")
    void minibatchesRetainThreeLatents() {
        check(20, 8, 50, options(12, 300, 4, 10));
    }

    /** Runs the Adam path that non-Gaussian noise models use, on Gaussian data. */
    @Test
    @Tag("slow")
    void gradientStepsRetainThreeLatents() {
        Random random = new Random(2021);
        GpfaParameters truth = SyntheticGpfa.model(20, TRUE_LENGTH_SCALES, random);
        GpfaData data = SyntheticGpfa.draw(truth, 8, 50, 20, random);
        SparseGpfaOptions options = new SparseGpfaOptions(REQUESTED, NoiseModel.GAUSSIAN, 12, 1000, 0.1, 8, 20, 0,
                SparseGpfaOptions.DEFAULT_RETENTION_THRESHOLD, 5L, null);
        PredictorLikelihood gaussian = GaussianPredictorLikelihood.INSTANCE;
        PredictorLikelihood withoutClosedForm = new PredictorLikelihood() {
            @Override
            public int parametersPerNeuron() {
                return gaussian.parametersPerNeuron();
            }

            @Override
            public double neuron(double[] y, double[] mean, double[] variance, int bins, double[] parameters,
                    double[] meanGradient, double[] varianceGradient, double[] parameterGradient) {
                return gaussian.neuron(y, mean, variance, bins, parameters, meanGradient, varianceGradient,
                        parameterGradient);
            }
        };
        assertRecovered(truth, SparseGpfa.fit(data, options, withoutClosedForm));
    }

    private static SparseGpfaOptions options(int inducing, int iterations, int segmentsPerBatch,
            int neuronsPerBatch) {
        return new SparseGpfaOptions(REQUESTED, NoiseModel.GAUSSIAN, inducing, iterations, 0.05, segmentsPerBatch,
                neuronsPerBatch, 0, SparseGpfaOptions.DEFAULT_RETENTION_THRESHOLD, 5L, null);
    }

    private static void check(int neurons, int segments, int bins, SparseGpfaOptions options) {
        Random random = new Random(2021);
        GpfaParameters truth = SyntheticGpfa.model(neurons, TRUE_LENGTH_SCALES, random);
        GpfaData data = SyntheticGpfa.draw(truth, segments, bins, 20, random);
        assertRecovered(truth, SparseGpfa.fit(data, options));
    }

    private static void assertRecovered(GpfaParameters truth, SparseGpfaFit fit) {
        String scales = Arrays.toString(fit.ardScales());
        assertEquals(TRUE_LENGTH_SCALES.length, fit.retainedLatents(), "ARD scales " + scales);
        DMatrixRMaj retained = retainedLoadings(fit, SparseGpfaOptions.DEFAULT_RETENTION_THRESHOLD);
        double[] angles = SubspaceAngles.between(retained, truth.loadings());
        double worst = Math.toDegrees(angles[angles.length - 1]);
        assertTrue(worst < MAX_ANGLE_DEGREES, "largest principal angle " + worst + " degrees");
    }

    /** Returns the columns of C whose ARD scale passes the retention threshold. */
    static DMatrixRMaj retainedLoadings(SparseGpfaFit fit, double threshold) {
        int[] retainedIndices = fit.retainedIndices(threshold);
        DMatrixRMaj c = fit.parameters().loadings();
        DMatrixRMaj retained = new DMatrixRMaj(c.numRows, retainedIndices.length);
        for (int i = 0; i < retainedIndices.length; i++) {
            CommonOps_DDRM.extract(c, 0, c.numRows, retainedIndices[i], retainedIndices[i] + 1, retained, 0, i);
        }
        return retained;
    }
}
