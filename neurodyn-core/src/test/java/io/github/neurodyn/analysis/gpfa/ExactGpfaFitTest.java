package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.analysis.SubspaceAngles;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExactGpfaFitTest {

    /** Allowed decrease of the log likelihood between EM iterations, relative (round-off only). */
    private static final double MONOTONE_SLACK = 1e-9;
    /** Largest principal angle between fitted and true loadings, in degrees. */
    private static final double MAX_ANGLE_DEGREES = 10;

    /** EM iterations in the default suite. GPFA EM needs hundreds to converge fully. */
    private static final int ITERATIONS = 15;

    private static final double[] TRUE_LENGTH_SCALES = {0.08, 0.25};

    private static GpfaParameters truth;
    private static GpfaData data;
    private static ExactGpfaFit fit;

    @BeforeAll
    static void fitSyntheticData() {
        Random random = new Random(2021);
        truth = SyntheticGpfa.model(12, TRUE_LENGTH_SCALES, random);
        data = SyntheticGpfa.draw(truth, 6, 40, 20, random);
        fit = ExactGpfa.fit(data, new ExactGpfaOptions(2, ITERATIONS, 1e-9, 0.1, 3));
    }

    @Test
    void logLikelihoodNeverDecreases() {
        double[] trace = fit.logLikelihoods();
        for (int i = 1; i < trace.length; i++) {
            assertTrue(trace[i] >= trace[i - 1] - MONOTONE_SLACK * Math.abs(trace[i]),
                    "iteration " + i + ": " + trace[i] + " after " + trace[i - 1]);
        }
    }

    @Test
    void traceMatchesFinalParameters() {
        double recomputed = ExactGpfa.logMarginalLikelihood(fit.parameters(), data);
        assertTrue(recomputed >= fit.finalLogLikelihood() - MONOTONE_SLACK * Math.abs(recomputed),
                recomputed + " below the last traced " + fit.finalLogLikelihood());
    }

    @Test
    void loadingSubspaceIsRecovered() {
        double[] angles = SubspaceAngles.between(fit.parameters().loadings(), truth.loadings());
        double largest = Math.toDegrees(angles[angles.length - 1]);
        assertTrue(largest < MAX_ANGLE_DEGREES, "largest principal angle " + largest + " degrees");
    }

    @Test
    void likelihoodRisesFromStart() {
        double[] trace = fit.logLikelihoods();
        assertTrue(trace[trace.length - 1] > trace[0], trace[trace.length - 1] + " vs start " + trace[0]);
        assertEquals(fit.iterations(), trace.length);
    }

    @Test
    void fitRejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ExactGpfa.fit(data, ExactGpfaOptions.defaults(13)));
        assertThrows(IllegalArgumentException.class, () -> new ExactGpfaOptions(0, 10, 1e-6, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExactGpfaOptions(1, 10, 1e-6, -0.1, 1));
        GpfaData silent = GpfaData.continuous(List.of("a", "b"), new double[] {0, 10, 20},
                new DMatrixRMaj(new double[][] {{1, 0}, {2, 0}, {0, 0}}));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ExactGpfa.fit(silent, ExactGpfaOptions.defaults(1)));
        assertTrue(error.getMessage().contains("neuron b"), error.getMessage());
    }
}
