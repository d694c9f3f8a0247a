package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SparseGaussianElboTest {

    /** Agreement between the bound at the exact posterior and the marginal likelihood, relative. */
    private static final double BOUND_AGREEMENT = 1e-9;

    private static final double[] TIMES_MS = {0, 20, 40, 60, 80, 100, 140};

    @Test
    void exactPosteriorAttainsLikelihood() {
        Random random = new Random(21);
        GpfaParameters parameters = SyntheticGpfa.model(5, new double[] {0.06}, random);
        DMatrixRMaj y = ExactGpfaTest.randomActivity(random, TIMES_MS.length);
        LatentPosterior posterior = ExactGpfa.posterior(parameters, TIMES_MS, y);

        double bound = SparseGaussianElbo.value(parameters, TIMES_MS, y, new double[][] {TIMES_MS},
                new DMatrixRMaj[] {posterior.means()}, new DMatrixRMaj[] {posterior.covariance()});
        double exact = posterior.logMarginalLikelihood();
        assertEquals(exact, bound, BOUND_AGREEMENT * Math.abs(exact));
    }

    @Test
    void factorisedPosteriorStaysBelowLikelihood() {
        Random random = new Random(22);
        GpfaParameters parameters = ExactGpfaTest.randomParameters(random);
        DMatrixRMaj y = ExactGpfaTest.randomActivity(random, TIMES_MS.length);
        LatentPosterior posterior = ExactGpfa.posterior(parameters, TIMES_MS, y);
        int bins = TIMES_MS.length;

        // q(u_j) from the diagonal blocks of the exact posterior, so the latents are decoupled
        DMatrixRMaj[] means = new DMatrixRMaj[2];
        DMatrixRMaj[] covariances = new DMatrixRMaj[2];
        for (int j = 0; j < 2; j++) {
            means[j] = CommonOps_DDRM.extract(posterior.means(), 0, bins, j, j + 1);
            covariances[j] = CommonOps_DDRM.extract(posterior.covariance(), j * bins, (j + 1) * bins, j * bins,
                    (j + 1) * bins);
        }
        double bound = SparseGaussianElbo.value(parameters, TIMES_MS, y, new double[][] {TIMES_MS, TIMES_MS},
                means, covariances);
        assertTrue(bound < posterior.logMarginalLikelihood(), bound + " vs " + posterior.logMarginalLikelihood());
    }

    @Test
    void fewerInducingPointsStayBelowLikelihood() {
        Random random = new Random(23);
        GpfaParameters parameters = SyntheticGpfa.model(5, new double[] {0.06}, random);
        DMatrixRMaj y = ExactGpfaTest.randomActivity(random, TIMES_MS.length);
        double[] inducing = {10, 70, 130};
        DMatrixRMaj kernel = new DMatrixRMaj(3, 3);
        SquaredExponentialKernel.covariance(ExactGpfa.toSeconds(inducing), 0.06, 1, kernel);
        double bound = SparseGaussianElbo.value(parameters, TIMES_MS, y, new double[][] {inducing},
                new DMatrixRMaj[] {new DMatrixRMaj(3, 1)}, new DMatrixRMaj[] {kernel});
        double exact = ExactGpfa.posterior(parameters, TIMES_MS, y).logMarginalLikelihood();
        assertTrue(bound < exact, bound + " vs " + exact);
    }

    @Test
    void perturbedPosteriorLowersBound() {
        Random random = new Random(24);
        GpfaParameters parameters = SyntheticGpfa.model(5, new double[] {0.06}, random);
        DMatrixRMaj y = ExactGpfaTest.randomActivity(random, TIMES_MS.length);
        LatentPosterior posterior = ExactGpfa.posterior(parameters, TIMES_MS, y);
        DMatrixRMaj shifted = posterior.means();
        shifted.add(3, 0, 0.1);
        double bound = SparseGaussianElbo.value(parameters, TIMES_MS, y, new double[][] {TIMES_MS},
                new DMatrixRMaj[] {shifted}, new DMatrixRMaj[] {posterior.covariance()});
        assertTrue(bound < posterior.logMarginalLikelihood(), bound + " vs " + posterior.logMarginalLikelihood());
    }
}
