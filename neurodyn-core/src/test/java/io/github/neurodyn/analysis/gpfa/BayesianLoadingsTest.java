package io.github.neurodyn.analysis.gpfa;

import static io.github.neurodyn.analysis.gpfa.GradientChecks.assertClose;
import static io.github.neurodyn.analysis.gpfa.GradientChecks.centralDifference;
import static io.github.neurodyn.analysis.gpfa.GradientChecks.entryDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the bound with a Gaussian posterior over C: every hand-derived gradient entry against
 * central finite differences, and the moments of the linear predictor against Monte Carlo.
 */
class BayesianLoadingsTest {

    /** Monte Carlo draws for the moment check. */
    private static final int DRAWS = 400_000;
    /** Allowed Monte Carlo error of the moments, in standard errors. */
    private static final double STANDARD_ERRORS = 5;

    private static final double[] TIMES_MS = {0, 20, 40, 60, 80, 100, 140};
    private static final double[][] INDUCING_MS = {{10, 70, 130}, {0, 45, 90, 135}};
    private static final int NEURONS = 5;
    private static final int LATENTS = 2;
    /** The neuron minibatch of the bound, a strict subset so that excluded rows are checked too. */
    private static final int[] BATCH = {0, 2, 3};

    private GpfaParameters parameters;
    private DMatrixRMaj y;
    private DMatrixRMaj[] means;
    private DMatrixRMaj[] factors;
    private double[][] rows;
    private double[] scales;

    @BeforeEach
    void randomInstance() {
        Random random = new Random(41);
        parameters = ExactGpfaTest.randomParameters(random);
        y = ExactGpfaTest.randomActivity(random, TIMES_MS.length);
        means = new DMatrixRMaj[LATENTS];
        factors = new DMatrixRMaj[LATENTS];
        GradientChecks.randomInducing(random, INDUCING_MS, means, factors);
        int length = BayesianLoadings.rowLength(LATENTS, GaussianPredictorLikelihood.INSTANCE);
        rows = new double[NEURONS][length];
        for (double[] row : rows) {
            for (int i = 0; i < length; i++) {
                row[i] = 0.5 * random.nextGaussian();
            }
        }
        scales = new double[] {0.8, 0.3};
    }

    @Test
    void rowGradientMatches() {
        Bound analytic = bound();
        for (int n = 0; n < NEURONS; n++) {
            for (int i = 0; i < rows[n].length; i++) {
                double[] row = rows[n];
                double numerical = entryDifference(row, i, () -> bound().value);
                assertClose(numerical, analytic.rowGradients[n][i], "neuron " + n + " row entry " + i);
            }
        }
    }

    @Test
    void variationalMeanGradientMatches() {
        Bound analytic = bound();
        for (int j = 0; j < LATENTS; j++) {
            for (int i = 0; i < means[j].numRows; i++) {
                DMatrixRMaj target = means[j];
                double numerical = entryDifference(target.data, i, () -> bound().value);
                assertClose(numerical, analytic.latent.means()[j].data[i], "dm latent " + j + " entry " + i);
            }
        }
    }

    @Test
    void variationalFactorGradientMatches() {
        Bound analytic = bound();
        for (int j = 0; j < LATENTS; j++) {
            int m = factors[j].numRows;
            for (int row = 0; row < m; row++) {
                for (int col = 0; col <= row; col++) {
                    DMatrixRMaj target = factors[j];
                    int index = row * m + col;
                    double numerical = entryDifference(target.data, index, () -> bound().value);
                    assertClose(numerical, analytic.latent.factors()[j].data[index],
                            "dL latent " + j + " entry (" + row + ", " + col + ")");
                }
            }
        }
    }

    @Test
    void logLengthScaleGradientMatches() {
        Bound analytic = bound();
        double[] lengths = parameters.lengthScalesSeconds();
        GpfaParameters original = parameters;
        for (int j = 0; j < LATENTS; j++) {
            int index = j;
            double numerical = centralDifference(Math.log(lengths[j]), value -> {
                double[] shifted = lengths.clone();
                shifted[index] = Math.exp(value);
                parameters = new GpfaParameters(original.loadings(), original.offsets(), original.noiseVariances(),
                        shifted, original.priorVariances());
                double result = bound().value;
                parameters = original;
                return result;
            });
            assertClose(numerical, analytic.latent.logLengthScales()[j], "dlog l latent " + j);
        }
    }

    @Test
    void predictorMomentsMatchMonteCarlo() {
        Recorder recorder = new Recorder(TIMES_MS.length);
        InducingLatents marginals = new InducingLatents(parameters, TIMES_MS, INDUCING_MS, means, factors);
        int neuron = 3;
        new BayesianLoadings(LATENTS, TIMES_MS.length, recorder).expectedLogLikelihood(marginals, y.data, NEURONS,
                new int[] {neuron}, rows, new double[NEURONS][rows[0].length], new double[TIMES_MS.length * LATENTS],
                new double[TIMES_MS.length * LATENTS]);
        double[] mu = new double[LATENTS];
        double[] covariance = new double[LATENTS * LATENTS];
        new BayesianLoadings(LATENTS, 1, recorder).moments(rows[neuron], mu, covariance);
        double l00 = Math.sqrt(covariance[0]);
        double l10 = covariance[2] / l00;
        double l11 = Math.sqrt(covariance[3] - l10 * l10);
        double offset = rows[neuron][BayesianLoadings.offsetIndex(LATENTS)];

        Random random = new Random(5);
        int t = 4;
        double sum = 0;
        double sumSquares = 0;
        double sumFourth = 0;
        for (int draw = 0; draw < DRAWS; draw++) {
            double z0 = random.nextGaussian();
            double z1 = random.nextGaussian();
            double c0 = mu[0] + l00 * z0;
            double c1 = mu[1] + l10 * z0 + l11 * z1;
            double x0 = marginals.means().get(t, 0) + Math.sqrt(marginals.variances().get(t, 0)) * random.nextGaussian();
            double x1 = marginals.means().get(t, 1) + Math.sqrt(marginals.variances().get(t, 1)) * random.nextGaussian();
            double eta = c0 * x0 + c1 * x1 + offset;
            double centred = eta - recorder.mean[t];
            sum += eta;
            sumSquares += centred * centred;
            sumFourth += centred * centred * centred * centred;
        }
        double sampleMean = sum / DRAWS;
        double sampleVariance = sumSquares / DRAWS;
        double meanError = Math.sqrt(recorder.variance[t] / DRAWS);
        double varianceError = Math.sqrt(sumFourth / DRAWS / DRAWS);
        assertEquals(recorder.mean[t], sampleMean, STANDARD_ERRORS * meanError, "E[eta]");
        assertEquals(recorder.variance[t], sampleVariance, STANDARD_ERRORS * varianceError, "Var[eta]");
    }

    /** Returns {@code sum E(batch) - KL(q(u)) - sum_n KL(q(c_n))} and its gradients. */
    private Bound bound() {
        InducingLatents marginals = new InducingLatents(parameters, TIMES_MS, INDUCING_MS, means, factors);
        BayesianLoadings loadings = new BayesianLoadings(LATENTS, TIMES_MS.length, GaussianPredictorLikelihood.INSTANCE);
        double[][] rowGradients = new double[NEURONS][rows[0].length];
        DMatrixRMaj g = new DMatrixRMaj(TIMES_MS.length, LATENTS);
        DMatrixRMaj h = new DMatrixRMaj(TIMES_MS.length, LATENTS);
        double value = loadings.expectedLogLikelihood(marginals, y.data, NEURONS, BATCH, rows, rowGradients, g.data,
                h.data);
        value -= marginals.divergence();
        for (int n = 0; n < NEURONS; n++) {
            value -= loadings.divergence(rows[n], scales, rowGradients[n]);
        }
        return new Bound(value, rowGradients, marginals.backward(g, h, 1));
    }

    private record Bound(double value, double[][] rowGradients, ElboGradient latent) {
    }

    /** Noise model that stores the predictor moments it receives and contributes nothing. */
    private static final class Recorder implements PredictorLikelihood {
        final double[] mean;
        final double[] variance;

        Recorder(int bins) {
            mean = new double[bins];
            variance = new double[bins];
        }

        @Override
        public int parametersPerNeuron() {
            return 1;
        }

        @Override
        public double neuron(double[] y, double[] etaMean, double[] etaVariance, int bins, double[] parameters,
                double[] meanGradient, double[] varianceGradient, double[] parameterGradient) {
            System.arraycopy(etaMean, 0, mean, 0, bins);
            System.arraycopy(etaVariance, 0, variance, 0, bins);
            return 0;
        }
    }
}
