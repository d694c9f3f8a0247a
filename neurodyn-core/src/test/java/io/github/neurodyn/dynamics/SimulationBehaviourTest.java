package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.SimulationDivergedException;
import io.github.neurodyn.api.Trajectory;
import java.lang.management.ManagementFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sampling, divergence, hooks and allocation of the simulation loop. */
class SimulationBehaviourTest {

    private static RateNetwork unstableNeuron(int n, int unstable) {
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        w.set(unstable, unstable, 3.0);
        return RateNetwork.builder().weights(w).timeConstant(0.1).nonlinearity(Nonlinearity.identity()).build();
    }

    @Test
    void sampleTimesIncludeDuration() {
        RateNetwork network = unstableNeuron(2, 0);
        Trajectory run = Simulation.of(network).stepSeconds(1e-3).durationSeconds(0.0105)
                .sampleEverySeconds(0.003).run();
        assertArrayEquals(new double[] {0.0, 0.003, 0.006, 0.009, 0.0105}, run.times(), 1e-15);
    }

    @Test
    void samplesLandOnTimesOffStepGrid() {
        // x(t) = e^(-t / tau) for W = 0; a step of 0.7 ms does not divide the 1 ms interval.
        RateNetwork leak = RateNetwork.builder().weights(new DMatrixRMaj(1, 1)).timeConstant(0.1)
                .nonlinearity(Nonlinearity.identity()).build();
        Trajectory run = Simulation.of(leak).integrator(Integrator.RK4).stepSeconds(7e-4).durationSeconds(0.02)
                .sampleEverySeconds(1e-3).initialState(new double[] {1.0}).run();
        for (int k = 0; k < run.sampleCount(); k++) {
            double t = run.timeSeconds(k);
            assertEquals(Math.exp(-t / 0.1), run.state(0, k)[0], 1e-12, "sample at " + t + " s");
        }
    }

    @Test
    void stepperAdvancesAndAcceptsState() {
        RateNetwork leak = RateNetwork.builder().weights(new DMatrixRMaj(2, 2)).timeConstant(0.1)
                .nonlinearity(Nonlinearity.identity()).build();
        Stepper stepper = Simulation.of(leak).integrator(Integrator.EULER).stepSeconds(1e-3).stepper();
        stepper.setState(0, new double[] {1.0, -1.0});
        stepper.step();
        double[] x = new double[2];
        stepper.copyState(0, x);
        assertEquals(1e-3, stepper.timeSeconds(), 0.0);
        assertEquals(1, stepper.stepCount());
        assertArrayEquals(new double[] {0.99, -0.99}, x, 1e-15);
        assertThrows(IllegalArgumentException.class, () -> stepper.setState(0, new double[] {Double.NaN, 0}));
    }

    @Test
    void stepperRejectsAdaptiveIntegrator() {
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(2, 2)).build();
        Simulation adaptive = Simulation.of(network).integrator(Integrator.DORMAND_PRINCE);
        assertThrows(IllegalArgumentException.class, adaptive::stepper);
    }

    @Test
    void zeroDurationGivesInitialSample() {
        double[] x0 = {1.0, -2.0};
        Trajectory run = Simulation.of(unstableNeuron(2, 0)).durationSeconds(0).initialState(x0).run();
        assertEquals(1, run.sampleCount());
        assertArrayEquals(x0, run.finalState(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(Integrator.class)
    void divergenceNamesTimeAndNeuron(Integrator integrator) {
        // x_2 grows as e^(2 t / tau) from 1, so it crosses 1e3 at t = tau ln(1e3) / 2.
        double[] x0 = {0.0, 0.0, 1.0, 0.0};
        double bound = 1e3;
        SimulationDivergedException error = assertThrows(SimulationDivergedException.class,
                () -> Simulation.of(unstableNeuron(4, 2)).integrator(integrator).stepSeconds(1e-3)
                        .durationSeconds(2.0).initialState(x0).maxAbsState(bound).run());
        double crossing = 0.1 * Math.log(1e3) / 2;
        assertEquals(2, error.neuron());
        assertTrue(Math.abs(error.value()) > bound, "value " + error.value());
        assertEquals(crossing, error.timeSeconds(), 0.02, "time of divergence");
    }

    @Test
    void nanStateStopsRun() {
        // A NaN rate reaches every neuron through W phi(x), because 0 * NaN is NaN.
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(2, 2))
                .nonlinearity(Nonlinearity.of(x -> x > 0.5 ? Double.NaN : x, x -> 1.0, "broken")).build();
        SimulationDivergedException error = assertThrows(SimulationDivergedException.class,
                () -> Simulation.of(network).integrator(Integrator.EULER).durationSeconds(1.0)
                        .input(InputSignal.constant(new double[] {0.0, 1.0})).run());
        assertEquals(0, error.neuron());
        assertTrue(Double.isNaN(error.value()));
        assertTrue(error.timeSeconds() > 0, "time " + error.timeSeconds());
    }

    @Test
    void hookSeesStepsAndStopsRun() {
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(3, 3)).build();
        int[] calls = {0};
        Trajectory run = Simulation.of(network).integrator(Integrator.EULER).stepSeconds(1e-3)
                .durationSeconds(1.0).sampleEverySeconds(0.01)
                .hook(context -> {
                    calls[0]++;
                    if (context.stepCount() == 25) {
                        context.requestStop();
                    }
                }, 5).run();
        assertEquals(5, calls[0]);
        assertTrue(run.stoppedEarly());
        assertEquals(0.025, run.timeSeconds(run.sampleCount() - 1), 1e-12);
        assertEquals(4, run.sampleCount());
    }

    @Test
    void adaptiveHookStopsRun() {
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(2, 2)).build();
        Trajectory run = Simulation.of(network).integrator(Integrator.DORMAND_PRINCE).durationSeconds(1.0)
                .sampleEverySeconds(0.01).input(InputSignal.constant(new double[] {1.0, 2.0}))
                .hook(context -> {
                    if (context.timeSeconds() >= 0.05) {
                        context.requestStop();
                    }
                }).run();
        double last = run.timeSeconds(run.sampleCount() - 1);
        assertTrue(run.stoppedEarly());
        assertTrue(last >= 0.05, "stop time " + last + " s before the hook's threshold");
        assertTrue(last < 1.0, "stop time " + last + " s is the full duration");
        // With W = 0, x_i(t) = u_i (1 - e^(-t / tau)), and the last sample is the state at the stop.
        assertEquals(2.0 * -Math.expm1(-last / 0.15), run.finalState()[1], 1e-6);
    }

    @Test
    void ratesApplyNonlinearity() {
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(2, 2))
                .nonlinearity(Nonlinearity.relu()).build();
        Trajectory run = Simulation.of(network).durationSeconds(0.01).initialState(new double[] {-1.0, 2.0}).run();
        DMatrixRMaj rates = run.rates();
        DMatrixRMaj states = run.states();
        for (int k = 0; k < run.sampleCount(); k++) {
            assertEquals(0.0, rates.get(0, k), 0.0, "negative state gives rate 0");
            assertEquals(states.get(1, k), rates.get(1, k), 0.0, "positive state passes through");
        }
    }

    @Test
    void hookChangesWeights() {
        // The hook switches on a self-excitation W(0, 0) = 0.5 after the first step.
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(1, 1)).timeConstant(0.1)
                .nonlinearity(Nonlinearity.identity()).build();
        Trajectory run = Simulation.of(network).integrator(Integrator.RK4).stepSeconds(1e-3)
                .durationSeconds(0.1).initialState(new double[] {1.0})
                .hook(context -> context.weightColumns()[0][0] = 0.5).run();
        assertEquals(0.5, run.finalWeights().get(0, 0), 0.0);
        // One step of pure leak, then leak and self-excitation: x = e^(-dt / tau - 0.5 (T - dt) / tau).
        assertEquals(Math.exp(-0.01 - 0.495), run.finalState()[0], 1e-9);
    }

    @Test
    void stepperAllocatesNothing() {
        int n = 64;
        RateNetwork network = RateNetwork.builder().weights(LinearSolution.randomSymmetric(n, 0.5, 5))
                .nonlinearity(Nonlinearity.tanh()).build();
        RateNetwork linear = network.toBuilder().nonlinearity(Nonlinearity.identity()).build();
        for (Integrator integrator : new Integrator[] {Integrator.EULER, Integrator.RK4,
                Integrator.HEUN, Integrator.EXPONENTIAL_EULER, Integrator.EXACT_LINEAR}) {
            RateNetwork model = integrator == Integrator.EXACT_LINEAR ? linear : network;
            Stepper stepper = Simulation.of(model).integrator(integrator).stepSeconds(1e-4).trials(3)
                    .input(InputSignal.step(0.5, new double[n], LinearSolution.randomVector(n, 6)))
                    .noise(OrnsteinUhlenbeckNoise.independent(0.02, 0.1)).stepper();
            long allocated = allocatedDuring(stepper, 20_000, 20_000);
            assertTrue(allocated < 20_000, integrator + " allocated " + allocated + " bytes in 20000 steps");
        }
    }

    /** Returns the bytes this thread allocated in {@code measured} steps after {@code warmUp} steps. */
    static long allocatedDuring(Stepper stepper, int warmUp, int measured) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int s = 0; s < warmUp; s++) {
            stepper.step();
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int s = 0; s < measured; s++) {
            stepper.step();
        }
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
