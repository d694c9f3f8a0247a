package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void stepLongerThanDurationUsesDuration() {
        double duration = 0.5 * TAU_MIN;
        Simulation simulation = Simulation.of(leakyNeuron()).integrator(Integrator.EULER).stepSeconds(1e6 * TAU_MIN)
                .durationSeconds(duration).sampleEverySeconds(duration);

        double used = simulation.largestStepSeconds();

        assertEquals(duration, used, 1e-15 * duration);
        assertNull(Simulation.stepStabilityWarning(Integrator.EULER, used, new double[] {TAU_MIN}));
    }

    @Test
    void stepSplitIntoEqualPartsUsesPart() {
        // A sample interval of 3 tau_min with a step of 2.5 tau_min is split into two steps of 1.5 tau_min.
        Simulation simulation = Simulation.of(leakyNeuron()).integrator(Integrator.EULER)
                .stepSeconds(2.5 * TAU_MIN).durationSeconds(6 * TAU_MIN).sampleEverySeconds(3 * TAU_MIN);

        assertEquals(1.5 * TAU_MIN, simulation.largestStepSeconds(), 1e-12 * TAU_MIN);
    }

    @Test
    void stepFittingIntervalIsUsedUnchanged() {
        Simulation simulation = Simulation.of(leakyNeuron()).integrator(Integrator.EULER)
                .stepSeconds(3 * TAU_MIN).durationSeconds(6 * TAU_MIN).sampleEverySeconds(6 * TAU_MIN);

        assertEquals(3 * TAU_MIN, simulation.largestStepSeconds());
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
        RateNetwork leak = leakyNeuron();
        double duration = STEPS * stepSeconds;
        Trajectory run = Simulation.of(leak).integrator(integrator).stepSeconds(stepSeconds)
                .durationSeconds(duration).sampleEverySeconds(duration).initialState(new double[] {1.0}).run();
        return Math.abs(run.state(0, run.times().length - 1)[0]);
    }

    /** Returns one neuron with tau = tau_min, no recurrence and the identity nonlinearity. */
    private static RateNetwork leakyNeuron() {
        return RateNetwork.builder().weights(new DMatrixRMaj(1, 1)).timeConstant(TAU_MIN)
                .nonlinearity(Nonlinearity.identity()).build();
    }
}
