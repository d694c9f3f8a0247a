package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.analysis.SubspaceAngles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ARD on synthetic data with 3 true latents and 10 requested. The fit needs about 1500 full-batch
 * iterations (about 20 s), so it runs only with the slow tag.
 *
 * <p>NOTE: at 12 neurons and 6 segments of 40 bins, 1500 iterations retained 4 latents, one true
 * latent split over two columns, so no smaller default version exists yet.
 */
class SparseGpfaArdTest {

    /** Largest principal angle between the retained and the true loadings, in degrees. */
    private static final double MAX_ANGLE_DEGREES = 10;
    private static final double[] TRUE_LENGTH_SCALES = {0.06, 0.12, 0.25};
    private static final int REQUESTED = 10;
    private static final double LEARNING_RATE = 0.05;

    @Test
    @Tag("slow")
    void largerProblemRetainsThreeLatents() {
        check(20, 8, 50, 12, 1500);
    }

    private static void check(int neurons, int segments, int bins, int inducing, int iterations) {
        Random random = new Random(2021);
        GpfaParameters truth = SyntheticGpfa.model(neurons, TRUE_LENGTH_SCALES, random);
        GpfaData data = SyntheticGpfa.draw(truth, segments, bins, 20, random);
        SparseGpfaOptions options = new SparseGpfaOptions(REQUESTED, NoiseModel.GAUSSIAN, inducing, iterations,
                LEARNING_RATE, segments, neurons, 0, 0.01, 5L, null);
        SparseGpfaFit fit = SparseGpfa.fit(data, options);

        String scales = Arrays.toString(fit.ardScales());
        assertEquals(TRUE_LENGTH_SCALES.length, fit.retainedLatents(), "ARD scales " + scales);
        DMatrixRMaj retained = retainedLoadings(fit, options.retentionThreshold());
        double[] angles = SubspaceAngles.between(retained, truth.loadings());
        double worst = Math.toDegrees(angles[angles.length - 1]);
        assertTrue(worst < MAX_ANGLE_DEGREES, "largest principal angle " + worst + " degrees");
    }

    /** Returns the columns of C whose ARD scale passes the retention threshold. */
    static DMatrixRMaj retainedLoadings(SparseGpfaFit fit, double threshold) {
        double[] alpha = fit.ardScales();
        DMatrixRMaj c = fit.parameters().loadings();
        double largest = Arrays.stream(alpha).max().orElseThrow();
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < alpha.length; j++) {
            if (alpha[j] > threshold * largest) {
                kept.add(j);
            }
        }
        DMatrixRMaj retained = new DMatrixRMaj(c.numRows, kept.size());
        for (int i = 0; i < kept.size(); i++) {
            CommonOps_DDRM.extract(c, 0, c.numRows, kept.get(i), kept.get(i) + 1, retained, 0, i);
        }
        return retained;
    }
}
