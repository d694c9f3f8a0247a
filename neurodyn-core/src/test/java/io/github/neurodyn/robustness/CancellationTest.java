package io.github.neurodyn.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.StepHook;
import io.github.neurodyn.api.Trajectory;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.OrnsteinUhlenbeckNoise;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.network.Networks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A simulation stopped by its hook or by a hook that throws ends at a whole step. Every trial
 * ends in the state that a shorter, uninterrupted run reaches, and the next run of the same
 * simulation starts afresh. Cancellation by thread interruption is tested in
 * {@link InterruptionTest}.
 */
class CancellationTest {

    private static final int N = 12;
    private static final int TRIALS = 3;
    private static final double STEP_SECONDS = 1e-3;
    private static final double SAMPLE_SECONDS = 5e-3;
    private static final long STOP_STEP = 7;

    private static RateNetwork network() {
        DMatrixRMaj w = Networks.gaussian(N).gain(1.1).seed(41).spectrum(false).build().weights();
        return RateNetwork.builder().weights(w).timeConstant(0.02).nonlinearity(Nonlinearity.tanh()).build();
    }

    private static DMatrixRMaj initialStates() {
        return SeededInputs.gaussian(N, TRIALS, 42);
    }

    private static Simulation simulation(Integrator integrator) {
        return Simulation.of(network()).integrator(integrator).stepSeconds(STEP_SECONDS).durationSeconds(0.05)
                .sampleEverySeconds(SAMPLE_SECONDS).initialStates(initialStates()).trials(TRIALS)
                .noise(OrnsteinUhlenbeckNoise.independent(0.01, 0.2)).seed(43);
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "HEUN", "RK4", "EXPONENTIAL_EULER"})
    void stoppedBatchEqualsShorterRun(Integrator integrator) {
        StepHook stopAtStep = context -> {
            if (context.stepCount() == STOP_STEP && context.trial() == 0) {
                context.requestStop();
            }
        };

        Trajectory stopped = simulation(integrator).hook(stopAtStep).run();
        Trajectory shorter = simulation(integrator).durationSeconds(STOP_STEP * STEP_SECONDS).run();

        assertTrue(stopped.stoppedEarly(), "stoppedEarly");
        assertEquals(STOP_STEP, stopped.stepsTaken(), "steps taken");
        assertEquals(shorter.timeSeconds(shorter.sampleCount() - 1), stopped.timeSeconds(stopped.sampleCount() - 1),
                1e-15, "final time");
        for (int b = 0; b < TRIALS; b++) {
            assertArrayEquals(shorter.finalState(b), stopped.finalState(b), 0.0, "final state of trial " + b);
        }
    }

    @Test
    void throwingHookLeavesSimulationReusable() {
        RuntimeException cancel = new IllegalStateException("cancelled by the caller");
        Simulation simulation = simulation(Integrator.RK4);
        Trajectory fresh = simulation.run();
        StepHook sabotage = context -> {
            context.weightColumns()[0][1] += 5.0;
            if (context.stepCount() == STOP_STEP) {
                throw cancel;
            }
        };

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> simulation.hook(sabotage).run());
        Trajectory again = simulation.hook(null).run();

        assertSame(cancel, thrown, "the hook's exception propagates unchanged");
        for (int b = 0; b < TRIALS; b++) {
            assertArrayEquals(fresh.states(b).data, again.states(b).data, 0.0, "trial " + b + " after the failure");
        }
        assertArrayEquals(network().weights().data, again.finalWeights().data, 0.0, "weights start afresh");
    }
}
