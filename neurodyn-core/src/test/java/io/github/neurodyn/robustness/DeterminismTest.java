package io.github.neurodyn.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.Trajectory;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.OrnsteinUhlenbeckNoise;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.network.Connectivity;
import io.github.neurodyn.network.Networks;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded results repeat bit for bit: within a run, across runs, and against hashes stored
 * here. The stored hashes pin results that use only IEEE-754 arithmetic and the specified
 * {@code L64X128MixRandom} stream, so any JVM must reproduce them.
 */
class DeterminismTest {

    private static final int N = 10;
    private static final int TRIALS = 4;

    /**
     * FNV-1a hash of the weight bits of {@link #smallNetwork()}, recorded from this code on
     * JDK 17. A change means seeded networks no longer repeat the networks of earlier releases.
     */
    private static final long SMALL_NETWORK_HASH = 746738046802961539L;

    /**
     * FNV-1a hash of the state bits of {@link #linearEulerRun()} with fused multiply-adds in the
     * product, recorded the same way.
     */
    private static final long LINEAR_EULER_FUSED_HASH = -605391677250873781L;

    /** The same with a rounded product and a rounded sum per term. */
    private static final long LINEAR_EULER_UNFUSED_HASH = -8644267427847305728L;

    /** FNV-1a over the IEEE-754 bit patterns, so equal hashes mean equal bits with high probability. */
    static long hash(double[] values) {
        long h = 0xcbf29ce484222325L;
        for (double value : values) {
            long bits = Double.doubleToLongBits(value);
            for (int shift = 0; shift < 64; shift += 8) {
                h ^= (bits >>> shift) & 0xff;
                h *= 0x100000001b3L;
            }
        }
        return h;
    }

    private static Connectivity smallNetwork() {
        return Networks.excitatoryInhibitory(8).connectionProbability(0.5).seed(2026).spectrum(false).build();
    }

    /** Euler on a linear network: only additions, multiplications and divisions. */
    private static Trajectory linearEulerRun() {
        RateNetwork network = RateNetwork.builder().weights(smallNetwork().weights()).timeConstant(0.05).build();
        double[] x0 = {1, -1, 0.5, 0, 0.25, -0.5, 2, 0};
        return Simulation.of(network).integrator(Integrator.EULER).stepSeconds(1e-3).durationSeconds(0.02)
                .sampleEverySeconds(5e-3).initialState(x0).run();
    }

    @Test
    void seededNetworkMatchesStoredHash() {
        long first = hash(smallNetwork().weights().data);
        long second = hash(smallNetwork().weights().data);

        assertEquals(first, second, "two builds with one seed differ");
        assertEquals(SMALL_NETWORK_HASH, first, "network bits differ from the stored hash");
    }

    @Test
    void linearEulerRunMatchesStoredHash() {
        long first = hash(linearEulerRun().states().data);
        long second = hash(linearEulerRun().states().data);

        assertEquals(first, second, "two runs differ");
        long expected = Simulation.usesFusedMultiplyAdd() ? LINEAR_EULER_FUSED_HASH : LINEAR_EULER_UNFUSED_HASH;
        assertEquals(expected, first, "trajectory bits differ from the stored hash");
    }

    @Test
    void everyBuilderRepeatsBitForBit() {
        double[] m = randomVector(30, 6);
        double[] n = randomVector(30, 7);
        List<Supplier<Connectivity>> builds = List.of(
                () -> Networks.gaussian(30).gain(1.5).seed(5).build(),
                () -> Networks.excitatoryInhibitory(30).connectionProbability(0.5).logNormalExcitatory(0.4)
                        .balanceRows(0.0).seed(5).build(),
                () -> Networks.lowRank(30).structure(m, n).gain(0.5).seed(5).build());

        for (int k = 0; k < builds.size(); k++) {
            assertEquals(builds.get(k).get(), builds.get(k).get(), "builder " + k);
        }
    }

    private static double[] randomVector(int n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static RateNetwork tanhNetwork() {
        Connectivity connectivity = Networks.gaussian(N).gain(1.2).seed(31).spectrum(false).build();
        return RateNetwork.builder().weights(connectivity.weights()).timeConstant(0.02)
                .nonlinearity(Nonlinearity.tanh()).build();
    }

    private static DMatrixRMaj initialStates() {
        return SeededInputs.gaussian(N, TRIALS, 32);
    }

    private static Simulation noisyRun(Integrator integrator) {
        return Simulation.of(tanhNetwork()).integrator(integrator).stepSeconds(1e-3).durationSeconds(0.04)
                .sampleEverySeconds(4e-3).input(InputSignal.constant(randomVector(N, 33)))
                .noise(OrnsteinUhlenbeckNoise.independent(0.01, 0.3)).seed(77);
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "HEUN", "RK4", "EXPONENTIAL_EULER"})
    void sameSeedRepeatsBatch(Integrator integrator) {
        Trajectory first = noisyRun(integrator).initialStates(initialStates()).trials(TRIALS).run();
        Trajectory second = noisyRun(integrator).initialStates(initialStates()).trials(TRIALS).run();

        for (int b = 0; b < TRIALS; b++) {
            assertArrayEquals(first.states(b).data, second.states(b).data, 0.0, "trial " + b);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Integrator.class, names = {"EULER", "HEUN", "RK4", "EXPONENTIAL_EULER"})
    void nonlinearBatchEqualsSingleRuns(Integrator integrator) {
        DMatrixRMaj x0 = initialStates();
        Trajectory batch = noisyRun(integrator).initialStates(x0).trials(TRIALS).run();

        for (int b = 0; b < TRIALS; b++) {
            double[] start = new double[N];
            for (int i = 0; i < N; i++) {
                start[i] = x0.get(i, b);
            }
            double[] single = noisyRun(integrator).initialState(start).firstTrial(b).run().states().data;

            assertArrayEquals(single, batch.states(b).data, 0.0, integrator + " trial " + b);
        }
    }

    @Test
    void adaptiveRunRepeatsBitForBit() {
        Simulation simulation = Simulation.of(tanhNetwork()).integrator(Integrator.DORMAND_PRINCE)
                .durationSeconds(0.05).sampleEverySeconds(5e-3).initialState(randomVector(N, 34));

        Trajectory first = simulation.run();
        Trajectory second = simulation.run();

        assertArrayEquals(first.states().data, second.states().data, 0.0);
        assertEquals(first.stepsTaken(), second.stepsTaken(), "accepted steps");
        assertEquals(first.rejectedSteps(), second.rejectedSteps(), "rejected steps");
    }
}
