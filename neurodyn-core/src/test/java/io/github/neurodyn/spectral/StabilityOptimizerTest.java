package io.github.neurodyn.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class StabilityOptimizerTest {

    private static final int NEURONS = 40;
    private static final long SEED = 7;
    private static final double ROW_SUM_TOLERANCE = 1e-9;

    @Test
    void shiftRuleReachesTarget() {
        SocResult result = SocPresets.hennequin2014(NEURONS, SEED).maxIterations(2000).build().run();
        assertTrue(result.converged(), "stopped with " + result.stopReason() + " at " + result.finalAbscissa());
        assertEquals(SocStopReason.TARGET_REACHED, result.stopReason());
        assertTrue(result.finalAbscissa() <= SocPresets.HENNEQUIN_TARGET, "final abscissa " + result.finalAbscissa());
        assertEquals(result.finalAbscissa(), SpectralAbscissa.of(result.weights()), 1e-9);
        assertTrue(result.initialAbscissa() > 1.0, "initial abscissa " + result.initialAbscissa());
    }

    @Test
    void smoothedRuleReachesTarget() {
        SocResult result = SocPresets.hennequin2014(NEURONS, SEED)
                .gradient(GradientRule.smoothed(0.01))
                .maxIterations(2000)
                .build()
                .run();
        assertTrue(result.converged(), "stopped with " + result.stopReason() + " at " + result.finalAbscissa());
        SocIteration first = result.history().get(0);
        assertEquals(first.shift(), first.smoothedAbscissa());
        assertTrue(first.shift() > first.abscissa(), "shift " + first.shift() + " <= abscissa " + first.abscissa());
    }

    @Test
    void daleSignsAndExcitationKept() {
        DMatrixRMaj start = SocPresets.hennequinNetwork(NEURONS, SEED);
        SocResult result = SocPresets.hennequin2014(NEURONS, SEED).maxIterations(30).build().run();
        DMatrixRMaj w = result.weights();
        int excitatory = NEURONS / 2;
        for (int i = 0; i < NEURONS; i++) {
            for (int j = 0; j < NEURONS; j++) {
                if (j < excitatory) {
                    assertEquals(start.get(i, j), w.get(i, j), "excitatory weight changed at " + i + "," + j);
                } else {
                    assertTrue(w.get(i, j) <= 0.0, "inhibitory weight " + w.get(i, j) + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void fixedDensityKeepsAbsentSynapses() {
        DMatrixRMaj start = SocPresets.hennequinNetwork(NEURONS, SEED);
        SocResult result = SocPresets.hennequin2014(NEURONS, SEED)
                .fixedInhibitoryDensity(true)
                .maxIterations(20)
                .build()
                .run();
        DMatrixRMaj w = result.weights();
        for (int i = 0; i < NEURONS; i++) {
            for (int j = NEURONS / 2; j < NEURONS; j++) {
                if (start.get(i, j) == 0.0) {
                    assertEquals(0.0, w.get(i, j), "absent synapse changed at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void rebalancingKeepsWeightRatio() {
        double gamma = 3.0;
        SocResult result = SocPresets.hennequin2014(NEURONS, SEED).rebalance(gamma).maxIterations(10).build().run();
        DMatrixRMaj w = result.weights();
        double excitatory = 0;
        double inhibitory = 0;
        for (int i = 0; i < NEURONS; i++) {
            for (int j = 0; j < NEURONS; j++) {
                if (j < NEURONS / 2) {
                    excitatory += w.get(i, j);
                } else {
                    inhibitory -= w.get(i, j);
                }
            }
        }
        assertEquals(gamma, inhibitory / excitatory, 1e-12);
    }

    @Test
    void rowNormalisationHoldsUnclippedRows() {
        int neurons = 50;
        SocResult result = SocPresets.kao2021(neurons, SEED).maxIterations(5).build().run();
        DMatrixRMaj w = result.weights();
        int excitatory = SocPresets.kaoExcitatoryCount(neurons);
        for (int i = 0; i < neurons; i++) {
            double sum = 0;
            boolean clipped = false;
            for (int j = 0; j < neurons; j++) {
                sum += w.get(i, j);
                clipped |= j >= excitatory && j != i && w.get(i, j) == 0.0;
            }
            if (!clipped) {
                assertEquals(SocPresets.KAO_UNIFORM_EIGENVALUE, sum, ROW_SUM_TOLERANCE, "row " + i);
            }
        }
    }

    @Test
    void unreachableRowSumRejected() {
        // A row sums to at most its excitatory weights, because its inhibitory weights stay <= 0.
        DMatrixRMaj w = SocPresets.hennequinNetwork(10, SEED);
        double smallestExcitatorySum = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 10; i++) {
            double sum = 0;
            for (int j = 0; j < 5; j++) {
                sum += w.get(i, j);
            }
            smallestExcitatorySum = Math.min(smallestExcitatorySum, sum);
        }
        StabilityOptimizer.builder(w, 5).uniformModeEigenvalue(smallestExcitatorySum - 1).build();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StabilityOptimizer.builder(w, 5).uniformModeEigenvalue(1e20).build());
        assertTrue(error.getMessage().contains("cannot be reached in row"), error.getMessage());
    }

    @Test
    void kaoPresetReachesTarget() {
        SocResult result = SocPresets.kao2021(NEURONS, SEED).maxIterations(3000).build().run();
        assertTrue(result.converged(), "stopped with " + result.stopReason() + " at " + result.finalAbscissa());
    }

    @Test
    void listenerStopsRun() {
        SocResult result = SocPresets.hennequin2014(NEURONS, SEED)
                .build()
                .run((iteration, weights) -> iteration.iteration() < 3);
        assertEquals(SocStopReason.LISTENER, result.stopReason());
        assertEquals(3, result.iterations());
        assertFalse(result.converged());
    }

    @Test
    void tinyCapIsNotConverged() {
        SocResult result = SocPresets.hennequin2014(NEURONS, SEED).maxIterations(2).build().run();
        assertFalse(result.converged());
        assertEquals(SocStopReason.ITERATION_CAP, result.stopReason());
        assertEquals(2, result.iterations());
        List<SocIteration> history = result.history();
        assertEquals(1, history.get(0).iteration());
        assertTrue(history.get(1).stepNorm() > 0.0, "step norm " + history.get(1).stepNorm());
        assertTrue(Double.isNaN(history.get(0).smoothedAbscissa()), "untracked smoothed abscissa should be NaN");
    }

    @Test
    void trackingRecordsSmoothedAbscissa() {
        SocResult result = SocPresets.hennequin2014(NEURONS, SEED).trackSmoothedAbscissa(0.01).maxIterations(2).build().run();
        SocIteration first = result.history().get(0);
        assertTrue(first.smoothedAbscissa() > first.abscissa(), "smoothed " + first.smoothedAbscissa());
    }

    @Test
    void interruptStopsRun() {
        Thread.currentThread().interrupt();
        try {
            SocResult result = SocPresets.hennequin2014(NEURONS, SEED).build().run();
            assertEquals(SocStopReason.INTERRUPTED, result.stopReason());
            assertEquals(0, result.iterations());
            assertTrue(Thread.currentThread().isInterrupted(), "interrupt flag was cleared");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void builderRejectsInvalidSettings() {
        DMatrixRMaj w = SocPresets.hennequinNetwork(10, SEED);
        assertThrows(IllegalArgumentException.class, () -> StabilityOptimizer.builder(null, 5));
        assertThrows(IllegalArgumentException.class, () -> StabilityOptimizer.builder(new DMatrixRMaj(3, 4), 1));
        assertThrows(IllegalArgumentException.class, () -> StabilityOptimizer.builder(w, 10));
        assertThrows(IllegalArgumentException.class, () -> StabilityOptimizer.builder(w, -1));
        StabilityOptimizer.Builder builder = StabilityOptimizer.builder(w, 5);
        assertThrows(IllegalArgumentException.class, () -> builder.learningRate(0));
        assertThrows(IllegalArgumentException.class, () -> builder.rebalance(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.maxIterations(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.targetAbscissa(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> builder.gradient(null));
        assertThrows(IllegalArgumentException.class, () -> GradientRule.smoothed(0));
        assertThrows(IllegalArgumentException.class, () -> new GradientRule.Shift(1.5, -0.1, 0));
    }
}
