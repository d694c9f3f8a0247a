package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.analysis.SubspaceAngles;
import io.github.neurodyn.api.NotConvergedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparseGpfaTest {

    /** Largest principal angle between the retained and the true loadings, in degrees. */
    private static final double MAX_ANGLE_DEGREES = 10;
    private static final double[] TRUE_LENGTH_SCALES = {0.06, 0.12, 0.25};
    private static final int REQUESTED = 3;
    private static final int ITERATIONS = 200;

    private static GpfaParameters truth;
    private static GpfaData data;
    private static SparseGpfaFit fit;
    private static final List<Double> heard = new ArrayList<>();

    @BeforeAll
    static void fitSyntheticData() {
        Random random = new Random(2021);
        truth = SyntheticGpfa.model(12, TRUE_LENGTH_SCALES, random);
        data = SyntheticGpfa.draw(truth, 6, 40, 20, random);
        SparseGpfaOptions options = new SparseGpfaOptions(REQUESTED, NoiseModel.GAUSSIAN, 10, ITERATIONS, 0.02, 4, 8, 0, 0.01, 5L,
                (iteration, elbo) -> heard.add(elbo));
        fit = SparseGpfa.fit(data, options);
    }

    @Test
    void loadingSubspaceIsRecovered() {
        DMatrixRMaj retained = SparseGpfaArdTest.retainedLoadings(fit, 0.01);
        double[] angles = SubspaceAngles.between(retained, truth.loadings());
        double worst = Math.toDegrees(angles[angles.length - 1]);
        assertTrue(worst < MAX_ANGLE_DEGREES, "largest principal angle " + worst + " degrees");
    }

    @Test
    void objectiveRises() {
        double[] history = fit.elboHistory();
        assertTrue(history[history.length - 1] > history[0], "final " + history[history.length - 1]
                + " not above first " + history[0]);
    }

    @Test
    void listenerSeesEveryIteration() {
        assertEquals(fit.elboHistory().length, heard.size());
    }

    @Test
    void tooManyLatentsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> SparseGpfa.fit(data, SparseGpfaOptions.defaults(13)));
    }

    @Test
    void latentsOnFinerGridAreFinite() {
        double[] fine = new double[160];
        for (int t = 0; t < fine.length; t++) {
            fine[t] = 5 * t;
        }
        LatentMarginals marginals = fit.latents(0, fine);
        for (double v : marginals.variances().data) {
            assertTrue(v > 0, "variance " + v);
        }
    }

    @Test
    void latentsMatchInducingPosterior() {
        double[] times = data.timesMs(1);
        LatentMarginals direct = fit.segmentPosteriors().get(1).marginals(fit.parameters(), times);
        assertEquals(direct.means().get(7, 2), fit.latents(1, times).means().get(7, 2), 0);
    }

    /** Returns 4 neurons of seeded Gaussian noise, standard deviation {@code scale}, on 30 bins. */
    private static GpfaData gaussianData(double binMs, double scale) {
        Random random = new Random(7);
        int bins = 30;
        double[] times = new double[bins];
        DMatrixRMaj activity = new DMatrixRMaj(bins, 4);
        for (int t = 0; t < bins; t++) {
            times[t] = binMs * t;
            for (int n = 0; n < 4; n++) {
                activity.set(t, n, scale * random.nextGaussian());
            }
        }
        return GpfaData.continuous(List.of("a", "b", "c", "d"), times, activity);
    }

    @Test
    void overflowingVarianceRejected() {
        // Entries near 1e300 are finite, but their squares overflow the covariance.
        GpfaData huge = gaussianData(20, 1e300);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SparseGpfa.fit(huge, SparseGpfaOptions.defaults(2)));
        assertTrue(error.getMessage().contains("variance of neuron a overflows"), error.getMessage());
    }

    @Test
    void underflowingVarianceRejected() {
        // Entries near 1e-300 vary, but their squares underflow to zero in the covariance.
        GpfaData tiny = gaussianData(20, 1e-300);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SparseGpfa.fit(tiny, SparseGpfaOptions.defaults(2)));

        assertTrue(error.getMessage().contains("activity of neuron a varies"), error.getMessage());
        assertTrue(error.getMessage().contains("too small for its variance to be represented"), error.getMessage());
    }

    @Test
    void silentNeuronRejected() {
        GpfaData data = gaussianData(20, 1.0);
        DMatrixRMaj activity = data.activity(0);
        for (int t = 0; t < activity.numRows; t++) {
            activity.set(t, 2, 0.0);
        }
        GpfaData constant = GpfaData.continuous(List.of("a", "b", "c", "d"), data.timesMs(0), activity);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SparseGpfa.fit(constant, SparseGpfaOptions.defaults(2)));

        assertTrue(error.getMessage().contains("activity of neuron c is constant"), error.getMessage());
    }

    @Test
    void hugeBinSpacingRaisesNotConverged() {
        // Bins 1e300 ms apart: squared time differences overflow, so the length-scale gradient is NaN.
        GpfaData spread = gaussianData(1e300, 1);
        NotConvergedException error = assertThrows(NotConvergedException.class,
                () -> SparseGpfa.fit(spread, SparseGpfaOptions.defaults(2)));
        assertTrue(error.getMessage().contains("became non-finite"), error.getMessage());
    }

    @Test
    void segmentOutOfRangeRejected() {
        assertThrows(IllegalArgumentException.class, () -> fit.latents(data.segmentCount(), new double[] {0}));
    }

    /**
     * Runs the Adam path with a noise model that owns no per-neuron parameter, as a Poisson model
     * does: Gaussian noise with unit variance.
     */
    @Test
    void modelWithoutNoiseParameterFits() {
        PredictorLikelihood unitGaussian = new PredictorLikelihood() {
            @Override
            public int parametersPerNeuron() {
                return 0;
            }

            @Override
            public double neuron(double[] y, double[] mean, double[] variance, int bins, double[] parameters,
                    double[] meanGradient, double[] varianceGradient, double[] parameterGradient) {
                double sum = 0;
                for (int t = 0; t < bins; t++) {
                    double residual = y[t] - mean[t];
                    sum -= 0.5 * (Math.log(2 * Math.PI) + residual * residual + variance[t]);
                    meanGradient[t] = residual;
                    varianceGradient[t] = -0.5;
                }
                return sum;
            }
        };
        SparseGpfaOptions options = new SparseGpfaOptions(REQUESTED, NoiseModel.GAUSSIAN, 10, 40, 0.05, 6, 12, 0,
                0.01, 5L, null);
        SparseGpfaFit unitFit = SparseGpfa.fit(data, options, unitGaussian);
        double[] history = unitFit.elboHistory();
        assertTrue(history[history.length - 1] > history[0], "final " + history[history.length - 1]
                + " not above first " + history[0]);
        assertEquals(1.0, unitFit.parameters().noiseVariances()[0], 0);
    }
}
