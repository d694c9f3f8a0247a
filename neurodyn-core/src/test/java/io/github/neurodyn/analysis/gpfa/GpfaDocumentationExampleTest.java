package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Runs the example of docs/gpfa.md and checks that its latent follows the sinusoid. */
class GpfaDocumentationExampleTest {

    /** Smallest absolute correlation between the posterior mean and the true latent. */
    private static final double MIN_CORRELATION = 0.99;

    @Test
    void exampleRecoversSinusoid() {
        Random random = new Random(7);
        double[] timesMs = new double[50];
        double[] truth = new double[50];
        DMatrixRMaj y = new DMatrixRMaj(50, 3);
        for (int t = 0; t < 50; t++) {
            timesMs[t] = 20 * t;
            double latent = Math.sin(2 * Math.PI * timesMs[t] / 1000);
            truth[t] = latent;
            for (int n = 0; n < 3; n++) {
                y.set(t, n, (n + 1) * latent + 0.1 * random.nextGaussian());
            }
        }
        GpfaData data = GpfaData.continuous(List.of("a", "b", "c"), timesMs, y);

        ExactGpfaFit fit = ExactGpfa.fit(data, ExactGpfaOptions.defaults(1));
        LatentPosterior posterior = ExactGpfa.posterior(fit.parameters(), timesMs, y);

        double[] mean = new double[50];
        for (int t = 0; t < 50; t++) {
            mean[t] = posterior.means().get(t, 0);
        }
        double correlation = Math.abs(correlation(mean, truth));
        assertTrue(correlation > MIN_CORRELATION, "correlation " + correlation);
    }

    private static double correlation(double[] a, double[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i] / a.length;
            meanB += b[i] / b.length;
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - meanA) * (b[i] - meanB);
            aa += (a[i] - meanA) * (a[i] - meanA);
            bb += (b[i] - meanB) * (b[i] - meanB);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
