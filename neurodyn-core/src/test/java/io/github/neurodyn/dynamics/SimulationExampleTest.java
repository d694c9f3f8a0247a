package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.Trajectory;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The program of the simulation guide, run as written there. */
class SimulationExampleTest {

    @Test
    void guideExampleRuns() {
        int n = 200;
        Random random = new Random(1);
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        for (int k = 0; k < n * n; k++) {
            w.data[k] = 0.9 * random.nextGaussian() / Math.sqrt(n);
        }
        RateNetwork network = RateNetwork.builder()
                .weights(w)
                .timeConstant(0.15)
                .nonlinearity(Nonlinearity.relu())
                .build();

        double[] drive = new double[n];
        Arrays.fill(drive, 1.0);
        Trajectory run = Simulation.of(network)
                .integrator(Integrator.RK4)
                .stepSeconds(1e-4)
                .durationSeconds(0.5)
                .sampleEverySeconds(1e-3)
                .input(InputSignal.step(0.1, new double[n], drive))
                .noise(OrnsteinUhlenbeckNoise.independent(0.05, 0.1))
                .seed(42)
                .trials(8)
                .maxAbsState(1e6)
                .run();

        DMatrixRMaj rates = run.rates(3);
        double[] trace = run.neuronTrace(3, 0);
        assertEquals(501, run.sampleCount());
        assertEquals(n, rates.numRows);
        assertEquals(501, trace.length);
        assertEquals(0.5, run.timeSeconds(run.sampleCount() - 1), 0.0);
    }
}
