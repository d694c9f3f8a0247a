package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.Trajectory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The set-up warning for a fixed step above the scheme's stability limit on the leak term,
 * and the limits themselves, checked against runs of a single leaky neuron.
 */
class StepStabilityWarningTest {

    /** Time constants of the checked network, in seconds: tau_min = 0.01 s. */
    private static final double[] TIME_CONSTANTS = {0.15, 0.01, 0.05};

    private static final double TAU_MIN = 0.01;

    /** Relative distance from the limit on either side of it in the runs. */
    private static final double MARGIN = 0.01;

    /** Steps of the runs: enough for a per-step amplification 1% off the limit to move |x| well away from 1. */
    private static final int STEPS = 2000;

    @Test
    void eulerWithHugeStepWarns() {
        String warning = Simulation.stepStabilityWarning(Integrator.EULER, 1e6 * TAU_MIN, TIME_CONSTANTS);

        assertNotNull(warning);
        assertTrue(warning.contains("dt = 10000.0 s"), warning);
        assertTrue(warning.contains("tau_min = 0.01 s"), warning);
        assertTrue(warning.contains("0.0200000 s"), warning);
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "HEUN", "RK4"})
    void explicitSchemeWarnsJustAboveLimit(Integrator integrator) {
        double limit = integrator.leakStabilityLimit() * TAU_MIN;

        assertNotNull(Simulation.stepStabilityWarning(integrator, (1 + MARGIN) * limit, TIME_CONSTANTS));
        assertNull(Simulation.stepStabilityWarning(integrator, limit, TIME_CONSTANTS));
        assertNull(Simulation.stepStabilityWarning(integrator, (1 - MARGIN) * limit, TIME_CONSTANTS));
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EXPONENTIAL_EULER", "EXACT_LINEAR", "DORMAND_PRINCE"})
    void stableSchemesNeverWarn(Integrator integrator) {
        assertNull(Simulation.stepStabilityWarning(integrator, 1e6 * TAU_MIN, TIME_CONSTANTS));
    }

    @Test
    void emptyNetworkNeverWarns() {
        assertNull(Simulation.stepStabilityWarning(Integrator.EULER, 1.0, new double[0]));
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "HEUN", "RK4"})
    void limitSeparatesDecayFromGrowth(Integrator integrator) {
        double limit = integrator.leakStabilityLimit() * TAU_MIN;

        double below = finalMagnitude(integrator, (1 - MARGIN) * limit);
        double above = finalMagnitude(integrator, (1 + MARGIN) * limit);

        assertTrue(below < 1.0, integrator + " below the limit: |x| = " + below);
        assertTrue(above > 1.0, integrator + " above the limit: |x| = " + above);
    }

    /** Returns |x| after {@link #STEPS} steps of {@code tau dx/dt = -x} from x(0) = 1. */
    private static double finalMagnitude(Integrator integrator, double stepSeconds) {
        RateNetwork leak = RateNetwork.builder().weights(new DMatrixRMaj(1, 1)).timeConstant(TAU_MIN)
                .nonlinearity(Nonlinearity.identity()).build();
        double duration = STEPS * stepSeconds;
        Trajectory run = Simulation.of(leak).integrator(integrator).stepSeconds(stepSeconds)
                .durationSeconds(duration).sampleEverySeconds(duration).initialState(new double[] {1.0}).run();
        return Math.abs(run.state(0, run.times().length - 1)[0]);
    }
}
