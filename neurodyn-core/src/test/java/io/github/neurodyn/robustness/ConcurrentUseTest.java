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
import io.github.neurodyn.linalg.DiscreteLyapunov;
import io.github.neurodyn.linalg.Gramians;
import io.github.neurodyn.linalg.Lyapunov;
import io.github.neurodyn.linalg.MatrixExponential;
import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.linalg.SchurForm;
import io.github.neurodyn.linalg.Sylvester;
import io.github.neurodyn.network.Connectivity;
import io.github.neurodyn.network.Networks;
import io.github.neurodyn.spectral.SmoothedAbscissa;
import io.github.neurodyn.spectral.SmoothedSpectralAbscissa;
import io.github.neurodyn.testing.ConcurrentCalls;
import java.util.List;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Solvers, builders and simulations called from several threads at once on shared inputs.
 * Each concurrent result must equal the sequential one bit for bit, and no shared input may
 * change. All threads start together behind a latch, so the calls overlap.
 */
class ConcurrentUseTest {

    private static final int N = 24;

    /** Eight calls on a pool of four threads, each given at most 60 s. */
    @RegisterExtension
    final ConcurrentCalls calls = new ConcurrentCalls(4, 8, 60);

    /** Runs {@code task} concurrently and returns every result. */
    private <T> List<T> concurrently(Callable<T> task) throws Exception {
        return calls.run(task);
    }

    private static DMatrixRMaj stable(int n, long seed) {
        DMatrixRMaj a = SeededInputs.gaussian(n, n, seed);
        CommonOps_DDRM.scale(1 / Math.sqrt(n), a);
        for (int i = 0; i < n; i++) {
            a.add(i, i, -2);
        }
        return a;
    }

    private static DMatrixRMaj symmetric(int n, long seed) {
        DMatrixRMaj g = SeededInputs.gaussian(n, n, seed);
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        CommonOps_DDRM.transpose(g, s);
        CommonOps_DDRM.addEquals(s, g);
        return s;
    }

    private static void assertAllEqual(String label, double[] expected, List<double[]> results) {
        for (int k = 0; k < results.size(); k++) {
            assertArrayEquals(expected, results.get(k), 0.0, label + ": concurrent call " + k + " differs");
        }
    }

    @Test
    void matrixEquationsMatchSequential() throws Exception {
        DMatrixRMaj a = stable(N, 1);
        DMatrixRMaj b = stable(N / 2, 2);
        DMatrixRMaj q = symmetric(N, 3);
        DMatrixRMaj c = SeededInputs.gaussian(N, N / 2, 4);
        DMatrixRMaj aBefore = a.copy();
        DMatrixRMaj qBefore = q.copy();
        DMatrixRMaj cBefore = c.copy();
        DMatrixRMaj discreteA = a.copy();
        CommonOps_DDRM.scale(0.2, discreteA);

        double[] lyapunov = Lyapunov.solve(a, q).x().data;
        double[] sylvester = Sylvester.solve(a, b, c).x().data;
        double[] discrete = DiscreteLyapunov.solve(discreteA, q).x().data;
        double[] gramian = Gramians.controllability(a, c).data;
        double[] exponential = MatrixExponential.of(a, 0.3).data;

        assertAllEqual("Lyapunov", lyapunov, concurrently(() -> Lyapunov.solve(a, q).x().data));
        assertAllEqual("Sylvester", sylvester, concurrently(() -> Sylvester.solve(a, b, c).x().data));
        assertAllEqual("discrete Lyapunov", discrete, concurrently(() -> DiscreteLyapunov.solve(discreteA, q).x().data));
        assertAllEqual("Gramian", gramian, concurrently(() -> Gramians.controllability(a, c).data));
        assertAllEqual("exp(A t)", exponential, concurrently(() -> MatrixExponential.of(a, 0.3).data));
        assertArrayEquals(aBefore.data, a.data, 0.0, "A was modified");
        assertArrayEquals(qBefore.data, q.data, 0.0, "Q was modified");
        assertArrayEquals(cBefore.data, c.data, 0.0, "C was modified");
    }

    @Test
    void sharedSchurFormServesShiftedSolves() throws Exception {
        DMatrixRMaj a = stable(N, 5);
        DMatrixRMaj q = symmetric(N, 6);
        SchurForm form = RealSchur.of(a);
        double[] tBefore = form.t().data;
        double[] sequential = Lyapunov.solveShifted(form, 0.7, q, false).x().data;

        List<double[]> results = concurrently(() -> Lyapunov.solveShifted(form, 0.7, q, false).x().data);

        assertAllEqual("shifted Lyapunov", sequential, results);
        assertArrayEquals(tBefore, form.t().data, 0.0, "the shared Schur form changed");
    }

    @Test
    void schurFormsMatchSequential() throws Exception {
        DMatrixRMaj a = SeededInputs.gaussian(N, N, 7);
        double[] t = RealSchur.of(a).t().data;
        double[] z = RealSchur.of(a).z().data;

        assertAllEqual("T", t, concurrently(() -> RealSchur.of(a).t().data));
        assertAllEqual("Z", z, concurrently(() -> RealSchur.of(a).z().data));
        assertAllEqual("reordered T", RealSchur.reorder(RealSchur.of(a), (re, im) -> re > 0).t().data,
                concurrently(() -> RealSchur.reorder(RealSchur.of(a), (re, im) -> re > 0).t().data));
    }

    @Test
    void networkBuildsMatchSequential() throws Exception {
        Connectivity expected = Networks.excitatoryInhibitory(60).connectionProbability(0.2).seed(11).build();

        List<Connectivity> results = concurrently(
                () -> Networks.excitatoryInhibitory(60).connectionProbability(0.2).seed(11).build());

        for (int k = 0; k < results.size(); k++) {
            assertEquals(expected, results.get(k), "concurrent build " + k + " differs");
        }
    }

    private static RateNetwork sharedNetwork() {
        Connectivity connectivity = Networks.gaussian(N).gain(0.9).seed(12).spectrum(false).build();
        return RateNetwork.builder().weights(connectivity.weights()).timeConstant(0.02)
                .nonlinearity(Nonlinearity.tanh()).build();
    }

    /** Concatenates the states of every trial, trial by trial. */
    static double[] allTrials(Trajectory trajectory) {
        int size = trajectory.neuronCount() * trajectory.sampleCount();
        double[] all = new double[trajectory.trials() * size];
        for (int b = 0; b < trajectory.trials(); b++) {
            System.arraycopy(trajectory.states(b).data, 0, all, b * size, size);
        }
        return all;
    }

    @Test
    void simulationsOfSharedNetworkMatchSequential() throws Exception {
        RateNetwork network = sharedNetwork();
        double[] x0 = SeededInputs.gaussian(N, 1, 13).data;
        double[] x0Before = x0.clone();
        InputSignal input = InputSignal.step(0.01, new double[N], SeededInputs.gaussian(N, 1, 14).data);
        OrnsteinUhlenbeckNoise noise = OrnsteinUhlenbeckNoise.independent(0.01, 0.2);
        Callable<double[]> run = () -> allTrials(Simulation.of(network).integrator(Integrator.RK4).stepSeconds(1e-3)
                .durationSeconds(0.05).sampleEverySeconds(5e-3).initialState(x0).input(input).noise(noise)
                .seed(99).trials(3).run());
        double[] sequential = run.call();

        assertAllEqual("noisy RK4 batch", sequential, concurrently(run));
        assertArrayEquals(x0Before, x0, 0.0, "initial state was modified");
        assertArrayEquals(sharedNetwork().weights().data, network.weights().data, 0.0, "weights changed");
    }

    @Test
    void sharedSimulationRunsMatchSequential() throws Exception {
        Simulation shared = Simulation.of(sharedNetwork()).integrator(Integrator.HEUN).stepSeconds(1e-3)
                .durationSeconds(0.05).sampleEverySeconds(5e-3).initialState(SeededInputs.gaussian(N, 1, 16).data)
                .noise(OrnsteinUhlenbeckNoise.independent(0.01, 0.2)).seed(98).trials(2);
        double[] sequential = allTrials(shared.run());

        assertAllEqual("one Simulation run from many threads", sequential, concurrently(() -> allTrials(shared.run())));
    }

    @Test
    void adaptiveSimulationsMatchSequential() throws Exception {
        RateNetwork network = sharedNetwork();
        double[] x0 = SeededInputs.gaussian(N, 1, 15).data;
        Callable<double[]> run = () -> allTrials(Simulation.of(network).integrator(Integrator.DORMAND_PRINCE)
                .durationSeconds(0.05).sampleEverySeconds(5e-3).initialState(x0).run());
        double[] sequential = run.call();

        assertAllEqual("Dormand-Prince", sequential, concurrently(run));
    }

    @Test
    void smoothedAbscissaMatchesSequential() throws Exception {
        DMatrixRMaj a = SeededInputs.gaussian(N, N, 17);
        DMatrixRMaj aBefore = a.copy();
        double epsilon = SmoothedSpectralAbscissa.defaultEpsilon(N);
        SmoothedAbscissa sequential = SmoothedSpectralAbscissa.of(a, epsilon);

        List<SmoothedAbscissa> results = concurrently(() -> SmoothedSpectralAbscissa.of(a, epsilon));

        for (int k = 0; k < results.size(); k++) {
            assertEquals(sequential.value(), results.get(k).value(), 0.0, "SSA: concurrent call " + k + " differs");
        }
        assertAllEqual("SSA gradient", sequential.gradient().data,
                results.stream().map(r -> r.gradient().data).toList());
        assertArrayEquals(aBefore.data, a.data, 0.0, "A was modified");
    }
}
