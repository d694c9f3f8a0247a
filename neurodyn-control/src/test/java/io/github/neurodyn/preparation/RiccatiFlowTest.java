package io.github.neurodyn.preparation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.preparation.RiccatiFlow.StepRule;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Pins the measured-change step rule of {@link RiccatiFlow}, with the cubic gain
 * interpolation of {@link GainSchedule}, against the rate-bound rule with linear
 * interpolation that it replaced, on a stiff problem (lambda = 0.01, B = I) whose rate bound
 * stays high after the terminal layer, so that the old rule takes more grid points than the
 * new one, as it does for the default 200-neuron network.
 */
class RiccatiFlowTest {

    private static final double TAU = 0.15;
    private static final int N = 12;
    private static final double LAMBDA = 0.01;
    private static final double COARSE_STEP = 1e-3;
    private static final double HORIZON = 0.6;
    /** Largest relative error of the new scheme's interpolated feedback against the reference. */
    private static final double FEEDBACK_TOLERANCE = 1e-3;
    /** Coarse step of the reference flow, in seconds. */
    private static final double REFERENCE_STEP = 2e-5;
    /**
     * Relative error of a simulated cost against the reference flow under the old scheme
     * (rate-bound steps, linear interpolation): up to about 1.1e-5 in a
     * 50 ms window.
     */
    private static final double RUN_TOLERANCE = 2e-5;
    /**
     * The same under the new scheme (measured-change steps of up to 1 ms, cubic
     * interpolation): about 1.4e-7 in a 50 ms window.
     */
    private static final double FAST_RUN_TOLERANCE = 1e-6;
    private static final double EXTENSION_TOLERANCE = 1e-10;
    private static final double GAIN_TOLERANCE = 1e-12;
    /** Relative difference between the column-kernel integrator and the plain reference. */
    private static final double KERNEL_TOLERANCE = 1e-12;

    private record Problem(RateNetwork network, DMatrixRMaj a, DMatrixRMaj scaledInput, DMatrixRMaj inputMatrix,
            DMatrixRMaj q, double[] xStar, double[] x0) {
    }

    @Test
    void newSchemeInterpolatesFeedbackCloser() {
        Problem p = problem(new Random(3), CommonOps_DDRM.identity(N));
        GainSchedule bound = flow(p, StepRule.RATE_BOUND, HORIZON).schedule().linear();
        GainSchedule measured = flow(p, StepRule.MEASURED_CHANGE, HORIZON).schedule();
        GainSchedule reference = fineReference(p);

        Random random = new Random(4);
        double oldWorst = 0;
        double newWorst = 0;
        for (int k = 0; k <= 6000; k++) {
            // Off-grid times, where both schemes interpolate
            double s = (k + 0.37) * 1e-4;
            double[] e = PreparationTest.randomVector(N, random);
            double[] exact = new double[N];
            double[] old = new double[N];
            double[] fast = new double[N];
            reference.feedback(s, e, exact);
            bound.feedback(s, e, old);
            measured.feedback(s, e, fast);
            oldWorst = Math.max(oldWorst, distance(exact, old) / norm(exact));
            newWorst = Math.max(newWorst, distance(exact, fast) / norm(exact));
        }

        assertTrue(newWorst <= FEEDBACK_TOLERANCE, "largest relative feedback error " + newWorst);
        assertTrue(newWorst <= oldWorst, "new scheme errs up to " + newWorst + ", old up to " + oldWorst);
    }

    @Test
    void newSchemeIsCloserToFineReference() {
        Problem p = problem(new Random(5), CommonOps_DDRM.identity(N));
        GainSchedule bound = flow(p, StepRule.RATE_BOUND, HORIZON).schedule().linear();
        GainSchedule measured = flow(p, StepRule.MEASURED_CHANGE, HORIZON).schedule();
        GainSchedule reference = fineReference(p);

        for (double window : new double[] {0.05, 0.2, HORIZON}) {
            double[] exact = new double[2];
            double[] old = new double[2];
            double[] fast = new double[2];
            simulate(p, reference, window, exact);
            simulate(p, bound, window, old);
            simulate(p, measured, window, fast);

            for (int k = 0; k < 2; k++) {
                String name = (k == 0 ? "state cost" : "input energy") + ", window " + window;
                assertEquals(exact[k], old[k], RUN_TOLERANCE * exact[k], name + " under the rate bound");
                assertEquals(exact[k], fast[k], FAST_RUN_TOLERANCE * exact[k], name + " under the measured rule");
                assertTrue(Math.abs(fast[k] - exact[k]) <= Math.abs(old[k] - exact[k]),
                        name + ": the new scheme errs more than the old");
            }
        }
    }

    @Test
    void measuredRuleNeedsFewerPoints() {
        Problem p = problem(new Random(6), CommonOps_DDRM.identity(N));
        int bound = flow(p, StepRule.RATE_BOUND, HORIZON).points();
        int measured = flow(p, StepRule.MEASURED_CHANGE, HORIZON).points();

        assertTrue(measured < bound, "measured rule: " + measured + " points, rate bound: " + bound);
        assertTrue(measured <= HORIZON / COARSE_STEP + 200, "measured rule: " + measured + " points");
    }

    @Test
    void extendedFlowMatchesDirectSolve() {
        Problem p = problem(new Random(7), CommonOps_DDRM.identity(N));
        RiccatiFlow extended = RiccatiFlow.start(p.a, p.scaledInput, p.q, LAMBDA, COARSE_STEP);
        extended.extendTo(0.25);
        extended.extendTo(HORIZON);
        DMatrixRMaj direct = RiccatiFlow.solve(p.a, p.scaledInput, p.q, LAMBDA, HORIZON, COARSE_STEP)
                .initialCostMatrix();
        DMatrixRMaj continued = extended.solution().initialCostMatrix();

        assertEquals(HORIZON, extended.horizonSeconds(), 0.0);
        DMatrixRMaj difference = continued.copy();
        CommonOps_DDRM.subtractEquals(difference, direct);
        assertTrue(NormOps_DDRM.normF(difference) <= EXTENSION_TOLERANCE * NormOps_DDRM.normF(direct),
                "difference " + NormOps_DDRM.normF(difference));
    }

    @Test
    void gainsEqualInputTimesCost() {
        Random random = new Random(8);
        DMatrixRMaj selection = new DMatrixRMaj(N, 3);
        selection.set(2, 0, 1.5);
        selection.set(7, 1, -0.5);
        selection.set(2, 2, 2.0);
        DMatrixRMaj dense = PreparationTest.randomMatrix(N, 3, random);

        for (DMatrixRMaj b : List.of(CommonOps_DDRM.identity(N), selection, dense)) {
            Problem p = problem(random, b);
            FiniteHorizonGains solution = RiccatiFlow.solve(p.a, p.scaledInput, p.q, LAMBDA, 0.1, COARSE_STEP);
            DMatrixRMaj expected = new DMatrixRMaj(b.numCols, N);
            CommonOps_DDRM.multTransA(p.scaledInput, solution.initialCostMatrix(), expected);
            CommonOps_DDRM.scale(1 / LAMBDA, expected);
            DMatrixRMaj actual = solution.gains().get(solution.gains().size() - 1);

            for (int k = 0; k < expected.data.length; k++) {
                assertEquals(expected.data[k], actual.data[k],
                        GAIN_TOLERANCE * NormOps_DDRM.normF(expected), "K entry " + k + ", m = " + b.numCols);
            }
        }
    }


    @Test
    void extensionLeavesShorterWindowsUnchanged() {
        Problem p = problem(new Random(9), CommonOps_DDRM.identity(N));
        RiccatiFlow flow = RiccatiFlow.start(p.a, p.scaledInput, p.q, LAMBDA, COARSE_STEP);
        flow.extendTo(0.2);
        double[] before = new double[2];
        DMatrixRMaj statesBefore = simulate(p, flow.schedule(), 0.2, before);
        flow.extendTo(HORIZON);
        double[] after = new double[2];
        DMatrixRMaj statesAfter = simulate(p, flow.schedule(), 0.2, after);

        assertEquals(before[0], after[0], 0.0, "state cost");
        assertEquals(before[1], after[1], 0.0, "input energy");
        for (int k = 0; k < statesBefore.data.length; k++) {
            assertEquals(statesBefore.data[k], statesAfter.data[k], 0.0, "state entry " + k);
        }
    }

    @Test
    void integratorMatchesReferenceRungeKutta() {
        Random random = new Random(10);
        DMatrixRMaj dense = PreparationTest.randomMatrix(N, 3, random);
        for (DMatrixRMaj b : List.of(CommonOps_DDRM.identity(N), dense)) {
            Problem p = problem(random, b);
            DMatrixRMaj gain = PreparationTest.randomMatrix(b.numCols, N, random);
            GainSchedule schedule = GainSchedule.constant(gain, p.scaledInput);
            double[] integrals = new double[2];
            double window = 0.05;
            DMatrixRMaj states = simulate(p, schedule, window, integrals);
            double[] expected = new double[N + 2];
            referenceRungeKutta(p, gain, window, expected);

            for (int i = 0; i < N; i++) {
                assertEquals(expected[i], states.get(i, states.numCols - 1),
                        KERNEL_TOLERANCE * Math.max(1, Math.abs(expected[i])), "x_" + i + ", m = " + b.numCols);
            }
            assertEquals(expected[N], integrals[0], KERNEL_TOLERANCE * expected[N], "state cost, m = " + b.numCols);
            assertEquals(expected[N + 1], integrals[1], KERNEL_TOLERANCE * expected[N + 1],
                    "input energy, m = " + b.numCols);
        }
    }

    private static Problem problem(Random random, DMatrixRMaj b) {
        RateNetwork network = RateNetwork.builder().weights(PreparationTest.randomWeights(N, 0.6, random))
                .timeConstant(TAU).nonlinearity(Nonlinearity.tanh()).build();
        double[] xStar = PreparationTest.randomVector(N, random);
        DMatrixRMaj a = network.linearisation(xStar);
        ProspectiveCost cost = ProspectiveCost.of(a, PreparationTest.randomMatrix(2, N, random), 0.6);
        DMatrixRMaj scaledInput = b.copy();
        CommonOps_DDRM.scale(1 / TAU, scaledInput);
        return new Problem(network, a, scaledInput, b, cost.matrix(), xStar,
                PreparationTest.randomVector(N, random));
    }

    /** Returns the rate-bound flow with a 0.02 ms coarse step, linearly interpolated. */
    private static GainSchedule fineReference(Problem p) {
        RiccatiFlow fine = RiccatiFlow.start(p.a, p.scaledInput, p.q, LAMBDA, REFERENCE_STEP, StepRule.RATE_BOUND);
        fine.extendTo(HORIZON);
        return fine.schedule().linear();
    }

    private static RiccatiFlow flow(Problem p, StepRule rule, double horizon) {
        RiccatiFlow flow = RiccatiFlow.start(p.a, p.scaledInput, p.q, LAMBDA, COARSE_STEP, rule);
        flow.extendTo(horizon);
        return flow;
    }

    /** Simulates the nonlinear network under the schedule; integrals gets the two running costs. */
    private static DMatrixRMaj simulate(Problem p, GainSchedule schedule, double window, double[] integrals) {
        RateNetwork network = p.network;
        ControlledIntegrator integrator = new ControlledIntegrator(network.weights(), network.timeConstants(),
                network.bias(), feedforward(p), p.inputMatrix, p.xStar, p.q, network.nonlinearity(), 1e6);
        int steps = (int) Math.round(window / 1e-3);
        return integrator.integrate(p.x0, window, steps, schedule.forWindow(window), new double[steps + 1],
                integrals);
    }

    /**
     * Integrates the controlled network with v = -K e by classical RK4 with 1 ms steps, in
     * plain row-major dot-product form: the integrator before its column kernels.
     */
    private static void referenceRungeKutta(Problem p, DMatrixRMaj gain, double window, double[] y) {
        int n = p.network.size();
        System.arraycopy(p.x0, 0, y, 0, n);
        double[] feedforward = feedforward(p);
        int steps = (int) Math.round(window / 1e-3);
        double h = window / steps;
        double[][] k = new double[4][n + 2];
        double[] trial = new double[n + 2];
        for (int step = 0; step < steps; step++) {
            referenceDrift(p, gain, feedforward, y, k[0]);
            for (int stage = 1; stage < 4; stage++) {
                double c = stage == 3 ? h : 0.5 * h;
                for (int i = 0; i < n + 2; i++) {
                    trial[i] = y[i] + c * k[stage - 1][i];
                }
                referenceDrift(p, gain, feedforward, trial, k[stage]);
            }
            for (int i = 0; i < n + 2; i++) {
                y[i] += h / 6 * (k[0][i] + 2 * k[1][i] + 2 * k[2][i] + k[3][i]);
            }
        }
    }

    private static void referenceDrift(Problem p, DMatrixRMaj gain, double[] feedforward, double[] y,
            double[] out) {
        int n = p.network.size();
        int m = gain.numRows;
        double[] e = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = y[i] - p.xStar[i];
        }
        p.network.nonlinearity().values(y, r, n);
        double[] v = new double[m];
        double energy = 0;
        for (int a = 0; a < m; a++) {
            for (int j = 0; j < n; j++) {
                v[a] -= gain.get(a, j) * e[j];
            }
            energy += v[a] * v[a];
        }
        double cost = 0;
        for (int i = 0; i < n; i++) {
            double input = p.network.bias()[i] + feedforward[i] - y[i];
            for (int j = 0; j < n; j++) {
                input += p.network.weights().get(i, j) * r[j];
                cost += e[i] * p.q.get(i, j) * e[j];
            }
            for (int a = 0; a < m; a++) {
                input += p.inputMatrix.get(i, a) * v[a];
            }
            out[i] = input / p.network.timeConstants()[i];
        }
        out[n] = cost;
        out[n + 1] = energy;
    }

    private static double[] feedforward(Problem p) {
        RateNetwork network = p.network;
        int n = network.size();
        double[] feedforward = new double[n];
        double[] rates = new double[n];
        network.nonlinearity().values(p.xStar, rates, n);
        DMatrixRMaj recurrent = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(network.weights(), DMatrixRMaj.wrap(n, 1, rates), recurrent);
        for (int i = 0; i < n; i++) {
            feedforward[i] = p.xStar[i] - recurrent.data[i] - network.bias()[i];
        }
        return feedforward;
    }

    private static double[] column(DMatrixRMaj m, int column) {
        double[] c = new double[m.numRows];
        for (int i = 0; i < c.length; i++) {
            c[i] = m.get(i, column);
        }
        return c;
    }

    private static double distance(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.sqrt(sum);
    }

    private static double norm(double[] x) {
        return distance(x, new double[x.length]);
    }
}
