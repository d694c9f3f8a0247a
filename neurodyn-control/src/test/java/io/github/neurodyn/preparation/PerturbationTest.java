package io.github.neurodyn.preparation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PerturbationTest {

    private static final int N = 8;
    private static final double TAU = 0.15;
    private static final double WINDOW_SECONDS = 0.4;
    private static final double ROUND_OFF = 1e-12;

    private Preparation preparation;
    private double[] spontaneous;

    @BeforeEach
    void buildLinearNetwork() {
        Random random = new Random(21);
        RateNetwork network = RateNetwork.builder().weights(PreparationTest.randomWeights(N, 0.6, random))
                .timeConstant(TAU).nonlinearity(Nonlinearity.identity()).build();
        double[] xStar = PreparationTest.randomVector(N, random);
        ProspectiveCost cost = ProspectiveCost.of(network.linearisation(xStar),
                PreparationTest.randomMatrix(2, N, random));
        preparation = Preparation.builder().network(network).preparedState(xStar).cost(cost).build();
        spontaneous = PreparationTest.randomVector(N, random);
    }

    @Test
    void zeroPulseCausesNoDelay() {
        Perturbation none = new Perturbation(0, 0.05, 0.2, 0.3, 1);

        PerturbationOutcome outcome = preparation.perturbationDelay(PreparationStrategy.OPTIMAL, spontaneous,
                WINDOW_SECONDS, none);

        assertEquals(0.0, outcome.delaySeconds(), 0.0);
        assertFalse(outcome.capped());
    }

    @Test
    void pulseDelaysNaiveMoreThanOptimal() {
        // A pulse much larger than the initial error, so that it raises the cost in any direction
        Perturbation pulse = new Perturbation(10, 0.05, 0.2, 0.3, 3);

        PerturbationOutcome optimal = preparation.perturbationDelay(PreparationStrategy.OPTIMAL, spontaneous,
                WINDOW_SECONDS, pulse);
        PerturbationOutcome naive = preparation.perturbationDelay(PreparationStrategy.NAIVE, spontaneous,
                WINDOW_SECONDS, pulse);

        assertTrue(optimal.perturbedCostAtGo() > optimal.referenceCost(),
                "perturbed cost " + optimal.perturbedCostAtGo() + ", reference " + optimal.referenceCost());
        assertTrue(optimal.delaySeconds() > 0, "optimal delay " + optimal.delaySeconds());
        assertTrue(naive.delaySeconds() > optimal.delaySeconds(),
                "naive delay " + naive.delaySeconds() + " s, optimal " + optimal.delaySeconds() + " s");
    }

    @Test
    void naiveDelayIsFirstCrossing() {
        Perturbation pulse = new Perturbation(10, 0.05, 0.2, 0.3, 3);

        PerturbationOutcome naive = preparation.perturbationDelay(PreparationStrategy.NAIVE, spontaneous,
                WINDOW_SECONDS, pulse);

        double[] series = naive.perturbedCostSeries();
        int crossing = (int) Math.round(naive.delaySeconds() / naive.resolutionSeconds());
        assertFalse(naive.capped());
        assertEquals(Preparation.DELAY_RESOLUTION_SECONDS, naive.resolutionSeconds(), 0.0);
        assertEquals(naive.perturbedCostAtGo(), series[0], 0.0);
        for (int j = 0; j < series.length; j++) {
            assertFalse(Double.isNaN(series[j]), "naive cost at grid point " + j + " was not computed");
        }
        for (int j = 0; j < crossing; j++) {
            assertTrue(series[j] > naive.referenceCost(), "cost " + series[j] + " at grid point " + j
                    + " is already at or below the reference " + naive.referenceCost());
        }
        assertTrue(series[crossing] <= naive.referenceCost(), "cost at the delay " + series[crossing]);
    }

    @Test
    void optimalDelayIsFirstCrossing() {
        Perturbation pulse = new Perturbation(10, 0.05, 0.2, 0.3, 3);

        PerturbationOutcome optimal = preparation.perturbationDelay(PreparationStrategy.OPTIMAL, spontaneous,
                WINDOW_SECONDS, pulse);

        double[] series = optimal.perturbedCostSeries();
        int crossing = (int) Math.round(optimal.delaySeconds() / optimal.resolutionSeconds());
        assertFalse(optimal.capped());
        for (int j = 0; j < crossing; j++) {
            assertFalse(series[j] <= optimal.referenceCost(), "cost " + series[j] + " at grid point " + j
                    + " is already at or below the reference " + optimal.referenceCost());
        }
        assertTrue(series[crossing] <= optimal.referenceCost(), "cost at the delay " + series[crossing]);
        assertTrue(crossing == 0 || !Double.isNaN(series[crossing - 1]), "grid point before the delay was not run");
    }

    @Test
    void zeroPulseMatchesReference() {
        Perturbation none = new Perturbation(0, 0.05, 0.2, 0.3, 1);

        for (PreparationStrategy strategy : PreparationStrategy.values()) {
            PerturbationOutcome outcome = preparation.perturbationDelay(strategy, spontaneous, WINDOW_SECONDS, none);

            assertEquals(outcome.referenceCost(), outcome.perturbedCostAtGo(), ROUND_OFF * outcome.referenceCost(),
                    strategy.name());
        }
    }

    @Test
    void delayStaysWithinCap() {
        Perturbation strong = new Perturbation(50, 0.05, 0.2, 0.1, 5);

        PerturbationOutcome naive = preparation.perturbationDelay(PreparationStrategy.NAIVE, spontaneous,
                WINDOW_SECONDS, strong);

        assertTrue(naive.delaySeconds() <= 0.1, "delay " + naive.delaySeconds());
    }

    @Test
    void windowShorterThanPulseIsRejected() {
        Perturbation pulse = Perturbation.defaults(N, 3);

        assertThrows(IllegalArgumentException.class,
                () -> preparation.perturbationDelay(PreparationStrategy.NAIVE, spontaneous, 0.2, pulse));
    }

    @Test
    void badInputIsRejected() {
        Perturbation pulse = Perturbation.defaults(N, 3);

        assertThrows(IllegalArgumentException.class, () -> new Perturbation(-1, 0.05, 0.2, 0.3, 1));
        assertThrows(IllegalArgumentException.class, () -> new Perturbation(1, 0, 0.2, 0.3, 1));
        assertThrows(IllegalArgumentException.class, () -> new Perturbation(1, 0.05, -0.1, 0.3, 1));
        assertThrows(IllegalArgumentException.class, () -> new Perturbation(1, 0.05, 0.2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Perturbation(Double.NaN, 0.05, 0.2, 0.3, 1));
        assertThrows(IllegalArgumentException.class, () -> Perturbation.defaults(0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> preparation.perturbationDelay(null, spontaneous, WINDOW_SECONDS, pulse));
        assertThrows(IllegalArgumentException.class,
                () -> preparation.perturbationDelay(PreparationStrategy.NAIVE, null, WINDOW_SECONDS, pulse));
        assertThrows(IllegalArgumentException.class,
                () -> preparation.perturbationDelay(PreparationStrategy.NAIVE, new double[N - 1], WINDOW_SECONDS,
                        pulse));
        assertThrows(IllegalArgumentException.class,
                () -> preparation.perturbationDelay(PreparationStrategy.NAIVE, spontaneous, Double.NaN, pulse));
        assertThrows(IllegalArgumentException.class,
                () -> preparation.perturbationDelay(PreparationStrategy.NAIVE, spontaneous, WINDOW_SECONDS, null));
    }
}
