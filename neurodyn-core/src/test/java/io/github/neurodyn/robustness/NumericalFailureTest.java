package io.github.neurodyn.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.SimulationDivergedException;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.linalg.MatrixExponential;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * NaN from user code and overflow end in a typed exception that carries the diagnosis, never
 * in a trajectory or matrix with NaN or infinite entries. Dormand-Prince used to report NaN
 * input as a step-size underflow (NotConvergedException); it must raise
 * SimulationDivergedException. It stops at its last accepted time, which can lie a whole
 * adaptive step before the NaN onset. Its stages also spread the NaN to every neuron through
 * W phi(x), because 0 * NaN is NaN, so only the fixed-step integrators name the input's neuron.
 */
class NumericalFailureTest {

    private static final int N = 4;
    private static final int BAD_NEURON = 2;
    private static final double ONSET_SECONDS = 0.01;
    private static final double STEP_SECONDS = 1e-3;

    private static RateNetwork network(Nonlinearity phi) {
        return RateNetwork.builder().weights(new DMatrixRMaj(N, N)).timeConstant(0.02).nonlinearity(phi).build();
    }

    /** Input that is zero before the onset and NaN on one neuron from then on. */
    private static InputSignal nanAfterOnset() {
        return InputSignal.of(N, (t, out) -> {
            java.util.Arrays.fill(out, 0.0);
            if (t >= ONSET_SECONDS) {
                out[BAD_NEURON] = Double.NaN;
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "HEUN", "RK4", "EXPONENTIAL_EULER", "DORMAND_PRINCE"})
    void nanInputNamesTimeAndNeuron(Integrator integrator) {
        Simulation simulation = Simulation.of(network(Nonlinearity.tanh())).integrator(integrator)
                .stepSeconds(STEP_SECONDS).durationSeconds(0.05).input(nanAfterOnset());

        SimulationDivergedException error = assertThrows(SimulationDivergedException.class, simulation::run);

        assertTrue(error.timeSeconds() <= ONSET_SECONDS + 2 * STEP_SECONDS, "time " + error.timeSeconds());
        assertTrue(Double.isNaN(error.value()), "value " + error.value());
        if (integrator.isFixedStep()) {
            assertEquals(BAD_NEURON, error.neuron(), "neuron");
            assertTrue(error.timeSeconds() >= ONSET_SECONDS - STEP_SECONDS, "time " + error.timeSeconds());
        }
    }

    @Test
    void nanNonlinearityStopsRun() {
        Nonlinearity broken = Nonlinearity.of(x -> x > 0.5 ? Double.NaN : x, x -> 1.0, "broken above 0.5");
        double[] x0 = {0, 0, 0, 0};
        double[] drive = {0, 0, 0, 1};
        Simulation simulation = Simulation.of(network(broken).toBuilder().bias(drive).build())
                .stepSeconds(STEP_SECONDS).durationSeconds(0.2).initialState(x0);

        SimulationDivergedException error = assertThrows(SimulationDivergedException.class, simulation::run);

        // W phi(x) spreads the NaN to every neuron in the same step, since 0 * NaN is NaN.
        assertTrue(error.timeSeconds() > 0, "time " + error.timeSeconds());
        assertTrue(Double.isNaN(error.value()), "value " + error.value());
    }

    @Test
    void exponentialOverflowRaises() {
        DMatrixRMaj a = CommonOps_DDRM.identity(3);
        CommonOps_DDRM.scale(800, a);

        assertThrows(NeurodynException.class, () -> MatrixExponential.of(a));
        assertThrows(NeurodynException.class, () -> MatrixExponential.of(CommonOps_DDRM.identity(3), 1e3));
    }
}
