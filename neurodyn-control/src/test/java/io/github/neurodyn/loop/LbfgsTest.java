package io.github.neurodyn.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    /** Distance of the returned point from the minimiser. */
    private static final double POINT_TOLERANCE = 1e-6;

    /** Rosenbrock's function, infinite where x0 + x1 > 2.5 so that the line search must back off. */
    private static final class Rosenbrock implements Lbfgs.Objective {
        int values;
        int gradients;
        double[] lastValuePoint;

        @Override
        public double value(double[] x) {
            values++;
            lastValuePoint = x.clone();
            if (x[0] + x[1] > 2.5) {
                return Double.POSITIVE_INFINITY;
            }
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            return a * a + 100 * b * b;
        }

        @Override
        public void gradient(double[] x, double[] gradient) {
            gradients++;
            assertEquals(lastValuePoint[0], x[0], "gradient requested away from the last value");
            assertEquals(lastValuePoint[1], x[1], "gradient requested away from the last value");
            double b = x[1] - x[0] * x[0];
            gradient[0] = -2 * (1 - x[0]) - 400 * x[0] * b;
            gradient[1] = 200 * b;
        }
    }

    @Test
    void rosenbrockReachesMinimum() {
        Rosenbrock objective = new Rosenbrock();
        Lbfgs optimiser = new Lbfgs(5, 500, 1e-10, 0, 1.0);

        Lbfgs.Result result = optimiser.minimise(objective, new double[] {-1.2, 1}, null);

        assertTrue(result.converged(), result.stopReason());
        assertEquals(1, result.x()[0], POINT_TOLERANCE);
        assertEquals(1, result.x()[1], POINT_TOLERANCE);
    }

    @Test
    void gradientOnlyAtAcceptedPoints() {
        Rosenbrock objective = new Rosenbrock();
        Lbfgs optimiser = new Lbfgs(5, 500, 1e-10, 0, 1.0);

        Lbfgs.Result result = optimiser.minimise(objective, new double[] {-1.2, 1}, null);

        assertEquals(result.iterations() + 1, objective.gradients);
        assertTrue(objective.values >= objective.gradients, objective.values + " values");
    }

    @Test
    void infeasibleTrialsAreRejected() {
        Rosenbrock objective = new Rosenbrock();
        Lbfgs optimiser = new Lbfgs(5, 500, 1e-10, 0, 100.0);

        Lbfgs.Result result = optimiser.minimise(objective, new double[] {0, 0}, null);

        assertTrue(result.x()[0] + result.x()[1] <= 2.5, "ended at an infeasible point");
        assertEquals(1, result.x()[0], POINT_TOLERANCE);
    }
}
