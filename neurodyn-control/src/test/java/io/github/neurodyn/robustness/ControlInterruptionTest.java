package io.github.neurodyn.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.CancelledException;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.lqr.Lqr;
import io.github.neurodyn.movement.MovementFitter;
import io.github.neurodyn.movement.SpontaneousNetwork;
import io.github.neurodyn.plant.Reach;
import io.github.neurodyn.plant.ReachTargets;
import io.github.neurodyn.plant.TwoLinkArm;
import io.github.neurodyn.preparation.Preparation;
import io.github.neurodyn.preparation.PreparationRun;
import io.github.neurodyn.preparation.PreparationStrategy;
import io.github.neurodyn.preparation.ProspectiveCost;
import io.github.neurodyn.spectral.SocPresets;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The long loops of the control module raise {@link CancelledException} on an interrupted
 * thread, keep the flag set, and leave their inputs unchanged.
 */
class ControlInterruptionTest {

    private static final double TAU = 0.15;

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    private static DMatrixRMaj random(int rows, int cols, double scale, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = scale * random.nextGaussian();
        }
        return m;
    }

    @Test
    void interruptedThreadStartsNoMovementFit() {
        DMatrixRMaj weights = SocPresets.hennequin2014(20, 1).build().run().weights();
        SpontaneousNetwork network = SpontaneousNetwork.around(weights, 10, TAU, 1);
        List<DMatrixRMaj> targets = ReachTargets.DEFAULT.reaches(TwoLinkArm.withDefaults()).stream()
                .map(Reach::torques).toList();
        MovementFitter fitter = MovementFitter.builder(network, targets, 0.001).directions(4).iterations(2).build();
        Thread.currentThread().interrupt();

        CancelledException thrown = assertThrows(CancelledException.class, fitter::fit);

        assertEquals(0, thrown.completedIterations(), "iterations completed");
        assertTrue(Thread.interrupted(), "the interrupt flag stays set");
    }

    @Test
    void interruptedThreadStartsNoPreparationRun() {
        Random random = new Random(21);
        int n = 4;
        RateNetwork network = RateNetwork.builder().weights(random(n, n, 0.3, random)).timeConstant(TAU)
                .nonlinearity(Nonlinearity.identity()).build();
        double[] xStar = {0.1, 0.2, -0.1, 0.3};
        ProspectiveCost cost = ProspectiveCost.of(network.linearisation(xStar), random(2, n, 1.0, random));
        Preparation preparation = Preparation.builder().network(network).preparedState(xStar).cost(cost).build();
        double[] x0 = new double[n];
        PreparationRun before = preparation.run(PreparationStrategy.OPTIMAL_STEADY_STATE, x0, 0.1);
        Thread.currentThread().interrupt();

        assertThrows(CancelledException.class,
                () -> preparation.run(PreparationStrategy.OPTIMAL_STEADY_STATE, x0, 0.1));
        assertTrue(Thread.interrupted(), "the interrupt flag stays set");
        PreparationRun after = preparation.run(PreparationStrategy.OPTIMAL_STEADY_STATE, x0, 0.1);

        assertArrayEquals(before.finalState(), after.finalState(), 0.0, "next run equals the first");
        assertArrayEquals(new double[n], x0, 0.0, "initial state unchanged");
    }

    @Test
    void interruptedThreadStartsNoFiniteHorizonSolve() {
        Random random = new Random(22);
        int n = 3;
        DMatrixRMaj a = random(n, n, 1.0, random);
        DMatrixRMaj b = random(n, 1, 1.0, random);
        DMatrixRMaj q = CommonOps_DDRM.identity(n);
        DMatrixRMaj r = CommonOps_DDRM.identity(1);
        Thread.currentThread().interrupt();

        CancelledException thrown = assertThrows(CancelledException.class,
                () -> Lqr.finiteHorizon(a, b, q, r, q, 1.0, 100));

        assertEquals(0, thrown.completedIterations(), "steps completed");
        assertTrue(Thread.interrupted(), "the interrupt flag stays set");
    }
}
