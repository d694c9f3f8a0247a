package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.Trajectory;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches against single runs, seeded reproducibility and the statistics of the OU noise. */
class BatchAndNoiseTest {

    private static final int N = 13;
    /** Agreement required between a batch trial and the matching single run, relative to max |x|. */
    private static final double BATCH_TOLERANCE = 1e-12;

    private static RateNetwork network(Nonlinearity phi) {
        DMatrixRMaj w = LinearSolution.randomSymmetric(N, 0.9, 21);
        w.set(0, 3, 0.7);
        return RateNetwork.builder().weights(w).timeConstant(0.05).bias(LinearSolution.randomVector(N, 22))
                .nonlinearity(phi).build();
    }

    private static Simulation noisyRun(Integrator integrator, int trials) {
        Nonlinearity phi = integrator == Integrator.EXACT_LINEAR ? Nonlinearity.identity() : Nonlinearity.tanh();
        DMatrixRMaj x0 = new DMatrixRMaj(N, trials);
        for (int b = 0; b < trials; b++) {
            double[] column = LinearSolution.randomVector(N, 100 + b);
            for (int i = 0; i < N; i++) {
                x0.set(i, b, column[i]);
            }
        }
        return Simulation.of(network(phi)).integrator(integrator).stepSeconds(5e-4)
                .durationSeconds(0.1).sampleEverySeconds(5e-3).initialStates(x0)
                .input(InputSignal.step(0.03, new double[N], LinearSolution.randomVector(N, 23)))
                .noise(OrnsteinUhlenbeckNoise.independent(0.02, 0.3)).seed(42).trials(trials);
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "HEUN", "RK4", "EXPONENTIAL_EULER", "EXACT_LINEAR"})
    void batchEqualsSingleRuns(Integrator integrator) {
        int trials = 5;
        Trajectory batch = noisyRun(integrator, trials).run();
        for (int b = 0; b < trials; b++) {
            DMatrixRMaj x0 = new DMatrixRMaj(N, 1);
            double[] column = LinearSolution.randomVector(N, 100 + b);
            System.arraycopy(column, 0, x0.data, 0, N);
            Trajectory single = noisyRun(integrator, 1).initialStates(x0).firstTrial(b).run();
            double[] expected = single.states(0).data;
            double[] actual = batch.states(b).data;
            double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1.0);
            double difference = LinearSolution.maxAbsDifference(expected, actual);
            assertTrue(difference <= BATCH_TOLERANCE * scale, "trial " + b + " differs by " + difference);
        }
    }

    @Test
    void sameSeedRepeatsBitForBit() {
        double[] first = noisyRun(Integrator.EULER, 3).run().states(2).data;
        double[] second = noisyRun(Integrator.EULER, 3).run().states(2).data;
        assertArrayEquals(first, second);
    }

    @Test
    void otherSeedChangesNoise() {
        double[] first = noisyRun(Integrator.EULER, 1).run().finalState();
        double[] second = noisyRun(Integrator.EULER, 1).seed(43).run().finalState();
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void trialsDrawDifferentNoise() {
        DMatrixRMaj sameStart = new DMatrixRMaj(N, 2);
        Trajectory run = noisyRun(Integrator.EULER, 2).initialStates(sameStart).run();
        assertFalse(Arrays.equals(run.finalState(0), run.finalState(1)));
    }

    /**
     * With W = 0 and h = 0 each neuron low-pass filters its own OU input, tau dx/dt = -x + eta,
     * so the stationary variance of x is sigma^2 tau_eta / (tau_eta + tau).
     */
    @Test
    void filteredNoiseHasStationaryVariance() {
        int n = 100;
        double tau = 0.01;
        double noiseTau = 0.02;
        double sigma = 1.5;
        RateNetwork silent = RateNetwork.builder().weights(new DMatrixRMaj(n, n)).timeConstant(tau)
                .nonlinearity(Nonlinearity.identity()).build();
        Trajectory run = Simulation.of(silent).integrator(Integrator.EXPONENTIAL_EULER).stepSeconds(2e-5)
                .durationSeconds(2.0).sampleEverySeconds(0.01)
                .noise(OrnsteinUhlenbeckNoise.independent(noiseTau, sigma)).seed(7).run();
        DMatrixRMaj states = run.states();
        int burnIn = 10;
        double sum = 0;
        double sumSquares = 0;
        long count = 0;
        for (int i = 0; i < n; i++) {
            for (int k = burnIn; k < run.sampleCount(); k++) {
                double v = states.get(i, k);
                sum += v;
                sumSquares += v * v;
                count++;
            }
        }
        double mean = sum / count;
        double variance = sumSquares / count - mean * mean;
        double expected = sigma * sigma * noiseTau / (noiseTau + tau);
        // About 100 * 2 s / 0.03 s = 6700 independent samples give a 2 % standard error of the
        // variance, and dt / tau = 0.002 adds a bias well under 1 %; 6 % is three standard errors.
        assertEquals(expected, variance, 0.06 * expected, "stationary variance");
        assertEquals(0.0, mean, 0.05 * sigma, "stationary mean");
    }

    @Test
    void sharedSourceCorrelatesNeurons() {
        int n = 4;
        DMatrixRMaj mixing = new DMatrixRMaj(n, 1);
        mixing.fill(1.0);
        RateNetwork silent = RateNetwork.builder().weights(new DMatrixRMaj(n, n)).timeConstant(0.01)
                .nonlinearity(Nonlinearity.identity()).build();
        Trajectory run = Simulation.of(silent).integrator(Integrator.EULER).stepSeconds(1e-4)
                .durationSeconds(0.2).sampleEverySeconds(0.01)
                .noise(OrnsteinUhlenbeckNoise.mixed(0.02, 1.0, mixing)).seed(3).run();
        double[] first = run.neuronTrace(0);
        double[] last = run.neuronTrace(n - 1);
        assertArrayEquals(first, last, 0.0);
        assertTrue(Arrays.stream(first).anyMatch(v -> v != 0.0), "noise should move the state");
    }
}
