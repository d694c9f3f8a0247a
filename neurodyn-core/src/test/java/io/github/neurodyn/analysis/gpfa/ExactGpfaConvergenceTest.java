package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Long EM runs: convergence, likelihood against the true model, length-scale recovery. */
@Tag("slow")
class ExactGpfaConvergenceTest {

    /** Allowed ratio between a fitted and a true length scale. */
    private static final double LENGTH_SCALE_RATIO = 1.5;
    private static final double[] TRUE_LENGTH_SCALES = {0.08, 0.25};

    @Test
    void emConvergesAndRecoversLengthScales() {
        Random random = new Random(2021);
        GpfaParameters truth = SyntheticGpfa.model(12, TRUE_LENGTH_SCALES, random);
        GpfaData data = SyntheticGpfa.draw(truth, 6, 40, 20, random);
        ExactGpfaFit fit = ExactGpfa.fit(data, new ExactGpfaOptions(2, 400, 1e-6, 0.1, 3));

        double atTruth = ExactGpfa.logMarginalLikelihood(truth, data);
        assertTrue(fit.finalLogLikelihood() > atTruth, fit.finalLogLikelihood() + " vs truth " + atTruth);

        // latents are identified only up to an invertible mix, so compare the sorted scales
        double[] fitted = fit.parameters().lengthScalesSeconds();
        Arrays.sort(fitted);
        for (int j = 0; j < fitted.length; j++) {
            double ratio = fitted[j] / TRUE_LENGTH_SCALES[j];
            String message = "latent " + j + ": fitted " + fitted[j] + " s, true " + TRUE_LENGTH_SCALES[j] + " s";
            assertTrue(ratio < LENGTH_SCALE_RATIO, message);
            assertTrue(ratio > 1 / LENGTH_SCALE_RATIO, message);
        }
        assertTrue(fit.converged(), "stopped after " + fit.iterations() + " iterations at "
                + fit.finalLogLikelihood() + " nats");
    }
}
