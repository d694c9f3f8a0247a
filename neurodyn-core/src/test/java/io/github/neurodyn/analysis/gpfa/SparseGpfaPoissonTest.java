package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The Poisson path of {@link SparseGpfa#fit(GpfaData, SparseGpfaOptions, PoissonLink)}. */
class SparseGpfaPoissonTest {

    private static final double[] TIMES_MS = {0, 20, 40, 60, 80, 100};

    @Test
    void objectiveRisesOnCounts() {
        Random random = new Random(12);
        GpfaData data = counts(random);
        SparseGpfaOptions options = new SparseGpfaOptions(2, NoiseModel.POISSON, 4, 80, 0.05, 3, 1000, 0, 0.01, 3L, null);
        for (PoissonLink link : PoissonLink.values()) {
            double[] history = SparseGpfa.fit(data, options, link).elboHistory();
            assertTrue(history[history.length - 1] > history[0], link + ": ELBO " + history[0] + " -> "
                    + history[history.length - 1]);
        }
    }

    @Test
    void noiseVariancesAreUnit() {
        Random random = new Random(13);
        GpfaData data = counts(random);
        SparseGpfaOptions options = new SparseGpfaOptions(2, NoiseModel.POISSON, 4, 5, 0.05, 3, 1000, 0, 0.01, 3L,
                null);
        double[] variances = SparseGpfa.fit(data, options, PoissonLink.EXP).parameters().noiseVariances();
        for (int n = 0; n < variances.length; n++) {
            assertEquals(1.0, variances[n], 0, "noise variance of neuron " + n);
        }
    }

    @Test
    void badInputRejected() {
        Random random = new Random(14);
        GpfaData data = counts(random);
        SparseGpfaOptions options = SparseGpfaOptions.defaults(2).withIterations(2).withNoise(NoiseModel.POISSON);
        assertThrows(IllegalArgumentException.class, () -> SparseGpfa.fit(data, options, (PoissonLink) null));
        assertThrows(IllegalArgumentException.class,
                () -> SparseGpfa.fit(data, options.withNoise(NoiseModel.GAUSSIAN), PoissonLink.EXP));
        DMatrixRMaj negative = data.activity(0);
        negative.set(2, 1, -1);
        GpfaData withNegative = GpfaData.of(data.neuronNames(), List.of(TIMES_MS), List.of(negative));
        assertThrows(IllegalArgumentException.class, () -> SparseGpfa.fit(withNegative, options, PoissonLink.EXP));
        assertThrows(IllegalArgumentException.class, () -> SparseGpfa.fit(withNegative, options));
        DMatrixRMaj fractional = data.activity(0);
        fractional.set(0, 0, 0.5);
        GpfaData withFraction = GpfaData.of(data.neuronNames(), List.of(TIMES_MS), List.of(fractional));
        assertThrows(IllegalArgumentException.class,
                () -> SparseGpfa.fit(withFraction, options, PoissonLink.SOFTPLUS));
    }

    @Test
    void defaultLinkIsExp() {
        Random random = new Random(15);
        GpfaData data = counts(random);
        SparseGpfaOptions options = new SparseGpfaOptions(2, NoiseModel.POISSON, 4, 5, 0.05, 3, 1000, 0, 0.01, 3L,
                null);
        double[] plain = SparseGpfa.fit(data, options).elboHistory();
        double[] withExp = SparseGpfa.fit(data, options, PoissonLink.EXP).elboHistory();
        assertArrayEquals(plain, withExp, 0);
    }

    /** Returns 3 segments of 4 neurons with counts 0 to 4 that follow a shared sinusoid. */
    private static GpfaData counts(Random random) {
        List<double[]> times = List.of(TIMES_MS, TIMES_MS, TIMES_MS);
        DMatrixRMaj[] activity = new DMatrixRMaj[3];
        for (int k = 0; k < 3; k++) {
            activity[k] = new DMatrixRMaj(TIMES_MS.length, 4);
            for (int t = 0; t < TIMES_MS.length; t++) {
                double drive = Math.sin(2 * Math.PI * TIMES_MS[t] / 100 + k);
                for (int n = 0; n < 4; n++) {
                    activity[k].set(t, n, Math.max(0, Math.round(2 + (n % 2 == 0 ? 2 : -2) * drive
                            + random.nextGaussian() * 0.5)));
                }
            }
        }
        return GpfaData.of(GpfaData.defaultNames(4), times, List.of(activity));
    }
}
