package io.github.neurodyn.analysis.gpfa;

import static io.github.neurodyn.analysis.gpfa.GradientChecks.assertClose;
import static io.github.neurodyn.analysis.gpfa.GradientChecks.centralDifference;
import static io.github.neurodyn.analysis.gpfa.GradientChecks.entryDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks the Poisson bound under {@code q(C) q(x)} for both links: every gradient entry of the
 * neuron rows, {@code q(u)} and the log length scales against central finite differences.
 */
class PoissonBoundGradientTest {

    private static final double[] TIMES_MS = {0, 20, 40, 60, 80, 100, 140};
    private static final double[][] INDUCING_MS = {{10, 70, 130}, {0, 45, 90, 135}};
    private static final int NEURONS = 4;
    private static final int LATENTS = 2;
    /** The neuron minibatch of the bound, a strict subset so that excluded rows are checked too. */
    private static final int[] BATCH = {0, 1, 3};

    private GpfaParameters parameters;
    private DMatrixRMaj y;
    private DMatrixRMaj[] means;
    private DMatrixRMaj[] factors;
    private double[][] rows;
    private final double[] scales = {0.6, 0.4};
    private PoissonPredictorLikelihood likelihood;

    private void randomInstance(PoissonLink link) {
        Random random = new Random(43);
        double[] unit = new double[NEURONS];
        java.util.Arrays.fill(unit, 1);
        parameters = new GpfaParameters(new DMatrixRMaj(NEURONS, LATENTS), new double[NEURONS], unit,
                new double[] {0.05, 0.12}, new double[] {1.0, 0.7});
        y = new DMatrixRMaj(TIMES_MS.length, NEURONS);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = random.nextInt(6);
        }
        means = new DMatrixRMaj[LATENTS];
        factors = new DMatrixRMaj[LATENTS];
        GradientChecks.randomInducing(random, INDUCING_MS, means, factors);
        likelihood = new PoissonPredictorLikelihood(link);
        int length = BayesianLoadings.rowLength(LATENTS, likelihood);
        rows = new double[NEURONS][length];
        for (double[] row : rows) {
            for (int i = 0; i < length; i++) {
                row[i] = 0.4 * random.nextGaussian();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void rowLengthHasNoNoiseParameter(PoissonLink link) {
        randomInstance(link);
        assertEquals(LATENTS + LATENTS * (LATENTS + 1) / 2 + 1, rows[0].length);
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void rowGradientMatches(PoissonLink link) {
        randomInstance(link);
        Bound analytic = bound();
        for (int n = 0; n < NEURONS; n++) {
            for (int i = 0; i < rows[n].length; i++) {
                double[] row = rows[n];
                double numerical = entryDifference(row, i, () -> bound().value);
                assertClose(numerical, analytic.rowGradients[n][i], link + " neuron " + n + " row entry " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void variationalGradientMatches(PoissonLink link) {
        randomInstance(link);
        Bound analytic = bound();
        for (int j = 0; j < LATENTS; j++) {
            for (int i = 0; i < means[j].numRows; i++) {
                DMatrixRMaj target = means[j];
                double numerical = entryDifference(target.data, i, () -> bound().value);
                assertClose(numerical, analytic.latent.means()[j].data[i], link + " dm latent " + j + " entry " + i);
            }
            int m = factors[j].numRows;
            for (int row = 0; row < m; row++) {
                for (int col = 0; col <= row; col++) {
                    DMatrixRMaj target = factors[j];
                    int index = row * m + col;
                    double numerical = entryDifference(target.data, index, () -> bound().value);
                    assertClose(numerical, analytic.latent.factors()[j].data[index],
                            link + " dL latent " + j + " entry (" + row + ", " + col + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PoissonLink.class)
    void logLengthScaleGradientMatches(PoissonLink link) {
        randomInstance(link);
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
            assertClose(numerical, analytic.latent.logLengthScales()[j], link + " dlog l latent " + j);
        }
    }

    /** Returns {@code sum E(batch) - KL(q(u)) - sum_n KL(q(c_n))} and its gradients. */
    private Bound bound() {
        InducingLatents marginals = new InducingLatents(parameters, TIMES_MS, INDUCING_MS, means, factors);
        BayesianLoadings loadings = new BayesianLoadings(LATENTS, TIMES_MS.length, likelihood);
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
}
