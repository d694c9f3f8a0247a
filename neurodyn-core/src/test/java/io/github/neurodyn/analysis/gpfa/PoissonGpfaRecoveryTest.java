package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.analysis.SubspaceAngles;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ARD on Poisson counts drawn from the model with 3 true latents and 10 requested: 20 neurons,
 * 8 segments of 50 bins of 20 ms, 10 inducing points, 300 full-batch Adam iterations at learning
 * rate 0.08. The exp-link fit takes about 5 s of CPU, the softplus one about 10 s, so the latter
 * runs only with the slow tag.
 */
class PoissonGpfaRecoveryTest {

    /** Largest principal angle between the retained and the true loadings, in degrees. */
    private static final double MAX_ANGLE_DEGREES = 10;
    private static final double[] TRUE_LENGTH_SCALES = {0.06, 0.12, 0.25};
    private static final int REQUESTED = 10;
    private static final double RETENTION = 0.01;
    private static final int NEURONS = 20;
    private static final int SEGMENTS = 8;
    private static final int BINS = 50;
    private static final int INDUCING = 10;
    private static final int ITERATIONS = 300;
    private static final double LEARNING_RATE = 0.08;

    @Test
    void expLinkRetainsThreeOfTen() {
        check(PoissonLink.EXP, 0.5);
    }

    /** Uses loadings twice as large as the exp test, because the softplus rate is flatter near 0 counts per bin. */
    @Test
    @Tag("slow")
    void softplusLinkRetainsThreeOfTen() {
        check(PoissonLink.SOFTPLUS, 1.0);
    }

    private static void check(PoissonLink link, double loadingScale) {
        Random random = new Random(2021);
        GpfaParameters truth = countModel(loadingScale, random);
        GpfaData data = SyntheticGpfa.drawCounts(truth, link, SEGMENTS, BINS, 20, random);
        SparseGpfaOptions options = new SparseGpfaOptions(REQUESTED, NoiseModel.POISSON, INDUCING, ITERATIONS,
                LEARNING_RATE, SEGMENTS, NEURONS, 0, RETENTION, 5L, null);
        SparseGpfaFit fit = SparseGpfa.fit(data, options, link);

        String scales = Arrays.toString(fit.ardScales());
        assertEquals(TRUE_LENGTH_SCALES.length, fit.retainedLatents(), "ARD scales " + scales);
        DMatrixRMaj retained = SparseGpfaArdTest.retainedLoadings(fit, RETENTION);
        double[] angles = SubspaceAngles.between(retained, truth.loadings());
        double worst = Math.toDegrees(angles[angles.length - 1]);
        assertTrue(worst < MAX_ANGLE_DEGREES, "largest principal angle " + worst + " degrees");
    }

    /** Returns loadings {@code N(0, scale^2)} and offsets {@code log(0.5 .. 2)} for exp-link rates of 0.5 to 2 counts per bin. */
    private static GpfaParameters countModel(double loadingScale, Random random) {
        int latents = TRUE_LENGTH_SCALES.length;
        DMatrixRMaj c = new DMatrixRMaj(NEURONS, latents);
        double[] d = new double[NEURONS];
        double[] unusedNoise = new double[NEURONS];
        for (int n = 0; n < NEURONS; n++) {
            for (int j = 0; j < latents; j++) {
                c.set(n, j, loadingScale * random.nextGaussian());
            }
            d[n] = Math.log(0.5 + 1.5 * random.nextDouble());
            unusedNoise[n] = 1;
        }
        double[] unit = new double[latents];
        Arrays.fill(unit, 1.0);
        return new GpfaParameters(c, d, unusedNoise, TRUE_LENGTH_SCALES, unit);
    }
}
