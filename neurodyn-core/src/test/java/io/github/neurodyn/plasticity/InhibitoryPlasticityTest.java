package io.github.neurodyn.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.StepHook;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.OrnsteinUhlenbeckNoise;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.dynamics.Stepper;
import io.github.neurodyn.network.Connectivity;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class InhibitoryPlasticityTest {

    private static final double EXACT = 1e-15;

    /** Neuron 0 excitatory, neuron 1 inhibitory, W(0, 1) = -0.5 and W(1, 1) = 0 (no self-synapse). */
    private static DMatrixRMaj twoNeurons() {
        return new DMatrixRMaj(new double[][] {{0.0, -0.5}, {1.0, 0.0}});
    }

    private static double[][] columns(DMatrixRMaj w) {
        int n = w.numRows;
        double[][] columns = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                columns[j][i] = w.get(i, j);
            }
        }
        return columns;
    }

    @Test
    void twoNeuronUpdateMatchesHandValue() {
        InhibitoryPlasticity rule = InhibitoryPlasticity.builder(twoNeurons(), 1).learningRate(0.2).targetRate(1.0)
                .build();
        double[][] w = columns(twoNeurons());
        double[] rates = {3.0, 2.0};

        rule.apply(w, rates, 0.0, 0.01);

        // |W_01| grows by eta dt r_1 (r_0 - rho0) = 0.2 * 0.01 * 2 * (3 - 1) = 0.008.
        assertEquals(-0.508, w[1][0], EXACT);
        assertEquals(1.0, w[0][1], 0.0, "excitatory weight must not change");
        assertEquals(0.0, w[1][1], 0.0, "self-connection must not change");
    }

    @Test
    void postsynapticRateBelowTargetWeakensInhibition() {
        InhibitoryPlasticity rule = InhibitoryPlasticity.builder(twoNeurons(), 1).learningRate(0.2).build();
        double[][] w = columns(twoNeurons());

        rule.apply(w, new double[] {0.5, 2.0}, 0.0, 0.01);

        // 0.2 * 0.01 * 2 * (0.5 - 1) = -0.002.
        assertEquals(-0.498, w[1][0], EXACT);
    }

    @Test
    void hookScalesUpdateByElapsedTime() {
        InhibitoryPlasticity rule = InhibitoryPlasticity.builder(twoNeurons(), 1).learningRate(0.2).build();
        FakeContext context = new FakeContext(columns(twoNeurons()), new double[] {3.0, 2.0});

        context.time = 0.004;
        rule.afterStep(context);
        double afterFirst = context.columns[1][0];
        context.time = 0.010;
        rule.afterStep(context);

        assertEquals(-0.5 - 0.2 * 0.004 * 2 * 2, afterFirst, EXACT);
        assertEquals(-0.5 - 0.2 * 0.010 * 2 * 2, context.columns[1][0], 1e-14);
    }

    @Test
    void batchTrialsShareElapsedTime() {
        InhibitoryPlasticity rule = InhibitoryPlasticity.builder(twoNeurons(), 1).learningRate(0.2).build();
        FakeContext context = new FakeContext(columns(twoNeurons()), new double[] {3.0, 2.0});

        context.time = 0.01;
        rule.afterStep(context);
        context.trial = 1;
        rule.afterStep(context);

        // Each of the two trials applies 0.2 * 0.01 * 2 * 2 = 0.008.
        assertEquals(-0.516, context.columns[1][0], 1e-14);
        assertEquals(2, rule.updateCount());
    }

    @Test
    void daleSignKeptAtZero() {
        InhibitoryPlasticity rule = InhibitoryPlasticity.builder(twoNeurons(), 1).learningRate(100).build();
        double[][] w = columns(twoNeurons());

        rule.apply(w, new double[] {0.0, 5.0}, 0.0, 1.0);

        assertEquals(0.0, w[1][0], 0.0);
    }

    @Test
    void maxWeightBoundsMagnitude() {
        InhibitoryPlasticity rule = InhibitoryPlasticity.builder(twoNeurons(), 1).learningRate(100).maxWeight(0.7)
                .build();
        double[][] w = columns(twoNeurons());

        rule.apply(w, new double[] {5.0, 5.0}, 0.0, 1.0);

        assertEquals(-0.7, w[1][0], 0.0);
    }

    @Test
    void normalisationCapsRowTotal() {
        DMatrixRMaj start = new DMatrixRMaj(new double[][] {
            {0.0, -0.5, -0.5}, {1.0, 0.0, -0.5}, {1.0, -0.5, 0.0}});
        InhibitoryPlasticity rule = InhibitoryPlasticity.builder(start, 1).learningRate(1.0).maxTotalInhibition(0.6)
                .build();
        double[][] w = columns(start);

        rule.apply(w, new double[] {2.0, 1.0, 1.0}, 0.0, 0.1);

        // Row 0 grows to 0.6 + 0.6 = 1.2 and is scaled to 0.6, equally split.
        assertEquals(-0.3, w[1][0], 1e-15);
        assertEquals(-0.3, w[2][0], 1e-15);
        assertEquals(-0.5, w[2][1], 0.0, "row 1 stays under the cap");
    }

    @Test
    void daleSignsKeptInTrainedNetwork() {
        Connectivity start = IspPresets.startNetwork(60, 3);
        TrainingResult result = PlasticityTraining.of(IspPresets.network(start),
                        IspPresets.rule(start).learningRate(1.0).build())
                .input(InputSignal.constant(IspPresets.input(60))).noise(IspPresets.noise()).seed(3)
                .durationSeconds(1.0).run();
        DMatrixRMaj w = result.finalWeights();
        DMatrixRMaj w0 = start.weights();

        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 60; j++) {
                if (j < start.excitatoryCount()) {
                    assertEquals(w0.get(i, j), w.get(i, j), 0.0, "excitatory weight changed at " + i + "," + j);
                } else {
                    assertTrue(w.get(i, j) <= 0.0, "inhibitory weight positive at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void existingSynapsesOnlyKeepsZeros() {
        Connectivity start = IspPresets.startNetwork(40, 5);
        DMatrixRMaj w0 = start.weights();
        TrainingResult result = PlasticityTraining.of(IspPresets.network(start), IspPresets.rule(start).build())
                .input(InputSignal.constant(IspPresets.input(40))).durationSeconds(0.5).run();
        DMatrixRMaj w = result.finalWeights();
        for (int i = 0; i < 40; i++) {
            for (int j = start.excitatoryCount(); j < 40; j++) {
                if (w0.get(i, j) == 0.0) {
                    assertEquals(0.0, w.get(i, j), 0.0, "absent synapse grew at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void plasticOntoSelectsPopulation() {
        Connectivity start = IspPresets.startNetwork(40, 5);
        InhibitoryPlasticity both = IspPresets.rule(start).build();
        InhibitoryPlasticity excitatoryOnly = IspPresets.rule(start).plasticOnto(true, false).build();
        InhibitoryPlasticity all = IspPresets.rule(start).existingSynapsesOnly(false).build();
        int excitatory = start.excitatoryCount();
        int inhibitory = 40 - excitatory;

        assertEquals(inhibitory * 40 - inhibitory, all.plasticSynapseCount());
        assertTrue(excitatoryOnly.plasticSynapseCount() < both.plasticSynapseCount());
    }

    @Test
    void learningStepAllocatesNothing() {
        Connectivity start = IspPresets.startNetwork(100, 2);
        InhibitoryPlasticity rule = IspPresets.rule(start).maxTotalInhibition(50).build();
        RateNetwork network = IspPresets.network(start);
        Stepper stepper = Simulation.of(network).integrator(Integrator.EULER).stepSeconds(1e-3)
                .input(InputSignal.constant(IspPresets.input(100)))
                .noise(OrnsteinUhlenbeckNoise.independent(0.05, 0.3))
                .hook(rule, 2).stepper();

        Runnable steps = () -> {
            for (int s = 0; s < 5_000; s++) {
                stepper.step();
            }
        };
        steps.run();
        long allocated = allocatedBytes(steps);

        assertTrue(rule.updateCount() > 0, "the rule never ran");
        assertEquals(0, allocated, "bytes allocated in 5000 steps with the rule attached");
    }

    @Test
    void badInputRejected() {
        DMatrixRMaj w = twoNeurons();
        DMatrixRMaj positiveInhibition = new DMatrixRMaj(new double[][] {{0.0, 0.5}, {1.0, 0.0}});
        DMatrixRMaj notSquare = new DMatrixRMaj(2, 3);
        DMatrixRMaj withNaN = twoNeurons();
        withNaN.set(0, 0, Double.NaN);
        Supplier<?>[] cases = {
            () -> InhibitoryPlasticity.builder(null, 1).build(),
            () -> InhibitoryPlasticity.builder(notSquare, 1).build(),
            () -> InhibitoryPlasticity.builder(withNaN, 1).build(),
            () -> InhibitoryPlasticity.builder(w, 2).build(),
            () -> InhibitoryPlasticity.builder(w, -1).build(),
            () -> InhibitoryPlasticity.builder(positiveInhibition, 1).build(),
            () -> InhibitoryPlasticity.builder(w, 1).learningRate(-1).build(),
            () -> InhibitoryPlasticity.builder(w, 1).learningRate(Double.NaN).build(),
            () -> InhibitoryPlasticity.builder(w, 1).targetRate(-0.1).build(),
            () -> InhibitoryPlasticity.builder(w, 1).targetRate(Double.POSITIVE_INFINITY).build(),
            () -> InhibitoryPlasticity.builder(w, 1).maxWeight(0).build(),
            () -> InhibitoryPlasticity.builder(w, 1).maxTotalInhibition(-1).build(),
            () -> InhibitoryPlasticity.builder(w, 1).schedule(null).build(),
            () -> InhibitoryPlasticity.builder(w, 1).plasticOnto(false, false).build(),
            () -> LearningSchedule.exponentialDecay(1, 0),
            () -> LearningSchedule.piecewiseConstant(new double[] {0, 0}, new double[] {1, 1}),
            () -> LearningSchedule.piecewiseConstant(new double[0], new double[0]),
            () -> LearningSchedule.piecewiseConstant(new double[] {0}, new double[] {-1}),
        };
        for (int k = 0; k < cases.length; k++) {
            Supplier<?> bad = cases[k];
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, bad::get, "case " + k);
            assertNotNull(ex.getMessage(), "case " + k + " has no message");
            assertFalse(ex.getMessage().isBlank(), "case " + k + " has a blank message");
        }
    }

    @Test
    void piecewiseScheduleSwitchesAtStartTimes() {
        LearningSchedule schedule = LearningSchedule.piecewiseConstant(new double[] {0.0, 2.0}, new double[] {0.1, 0.0});

        assertEquals(0.1, schedule.learningRate(-1.0), 0.0);
        assertEquals(0.1, schedule.learningRate(1.999), 0.0);
        assertEquals(0.0, schedule.learningRate(2.0), 0.0);
        assertEquals(0.1 * Math.exp(-1), LearningSchedule.exponentialDecay(0.1, 2.0).learningRate(2.0), EXACT);
    }

    /** Returns the bytes this thread allocates while running {@code work}. */
    private static long allocatedBytes(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        work.run();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    /** A hand-driven step context for one trial. */
    private static final class FakeContext implements StepHook.StepContext {
        final double[][] columns;
        final double[] rates;
        double time;
        int trial;

        FakeContext(double[][] columns, double[] rates) {
            this.columns = columns;
            this.rates = rates;
        }

        @Override
        public double timeSeconds() {
            return time;
        }

        @Override
        public long stepCount() {
            return 0;
        }

        @Override
        public int trial() {
            return trial;
        }

        @Override
        public int neuronCount() {
            return rates.length;
        }

        @Override
        public double[] state() {
            return Arrays.copyOf(rates, rates.length);
        }

        @Override
        public double[] rates() {
            return rates;
        }

        @Override
        public double[][] weightColumns() {
            return columns;
        }

        @Override
        public void requestStop() {
        }
    }
}
