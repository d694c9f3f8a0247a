package io.github.neurodyn.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.analysis.gpfa.ExactGpfa;
import io.github.neurodyn.analysis.gpfa.ExactGpfaOptions;
import io.github.neurodyn.analysis.gpfa.GpfaData;
import io.github.neurodyn.analysis.gpfa.SparseGpfa;
import io.github.neurodyn.analysis.gpfa.SparseGpfaOptions;
import io.github.neurodyn.api.CancelledException;
import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.Trajectory;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.network.Connectivity;
import io.github.neurodyn.network.Networks;
import io.github.neurodyn.plasticity.IspPresets;
import io.github.neurodyn.plasticity.PlasticityTraining;
import io.github.neurodyn.plasticity.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Long computations interrupted from their own thread or from another thread raise
 * {@link CancelledException}, keep the interrupt flag set, and leave the network and the
 * configured computation unchanged, so the next run equals a fresh one.
 */
class InterruptionTest {

    private static final int N = 12;
    private static final double STEP_SECONDS = 1e-3;
    /** Steps between two interrupt checks of {@code Simulation.run()} and the training loop. */
    private static final long CHECK_STEPS = 1024;
    /** A duration that no test lets run to its end: about 10^8 steps. */
    private static final double ENDLESS_SECONDS = 1e5;
    private static final long TIMEOUT_SECONDS = 60;

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    private static RateNetwork network() {
        DMatrixRMaj w = Networks.gaussian(N).gain(0.8).seed(51).spectrum(false).build().weights();
        return RateNetwork.builder().weights(w).timeConstant(0.02).nonlinearity(Nonlinearity.tanh()).build();
    }

    /** Returns a 50 Hz drive on every neuron, which keeps the adaptive step near a millisecond. */
    private static InputSignal drive(CountDownLatch started) {
        return InputSignal.of(N, (t, out) -> {
            started.countDown();
            for (int i = 0; i < N; i++) {
                out[i] = 0.5 * Math.sin(2 * Math.PI * 50 * t + i);
            }
        });
    }

    private static Simulation shortRun(Simulation simulation) {
        return simulation.durationSeconds(0.05).sampleEverySeconds(5e-3).input(drive(new CountDownLatch(0)));
    }

    /** Result of running work on a new thread that the test interrupts once the work has started. */
    private record Outcome(Throwable thrown, boolean flagSetAfterwards) {
    }

    private static Outcome interruptOnceStarted(Runnable work, CountDownLatch started) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                flag.set(Thread.currentThread().isInterrupted());
            }
        }, "interrupted-worker");
        worker.start();
        assertTrue(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the work did not start");
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertFalse(worker.isAlive(), "the worker ignored the interrupt");
        return new Outcome(thrown.get(), flag.get());
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "RK4", "EXPONENTIAL_EULER"})
    void selfInterruptStopsAtNextCheck(Integrator integrator) {
        long interruptAt = 1500;
        Simulation simulation = Simulation.of(network()).integrator(integrator).stepSeconds(STEP_SECONDS)
                .durationSeconds(3.0).sampleEverySeconds(0.1).hook(context -> {
                    if (context.stepCount() == interruptAt) {
                        Thread.currentThread().interrupt();
                    }
                });

        CancelledException thrown = assertThrows(CancelledException.class, simulation::run);

        assertEquals(2 * CHECK_STEPS, thrown.completedIterations(), "steps completed before the check");
        assertTrue(thrown.getMessage().contains("Simulation.run()"), thrown.getMessage());
        assertTrue(Thread.interrupted(), "the interrupt flag stays set");
    }

    @Test
    void interruptedThreadStartsNoRun() {
        Thread.currentThread().interrupt();

        CancelledException thrown = assertThrows(CancelledException.class, () -> Simulation.of(network()).run());

        assertEquals(0, thrown.completedIterations(), "steps completed");
        assertTrue(Thread.interrupted(), "the interrupt flag stays set");
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"RK4", "DORMAND_PRINCE"})
    void otherThreadCancelsRun(Integrator integrator) throws InterruptedException {
        RateNetwork network = network();
        CountDownLatch started = new CountDownLatch(1);
        Simulation simulation = Simulation.of(network).integrator(integrator).stepSeconds(STEP_SECONDS)
                .durationSeconds(ENDLESS_SECONDS).sampleEverySeconds(ENDLESS_SECONDS).input(drive(started));

        Outcome outcome = interruptOnceStarted(simulation::run, started);
        Trajectory again = shortRun(simulation).run();
        Trajectory fresh = shortRun(Simulation.of(network()).integrator(integrator).stepSeconds(STEP_SECONDS)).run();

        assertInstanceOf(CancelledException.class, outcome.thrown(), "exception");
        assertTrue(outcome.flagSetAfterwards(), "the interrupt flag stays set");
        assertArrayEquals(network().weights().data, network.weights().data, 0.0, "network weights");
        assertArrayEquals(fresh.states(0).data, again.states(0).data, 0.0, "next run equals a fresh one");
    }

    @Test
    void otherThreadCancelsTraining() throws InterruptedException {
        Connectivity start = IspPresets.startNetwork(40, 3);
        RateNetwork network = IspPresets.network(start);
        InputSignal input = InputSignal.constant(IspPresets.input(40));
        CountDownLatch started = new CountDownLatch(1);
        PlasticityTraining training = PlasticityTraining.of(network, IspPresets.rule(start).build()).input(input)
                .durationSeconds(ENDLESS_SECONDS).reportEverySeconds(0.05).listener(report -> {
                    started.countDown();
                    return true;
                });

        Outcome outcome = interruptOnceStarted(training::run, started);
        TrainingResult again = training.durationSeconds(0.2).run();
        TrainingResult fresh = PlasticityTraining.of(IspPresets.network(start), IspPresets.rule(start).build())
                .input(input).durationSeconds(0.2).reportEverySeconds(0.05).run();

        assertInstanceOf(CancelledException.class, outcome.thrown(), "exception");
        assertTrue(outcome.flagSetAfterwards(), "the interrupt flag stays set");
        assertArrayEquals(start.weights().data, network.weights().data, 0.0, "network weights");
        assertArrayEquals(fresh.finalWeights().data, again.finalWeights().data, 0.0, "next run equals a fresh one");
    }

    @Test
    void selfInterruptStopsTrainingAtNextCheck() {
        Connectivity start = IspPresets.startNetwork(20, 4);
        int[] reports = new int[1];
        PlasticityTraining training = PlasticityTraining.of(IspPresets.network(start), IspPresets.rule(start).build())
                .input(InputSignal.constant(IspPresets.input(20))).durationSeconds(10).reportEverySeconds(0.5)
                .listener(report -> {
                    if (++reports[0] == 3) {
                        Thread.currentThread().interrupt();
                    }
                    return true;
                });

        CancelledException thrown = assertThrows(CancelledException.class, training::run);

        assertEquals(2 * CHECK_STEPS, thrown.completedIterations(), "steps completed before the check");
        assertTrue(Thread.interrupted(), "the interrupt flag stays set");
    }

    private static GpfaData gpfaData() {
        List<double[]> times = new ArrayList<>();
        List<DMatrixRMaj> activity = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            double[] t = new double[20];
            for (int b = 0; b < t.length; b++) {
                t[b] = 10.0 * b;
            }
            times.add(t);
            activity.add(SeededInputs.gaussian(t.length, 5, 60 + k));
        }
        return GpfaData.of(List.of("a", "b", "c", "d", "e"), times, activity);
    }

    @Test
    void interruptedThreadStartsNoExactGpfaFit() {
        GpfaData data = gpfaData();
        Thread.currentThread().interrupt();

        CancelledException thrown = assertThrows(CancelledException.class,
                () -> ExactGpfa.fit(data, ExactGpfaOptions.defaults(2)));

        assertEquals(0, thrown.completedIterations(), "iterations completed");
        assertTrue(Thread.interrupted(), "the interrupt flag stays set");
    }

    @Test
    void interruptedThreadStartsNoSparseGpfaFit() {
        GpfaData data = gpfaData();
        Thread.currentThread().interrupt();

        CancelledException thrown = assertThrows(CancelledException.class,
                () -> SparseGpfa.fit(data, SparseGpfaOptions.defaults(2)));

        assertEquals(0, thrown.completedIterations(), "iterations completed");
        assertTrue(Thread.interrupted(), "the interrupt flag stays set");
    }
}
