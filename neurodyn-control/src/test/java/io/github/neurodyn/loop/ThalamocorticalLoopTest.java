package io.github.neurodyn.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.preparation.Preparation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThalamocorticalLoopTest {

    private static final int N = 6;
    private static final double GO_CUE_SECONDS = 0.2;
    private static final double ROUND_OFF = 1e-12;
    /** Cost excess allowed for a 0.1 ms thalamic lag with every neuron read out. */
    private static final double FAST_LOOP_EXCESS = 1e-2;

    private Preparation preparation;
    private double[] start;

    @BeforeEach
    void buildLinearNetwork() {
        LinearLoopCase problem = LinearLoopCase.of(N, 31);
        preparation = problem.preparation();
        start = problem.start();
    }

    @Test
    void fastFullLoopReproducesLqr() {
        ThalamocorticalLoop loop = ThalamocorticalLoop.fit(preparation, N, N, 1e-4, GO_CUE_SECONDS);

        assertEquals(0.0, loop.gainApproximationError(), ROUND_OFF);
        double excess = loop.relativeCostExcess(preparation, start);
        assertTrue(Math.abs(excess) < FAST_LOOP_EXCESS, "relative cost excess " + excess);
    }

    @Test
    void excitatoryReadoutCostsMore() {
        ThalamocorticalLoop full = ThalamocorticalLoop.fit(preparation, N, N, 0.01, GO_CUE_SECONDS);
        ThalamocorticalLoop partial = ThalamocorticalLoop.fit(preparation, N / 2, N / 2, 0.01, GO_CUE_SECONDS);

        assertTrue(partial.gainApproximationError() > full.gainApproximationError(),
                "partial " + partial.gainApproximationError() + ", full " + full.gainApproximationError());
        assertTrue(partial.relativeCostExcess(preparation, start) > full.relativeCostExcess(preparation, start));
    }

    @Test
    void gateClosingRemovesInput() {
        ThalamocorticalLoop loop = ThalamocorticalLoop.fit(preparation, N, N, 0.01, GO_CUE_SECONDS);
        double[] internal = {1, -2, 3, 0.5, 0.1, -1};
        double[] error = {1, 1, 1, 1, 1, 1};
        double[] input = new double[N];
        double[] internalRate = new double[N];

        loop.evaluate(GO_CUE_SECONDS, error, error, internal, input, internalRate);

        assertFalse(loop.gateOpen(GO_CUE_SECONDS));
        for (int i = 0; i < N; i++) {
            assertEquals(0.0, input[i], 0.0, "input " + i);
        }
    }

    @Test
    void inputEnergyStopsAtGoCue() {
        ThalamocorticalLoop loop = ThalamocorticalLoop.fit(preparation, N, N, 0.01, GO_CUE_SECONDS);

        double untilGo = preparation.runFeedback(loop, start, GO_CUE_SECONDS).inputEnergy();
        double beyond = preparation.runFeedback(loop, start, 2 * GO_CUE_SECONDS).inputEnergy();

        assertTrue(untilGo > 0, "input energy before the go cue " + untilGo);
        assertEquals(untilGo, beyond, ROUND_OFF * untilGo);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ThalamocorticalLoop.fit(null, N, N, 0.01, GO_CUE_SECONDS));
        assertThrows(IllegalArgumentException.class,
                () -> ThalamocorticalLoop.fit(preparation, 0, 1, 0.01, GO_CUE_SECONDS));
        assertThrows(IllegalArgumentException.class,
                () -> ThalamocorticalLoop.fit(preparation, N + 1, 1, 0.01, GO_CUE_SECONDS));
        assertThrows(IllegalArgumentException.class,
                () -> ThalamocorticalLoop.fit(preparation, 2, 3, 0.01, GO_CUE_SECONDS));
        assertThrows(IllegalArgumentException.class,
                () -> ThalamocorticalLoop.fit(preparation, N, N, 0, GO_CUE_SECONDS));
        assertThrows(IllegalArgumentException.class,
                () -> ThalamocorticalLoop.fit(preparation, N, N, 0.01, -1));
    }
}
