package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.Trajectory;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Convergence orders of the integrators on a linear network, measured by halving dt against
 * the analytic solution of {@link LinearSolution}.
 */
class IntegratorOrderTest {

    private static final int N = 8;
    private static final double DURATION_SECONDS = 0.4;
    /** Allowed deviation of the measured order log2(e(dt) / e(dt/2)) from the nominal one. */
    private static final double ORDER_TOLERANCE = 0.15;

    private static final DMatrixRMaj W = LinearSolution.randomSymmetric(N, 0.8, 11);
    private static final double[] TAU = {0.15, 0.1, 0.2, 0.15, 0.12, 0.18, 0.15, 0.1};
    private static final double[] BIAS = LinearSolution.randomVector(N, 12);
    private static final double[] INPUT = LinearSolution.randomVector(N, 13);
    private static final double[] X0 = LinearSolution.randomVector(N, 14);

    private static RateNetwork linearNetwork() {
        return RateNetwork.builder().weights(W).timeConstants(TAU).bias(BIAS)
                .nonlinearity(Nonlinearity.identity()).build();
    }

    private static double[] exactFinalState() {
        double[] c = new double[N];
        for (int i = 0; i < N; i++) {
            c[i] = BIAS[i] + INPUT[i];
        }
        return new LinearSolution(W, TAU, c).at(DURATION_SECONDS, X0);
    }

    private static double finalError(Integrator integrator, double dt) {
        Trajectory run = Simulation.of(linearNetwork()).integrator(integrator).stepSeconds(dt)
                .durationSeconds(DURATION_SECONDS).sampleEverySeconds(0.1)
                .initialState(X0).input(InputSignal.constant(INPUT)).run();
        return LinearSolution.maxAbsDifference(run.finalState(), exactFinalState());
    }

    @ParameterizedTest(name = "{0} has order {1}")
    @CsvSource({"EULER, 1, 0.004", "HEUN, 2, 0.004", "RK4, 4, 0.01", "EXPONENTIAL_EULER, 1, 0.004"})
    void fixedStepOrder(Integrator integrator, int order, double coarseStep) {
        double coarse = finalError(integrator, coarseStep);
        double fine = finalError(integrator, coarseStep / 2);
        double finer = finalError(integrator, coarseStep / 4);
        double measured = Math.log(fine / finer) / Math.log(2);
        double measuredCoarse = Math.log(coarse / fine) / Math.log(2);
        assertEquals(order, measured, ORDER_TOLERANCE, "order from dt/2 to dt/4, errors " + fine + ", " + finer);
        assertEquals(order, measuredCoarse, 2 * ORDER_TOLERANCE, "order from dt to dt/2, errors " + coarse + ", " + fine);
    }

    @ParameterizedTest(name = "dt = {0} s")
    @CsvSource({"0.1", "0.0137", "0.4"})
    void exactLinearMatchesAnalyticSolution(double dt) {
        // Tolerance relative to max |x|, for rounding in the exponential and the products.
        double tolerance = 1e-12;
        double error = finalError(Integrator.EXACT_LINEAR, dt);
        double scale = Arrays.stream(exactFinalState()).map(Math::abs).max().orElse(1.0);
        assertTrue(error <= tolerance * scale, "error " + error + " at dt = " + dt + " s");
    }

    @ParameterizedTest(name = "rtol {0}, sample every {1} s")
    @CsvSource({"1e-8, 0.013", "1e-6, 0.001"})
    void dormandPrinceMeetsTolerance(double relativeTolerance, double sampleEverySeconds) {
        double absoluteTolerance = relativeTolerance * 1e-2;
        Trajectory run = Simulation.of(linearNetwork()).integrator(Integrator.DORMAND_PRINCE)
                .absoluteTolerance(absoluteTolerance).relativeTolerance(relativeTolerance)
                .durationSeconds(DURATION_SECONDS).sampleEverySeconds(sampleEverySeconds)
                .initialState(X0).input(InputSignal.constant(INPUT)).run();
        double[] c = new double[N];
        for (int i = 0; i < N; i++) {
            c[i] = BIAS[i] + INPUT[i];
        }
        LinearSolution exact = new LinearSolution(W, TAU, c);
        // The tolerance bounds the local error only, so the global error may exceed it. A factor
        // of 100 leaves room for accumulation and still fails a wrong tableau.
        double allowed = 100 * relativeTolerance;
        for (int k = 0; k < run.sampleCount(); k++) {
            double[] expected = exact.at(run.timeSeconds(k), X0);
            double error = LinearSolution.maxAbsDifference(run.state(0, k), expected);
            assertTrue(error <= allowed, "sample " + k + " at t = " + run.timeSeconds(k) + " s has error " + error);
        }
    }

    @Test
    void dormandPrinceSamplesBetweenSteps() {
        Trajectory run = Simulation.of(linearNetwork()).integrator(Integrator.DORMAND_PRINCE)
                .durationSeconds(DURATION_SECONDS).sampleEverySeconds(0.001)
                .initialState(X0).input(InputSignal.constant(INPUT)).run();
        assertTrue(run.stepsTaken() < run.sampleCount() / 4,
                "steps " + run.stepsTaken() + " should be far fewer than the " + run.sampleCount() + " samples");
    }

    @Test
    void dormandPrinceErrorShrinksWithTolerance() {
        double loose = dormandPrinceError(1e-5);
        double tight = dormandPrinceError(1e-9);
        assertTrue(tight < loose * 1e-2, "error at rtol 1e-9 " + tight + " vs at 1e-5 " + loose);
    }

    private static double dormandPrinceError(double relativeTolerance) {
        Trajectory run = Simulation.of(linearNetwork()).integrator(Integrator.DORMAND_PRINCE)
                .absoluteTolerance(relativeTolerance * 1e-2).relativeTolerance(relativeTolerance)
                .durationSeconds(DURATION_SECONDS).sampleEverySeconds(0.1)
                .initialState(X0).input(InputSignal.constant(INPUT)).run();
        return LinearSolution.maxAbsDifference(run.finalState(), exactFinalState());
    }
}
