package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.Trajectory;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Steps of ReLU networks, whose products skip the columns of silent units: batches against
 * single runs bit for bit, and one Euler step against a plain loop.
 */
class RectifiedStepTest {

    /** 37 neurons: not a multiple of the five columns per pass nor of the 16-column batch block. */
    private static final int N = 37;
    private static final double TAU_SECONDS = 0.02;
    /** Agreement of one Euler step with the plain loop, relative to the largest term. */
    private static final double STEP_TOLERANCE = 1e-13;

    private static DMatrixRMaj randomWeights(long seed) {
        Random random = new Random(seed);
        DMatrixRMaj w = new DMatrixRMaj(N, N);
        for (int k = 0; k < w.data.length; k++) {
            w.data[k] = 1.5 / Math.sqrt(N) * random.nextGaussian();
        }
        return w;
    }

    private static RateNetwork network() {
        // A negative bias silences about half of the units, as in a network at rest.
        double[] bias = LinearSolution.randomVector(N, 32);
        for (int i = 0; i < N; i++) {
            bias[i] -= 0.3;
        }
        return RateNetwork.builder().weights(randomWeights(31)).timeConstant(TAU_SECONDS).bias(bias)
                .nonlinearity(Nonlinearity.relu()).build();
    }

    private static Simulation noisyRun(Integrator integrator, DMatrixRMaj x0) {
        return Simulation.of(network()).integrator(integrator).stepSeconds(5e-4).durationSeconds(0.05)
                .sampleEverySeconds(2.5e-3).initialStates(x0)
                .input(InputSignal.step(0.01, new double[N], LinearSolution.randomVector(N, 33)))
                .noise(OrnsteinUhlenbeckNoise.independent(0.01, 0.5)).seed(7).trials(x0.numCols);
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "HEUN", "RK4", "EXPONENTIAL_EULER"})
    void batchEqualsSingleRunsBitForBit(Integrator integrator) {
        int trials = 6;
        DMatrixRMaj x0 = new DMatrixRMaj(N, trials);
        for (int b = 0; b < trials; b++) {
            double[] column = LinearSolution.randomVector(N, 200 + b);
            for (int i = 0; i < N; i++) {
                x0.set(i, b, column[i]);
            }
        }
        Trajectory batch = noisyRun(integrator, x0).run();

        for (int b = 0; b < trials; b++) {
            DMatrixRMaj single = new DMatrixRMaj(N, 1);
            for (int i = 0; i < N; i++) {
                single.set(i, 0, x0.get(i, b));
            }
            Trajectory alone = noisyRun(integrator, single).firstTrial(b).run();
            assertArrayEquals(alone.states(0).data, batch.states(b).data, "trial " + b);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "RK4"})
    void stepperAllocatesNothing(Integrator integrator) {
        for (int trials : new int[] {1, 3}) {
            DMatrixRMaj x0 = new DMatrixRMaj(N, trials);
            for (int k = 0; k < x0.data.length; k++) {
                x0.data[k] = Math.sin(k);
            }
            Stepper stepper = noisyRun(integrator, x0).stepper();
            long allocated = SimulationBehaviourTest.allocatedDuring(stepper, 20_000, 20_000);
            assertTrue(allocated < 20_000, integrator + ", B = " + trials + ": allocated " + allocated
                    + " bytes in 20000 steps");
        }
    }

    @Test
    void eulerStepMatchesPlainLoop() {
        RateNetwork network = network();
        double[] x0 = LinearSolution.randomVector(N, 34);
        double h = 1e-3;
        Stepper stepper = Simulation.of(network).integrator(Integrator.EULER).stepSeconds(h).initialState(x0)
                .stepper();
        stepper.step();
        double[] actual = new double[N];
        stepper.copyState(0, actual);

        DMatrixRMaj w = network.weights();
        double[] bias = network.bias();
        for (int i = 0; i < N; i++) {
            double input = bias[i];
            double scale = Math.abs(bias[i]) + Math.abs(x0[i]);
            for (int j = 0; j < N; j++) {
                double term = w.get(i, j) * Math.max(x0[j], 0.0);
                input += term;
                scale += Math.abs(term);
            }
            double expected = x0[i] + h / TAU_SECONDS * (input - x0[i]);
            double error = Math.abs(actual[i] - expected);
            assertTrue(error <= STEP_TOLERANCE * (Math.abs(x0[i]) + h / TAU_SECONDS * scale),
                    "neuron " + i + ": error " + error);
        }
    }
}
