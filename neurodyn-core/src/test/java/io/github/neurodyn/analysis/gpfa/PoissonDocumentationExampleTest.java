package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Runs the Poisson example of docs/gpfa.md and checks that ARD keeps its one latent. */
class PoissonDocumentationExampleTest {

    @Test
    void exampleRetainsOneLatent() {
        Random random = new Random(3);
        double[] timesMs = new double[200];
        DMatrixRMaj counts = new DMatrixRMaj(200, 6);
        for (int t = 0; t < 200; t++) {
            timesMs[t] = 20 * t;
            double latent = Math.sin(2 * Math.PI * timesMs[t] / 1500);
            for (int n = 0; n < 6; n++) {
                double rate = Math.exp(0.2 + (n % 2 == 0 ? 0.8 : -0.8) * latent);
                int count = 0;
                for (double product = random.nextDouble(); product > Math.exp(-rate); product *= random.nextDouble()) {
                    count++;
                }
                counts.set(t, n, count);
            }
        }
        GpfaData data = GpfaData.continuous(List.of("a", "b", "c", "d", "e", "f"), timesMs, counts);

        SparseGpfaOptions options = SparseGpfaOptions.defaults(3).withNoise(NoiseModel.POISSON).withIterations(300);
        SparseGpfaFit fit = SparseGpfa.fit(data, options, PoissonLink.EXP);
        assertEquals(1, fit.retainedLatents(), "retained latents");
        assertTrue(Double.isFinite(fit.finalElbo()), "final ELBO " + fit.finalElbo());
    }
}
