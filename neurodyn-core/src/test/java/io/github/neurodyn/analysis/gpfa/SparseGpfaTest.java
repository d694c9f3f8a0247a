package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.analysis.SubspaceAngles;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparseGpfaTest {

    /** Largest principal angle between the retained and the true loadings, in degrees. */
    private static final double MAX_ANGLE_DEGREES = 10;
    private static final double[] TRUE_LENGTH_SCALES = {0.06, 0.12, 0.25};
    private static final int REQUESTED = 3;
    private static final int ITERATIONS = 200;

    private static GpfaParameters truth;
    private static GpfaData data;
    private static SparseGpfaFit fit;
    private static final List<Double> heard = new ArrayList<>();

    @BeforeAll
    static void fitSyntheticData() {
        Random random = new Random(2021);
        truth = SyntheticGpfa.model(12, TRUE_LENGTH_SCALES, random);
        data = SyntheticGpfa.draw(truth, 6, 40, 20, random);
        SparseGpfaOptions options = new SparseGpfaOptions(REQUESTED, 10, ITERATIONS, 0.02, 4, 0, 0.01, 5L,
                (iteration, elbo) -> heard.add(elbo));
        fit = SparseGpfa.fit(data, options);
    }

    @Test
    void retainedLoadingsSpanTrueSubspace() {
        double[] alpha = fit.ardScales();
        DMatrixRMaj c = fit.parameters().loadings();
        double largest = java.util.Arrays.stream(alpha).max().orElseThrow();
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < alpha.length; j++) {
            if (alpha[j] > 0.01 * largest) {
                kept.add(j);
            }
        }
        DMatrixRMaj retained = new DMatrixRMaj(c.numRows, kept.size());
        for (int i = 0; i < kept.size(); i++) {
            CommonOps_DDRM.extract(c, 0, c.numRows, kept.get(i), kept.get(i) + 1, retained, 0, i);
        }
        double[] angles = SubspaceAngles.between(retained, truth.loadings());
        double worst = Math.toDegrees(angles[angles.length - 1]);
        assertTrue(worst < MAX_ANGLE_DEGREES, "largest principal angle " + worst + " degrees");
    }

    @Test
    void objectiveRises() {
        double[] history = fit.elboHistory();
        assertTrue(history[history.length - 1] > history[0], "final " + history[history.length - 1]
                + " not above first " + history[0]);
    }

    @Test
    void listenerSeesEveryIteration() {
        assertEquals(fit.elboHistory().length, heard.size());
    }

    @Test
    void tooManyLatentsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> SparseGpfa.fit(data, SparseGpfaOptions.defaults(13)));
    }
}
