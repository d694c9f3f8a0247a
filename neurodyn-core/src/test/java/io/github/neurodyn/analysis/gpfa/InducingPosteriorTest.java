package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class InducingPosteriorTest {

    /** Agreement with the exact posterior on the query grid, absolute in latent units. */
    private static final double AGREEMENT = 1e-8;

    private static final double[] TIMES_MS = {0, 20, 40, 60, 80, 100, 140};
    private static final double[] QUERY_MS = {-30, 5, 20, 47.5, 90, 139, 200};

    @Test
    void exactPosteriorMatchesOnNewGrid() {
        Random random = new Random(33);
        GpfaParameters parameters = SyntheticGpfa.model(5, new double[] {0.06}, random);
        DMatrixRMaj y = ExactGpfaTest.randomActivity(random, TIMES_MS.length);
        LatentPosterior posterior = ExactGpfa.posterior(parameters, TIMES_MS, y);
        LatentPosterior expected = ExactGpfa.posterior(parameters, TIMES_MS, y, QUERY_MS);

        InducingPosterior q = new InducingPosterior(TIMES_MS, posterior.means(),
                new DMatrixRMaj[] {posterior.covariance()});
        LatentMarginals marginals = q.marginals(parameters, QUERY_MS);
        for (int t = 0; t < QUERY_MS.length; t++) {
            assertEquals(expected.means().get(t, 0), marginals.means().get(t, 0), AGREEMENT, "mean at " + QUERY_MS[t]);
            assertEquals(expected.variances().get(t, 0), marginals.variances().get(t, 0), AGREEMENT,
                    "variance at " + QUERY_MS[t]);
        }
    }

    @Test
    void wrongLatentCountRejected() {
        Random random = new Random(34);
        GpfaParameters parameters = SyntheticGpfa.model(5, new double[] {0.06, 0.1}, random);
        InducingPosterior q = new InducingPosterior(new double[] {0, 50}, new DMatrixRMaj(2, 1),
                new DMatrixRMaj[] {DMatrixRMaj.wrap(2, 2, new double[] {1, 0, 0, 1})});
        assertThrows(IllegalArgumentException.class, () -> q.marginals(parameters, TIMES_MS));
    }

    @Test
    void wrongMeanShapeRejected() {
        assertThrows(IllegalArgumentException.class, () -> new InducingPosterior(new double[] {0, 50},
                new DMatrixRMaj(3, 1), new DMatrixRMaj[] {new DMatrixRMaj(2, 2)}));
    }
}
