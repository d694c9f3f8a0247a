package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.neurodyn.api.SingularEquationException;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class ExactGpfaTest {

    /** Agreement between the information form and the dense covariance form, relative. */
    private static final double FORM_AGREEMENT = 1e-9;

    private static final int NEURONS = 5;
    private static final int LATENTS = 2;
    private static final double[] TIMES_MS = {0, 20, 40, 60, 80, 100, 140};

    @Test
    void posteriorMatchesDenseConditioning() {
        Random random = new Random(11);
        GpfaParameters parameters = randomParameters(random);
        DMatrixRMaj y = randomActivity(random, TIMES_MS.length);
        LatentPosterior posterior = ExactGpfa.posterior(parameters, TIMES_MS, y);

        // dense form: mu = K A^T S^-1 (y - d), Sigma = K - K A^T S^-1 A K, S = A K A^T + R
        Dense dense = new Dense(parameters, TIMES_MS, y);
        int bins = TIMES_MS.length;
        for (int j = 0; j < LATENTS; j++) {
            for (int t = 0; t < bins; t++) {
                double expectedMean = dense.mean.get(j * bins + t);
                assertEquals(expectedMean, posterior.means().get(t, j), FORM_AGREEMENT * (1 + Math.abs(expectedMean)),
                        "mean of latent " + j + " at bin " + t);
                double expectedVariance = dense.covariance.get(j * bins + t, j * bins + t);
                assertEquals(expectedVariance, posterior.variances().get(t, j), FORM_AGREEMENT,
                        "variance of latent " + j + " at bin " + t);
            }
        }
    }

    @Test
    void marginalLikelihoodMatchesDenseGaussian() {
        Random random = new Random(12);
        GpfaParameters parameters = randomParameters(random);
        DMatrixRMaj y = randomActivity(random, TIMES_MS.length);
        double expected = new Dense(parameters, TIMES_MS, y).logDensity;
        double actual = ExactGpfa.posterior(parameters, TIMES_MS, y).logMarginalLikelihood();
        assertEquals(expected, actual, FORM_AGREEMENT * Math.abs(expected));
    }

    @Test
    void queryGridMatchesDenseConditioning() {
        Random random = new Random(13);
        GpfaParameters parameters = randomParameters(random);
        DMatrixRMaj y = randomActivity(random, TIMES_MS.length);
        double[] query = {-30, 10, 20, 95, 140, 200};
        LatentPosterior posterior = ExactGpfa.posterior(parameters, TIMES_MS, y, query);

        // dense form: x_q | y has mean K_qx A^T S^-1 r and covariance K_qq - K_qx A^T S^-1 A K_xq
        DMatrixRMaj joint = new DMatrixRMaj(LATENTS * query.length, LATENTS * TIMES_MS.length);
        DMatrixRMaj queryPrior = new DMatrixRMaj(LATENTS * query.length, LATENTS * query.length);
        DMatrixRMaj block = new DMatrixRMaj(1, 1);
        for (int j = 0; j < LATENTS; j++) {
            SquaredExponentialKernel.crossCovariance(ExactGpfa.toSeconds(query), ExactGpfa.toSeconds(TIMES_MS),
                    parameters.lengthScalesSeconds()[j], parameters.priorVariances()[j], block);
            CommonOps_DDRM.insert(block, joint, j * query.length, j * TIMES_MS.length);
            SquaredExponentialKernel.covariance(ExactGpfa.toSeconds(query), parameters.lengthScalesSeconds()[j],
                    parameters.priorVariances()[j], block);
            CommonOps_DDRM.insert(block, queryPrior, j * query.length, j * query.length);
        }
        Dense dense = new Dense(parameters, TIMES_MS, y);
        DMatrixRMaj queryGain = new DMatrixRMaj(joint.numRows, dense.observedGain.numCols);
        CommonOps_DDRM.mult(joint, dense.observedGain, queryGain);
        DMatrixRMaj expectedMean = new DMatrixRMaj(joint.numRows, 1);
        CommonOps_DDRM.mult(queryGain, dense.residual, expectedMean);
        DMatrixRMaj expectedCovariance = queryPrior.copy();
        DMatrixRMaj crossLoadings = new DMatrixRMaj(joint.numRows, dense.loadings.numRows);
        CommonOps_DDRM.multTransB(joint, dense.loadings, crossLoadings);
        CommonOps_DDRM.multAddTransB(-1, queryGain, crossLoadings, expectedCovariance);

        for (int j = 0; j < LATENTS; j++) {
            for (int q = 0; q < query.length; q++) {
                double mean = expectedMean.get(j * query.length + q);
                assertEquals(mean, posterior.means().get(q, j), FORM_AGREEMENT * (1 + Math.abs(mean)),
                        "mean of latent " + j + " at " + query[q] + " ms");
                double variance = expectedCovariance.get(j * query.length + q, j * query.length + q);
                assertEquals(variance, posterior.variances().get(q, j), FORM_AGREEMENT,
                        "variance of latent " + j + " at " + query[q] + " ms");
            }
        }
    }

    @Test
    void queryOnDataGridReproducesPosterior() {
        Random random = new Random(14);
        GpfaParameters parameters = randomParameters(random);
        DMatrixRMaj y = randomActivity(random, TIMES_MS.length);
        DMatrixRMaj direct = ExactGpfa.posterior(parameters, TIMES_MS, y).covariance();
        DMatrixRMaj queried = ExactGpfa.posterior(parameters, TIMES_MS, y, TIMES_MS.clone()).covariance();
        for (int i = 0; i < direct.data.length; i++) {
            assertEquals(direct.data[i], queried.data[i], FORM_AGREEMENT, "covariance entry " + i);
        }
    }

    @Test
    void posteriorRejectsMismatchedActivity() {
        GpfaParameters parameters = randomParameters(new Random(1));
        assertThrows(IllegalArgumentException.class,
                () -> ExactGpfa.posterior(parameters, TIMES_MS, new DMatrixRMaj(TIMES_MS.length, NEURONS + 1)));
        DMatrixRMaj withNan = new DMatrixRMaj(TIMES_MS.length, NEURONS);
        withNan.set(2, 3, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> ExactGpfa.posterior(parameters, TIMES_MS, withNan));
    }

    @Test
    void duplicateTimesAreRejected() {
        GpfaParameters parameters = randomParameters(new Random(2));
        double[] times = {0, 0};
        assertThrows(IllegalArgumentException.class,
                () -> ExactGpfa.posterior(parameters, times, new DMatrixRMaj(2, NEURONS)));
    }

    @Test
    void parametersRejectBadValues() {
        DMatrixRMaj c = new DMatrixRMaj(2, 1);
        double[] two = {1, 1};
        double[] one = {1};
        assertThrows(IllegalArgumentException.class, () -> new GpfaParameters(c, two, new double[] {1, 0}, one, one));
        assertThrows(IllegalArgumentException.class, () -> new GpfaParameters(c, two, two, new double[] {-1}, one));
        assertThrows(IllegalArgumentException.class, () -> new GpfaParameters(c, one, two, one, one));
        assertThrows(IllegalArgumentException.class,
                () -> new GpfaParameters(c, new double[] {1, Double.NaN}, two, one, one));
    }

    @Test
    void singularKernelRaisesTypedError() {
        // a prior variance near Double.MIN_NORMAL makes K^-1 overflow
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        GpfaParameters parameters = new GpfaParameters(c, new double[] {0}, new double[] {1}, new double[] {1},
                new double[] {Double.MIN_NORMAL});
        assertThrows(SingularEquationException.class,
                () -> ExactGpfa.posterior(parameters, new double[] {0, 1e-9}, new DMatrixRMaj(2, 1)));
    }

    static GpfaParameters randomParameters(Random random) {
        DMatrixRMaj c = new DMatrixRMaj(NEURONS, LATENTS);
        double[] d = new double[NEURONS];
        double[] r = new double[NEURONS];
        for (int n = 0; n < NEURONS; n++) {
            for (int j = 0; j < LATENTS; j++) {
                c.set(n, j, random.nextGaussian());
            }
            d[n] = random.nextGaussian();
            r[n] = 0.2 + random.nextDouble();
        }
        return new GpfaParameters(c, d, r, new double[] {0.05, 0.12}, new double[] {1.0, 0.7});
    }

    static DMatrixRMaj randomActivity(Random random, int bins) {
        DMatrixRMaj y = new DMatrixRMaj(bins, NEURONS);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = 2 * random.nextGaussian();
        }
        return y;
    }

    /** Covariance-form reference, with observations stacked as {@code n T + t}. */
    private static final class Dense {
        final DMatrixRMaj mean;
        final DMatrixRMaj covariance;
        final double logDensity;
        /** A^T S^-1, latents x observations, A the loading map from latents to observations. */
        final DMatrixRMaj observedGain;
        final DMatrixRMaj loadings;
        final DMatrixRMaj residual;

        Dense(GpfaParameters p, double[] timesMs, DMatrixRMaj y) {
            int bins = timesMs.length;
            int size = LATENTS * bins;
            int observed = NEURONS * bins;
            DMatrixRMaj k = new DMatrixRMaj(size, size);
            DMatrixRMaj block = new DMatrixRMaj(bins, bins);
            for (int j = 0; j < LATENTS; j++) {
                SquaredExponentialKernel.covariance(ExactGpfa.toSeconds(timesMs), p.lengthScalesSeconds()[j],
                        p.priorVariances()[j], block);
                CommonOps_DDRM.insert(block, k, j * bins, j * bins);
            }
            DMatrixRMaj a = new DMatrixRMaj(observed, size);
            DMatrixRMaj s = new DMatrixRMaj(observed, observed);
            residual = new DMatrixRMaj(observed, 1);
            for (int n = 0; n < NEURONS; n++) {
                for (int t = 0; t < bins; t++) {
                    for (int j = 0; j < LATENTS; j++) {
                        a.set(n * bins + t, j * bins + t, p.loadings().get(n, j));
                    }
                    s.set(n * bins + t, n * bins + t, p.noiseVariances()[n]);
                    residual.set(n * bins + t, y.get(t, n) - p.offsets()[n]);
                }
            }
            DMatrixRMaj ak = new DMatrixRMaj(observed, size);
            CommonOps_DDRM.mult(a, k, ak);
            CommonOps_DDRM.multAddTransB(ak, a, s);
            DMatrixRMaj sInverse = s.copy();
            CommonOps_DDRM.invert(sInverse);
            DMatrixRMaj gain = new DMatrixRMaj(size, observed);
            CommonOps_DDRM.multTransA(ak, sInverse, gain);
            mean = new DMatrixRMaj(size, 1);
            CommonOps_DDRM.mult(gain, residual, mean);
            covariance = k.copy();
            CommonOps_DDRM.multAdd(-1, gain, ak, covariance);
            DMatrixRMaj solved = new DMatrixRMaj(observed, 1);
            CommonOps_DDRM.mult(sInverse, residual, solved);
            double quadratic = CommonOps_DDRM.dot(residual, solved);
            loadings = a;
            observedGain = new DMatrixRMaj(size, observed);
            CommonOps_DDRM.multTransA(a, sInverse, observedGain);
            logDensity = -0.5 * (observed * Math.log(2 * Math.PI) + Math.log(CommonOps_DDRM.det(s)) + quadratic);
        }
    }
}
