package io.github.neurodyn.preparation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.lqr.Lqr;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

class PreparationTest {

    private static final double TAU = 0.15;
    private static final double GAIN_TOLERANCE = 1e-10;
    private static final double DECAY_TOLERANCE = 1e-8;
    private static final double COST_TOLERANCE = 1e-6;
    private static final double FIXED_POINT_TOLERANCE = 1e-12;
    private static final double RICCATI_TOLERANCE = 1e-9;
    private static final double STIFF_COST_TOLERANCE = 1e-4;

    @Test
    void steadyStateGainMatchesScalarRiccati() {
        double w = 0.5;
        double lambda = 0.1;
        Preparation preparation = scalar(w, lambda);

        // tau de/dt = (w - 1) e + v, so a = (w - 1) / tau and g = b^2 / lambda with b = 1 / tau.
        // Q_C = 1 after normalisation, and 2 a X - g X^2 + 1 = 0 gives X = (a + sqrt(a^2 + g)) / g.
        double a = (w - 1) / TAU;
        double g = 1 / (TAU * TAU * lambda);
        double x = (a + Math.sqrt(a * a + g)) / g;
        double k = x / (TAU * lambda);

        assertEquals(x, preparation.steadyStateGain().costMatrix().get(0, 0), GAIN_TOLERANCE * x);
        assertEquals(k, preparation.steadyStateGain().gain().get(0, 0), GAIN_TOLERANCE * k);
    }

    @Test
    void steadyStateErrorDecaysAtClosedLoopRate() {
        double w = 0.5;
        double lambda = 0.1;
        Preparation preparation = scalar(w, lambda);
        double a = (w - 1) / TAU;
        double g = 1 / (TAU * TAU * lambda);
        double rate = Math.sqrt(a * a + g);
        double duration = 0.05;

        PreparationRun run = preparation.run(PreparationStrategy.OPTIMAL_STEADY_STATE, new double[] {0}, duration);

        double e0 = -1.0;
        double expected = e0 * Math.exp(-rate * duration);
        assertEquals(expected, run.finalState()[0] - 1.0, DECAY_TOLERANCE);
    }

    @Test
    void feedforwardMakesPreparedStateFixed() {
        int n = 6;
        Random random = new Random(3);
        RateNetwork network = RateNetwork.builder().weights(randomWeights(n, 0.8, random))
                .timeConstant(TAU).nonlinearity(Nonlinearity.relu()).bias(randomVector(n, random)).build();
        double[] xStar = randomVector(n, random);
        DMatrixRMaj c = randomMatrix(2, n, random);
        ProspectiveCost cost = ProspectiveCost.of(network.linearisation(xStar), c, 0.5);
        Preparation preparation = Preparation.builder().network(network).preparedState(xStar).cost(cost).build();

        PreparationRun run = preparation.run(PreparationStrategy.NAIVE, xStar, 0.2);

        double[] end = run.finalState();
        for (int i = 0; i < n; i++) {
            assertEquals(xStar[i], end[i], FIXED_POINT_TOLERANCE, "neuron " + i);
        }
        assertEquals(0.0, run.totalCost(), FIXED_POINT_TOLERANCE);
    }

    @Test
    void simulatedCostMatchesCostToGo() {
        // On a linear network the finite-horizon LQR cost from e0 is e0^T X(0) e0
        Random random = new Random(11);
        int n = 5;
        LinearCase linear = linearCase(n, random);
        double horizon = 0.3;

        PreparationRun run = linear.preparation.run(PreparationStrategy.OPTIMAL, linear.x0, horizon);
        FiniteHorizonGains riccati = linear.preparation.finiteHorizonGain(horizon);

        double[] e0 = difference(linear.x0, linear.xStar);
        double expected = ProspectiveCost.quadraticForm(riccati.initialCostMatrix(), e0);
        assertEquals(expected, run.totalCost(), COST_TOLERANCE * expected);
    }

    @Test
    void hamiltonianStepsMatchRungeKutta() {
        Random random = new Random(13);
        int n = 4;
        RateNetwork network = RateNetwork.builder().weights(randomWeights(n, 0.6, random))
                .timeConstant(TAU).nonlinearity(Nonlinearity.identity()).build();
        double[] xStar = randomVector(n, random);
        ProspectiveCost cost = ProspectiveCost.of(network.linearisation(xStar), randomMatrix(2, n, random));
        Preparation preparation = Preparation.builder().network(network).preparedState(xStar).cost(cost)
                .inputCostWeight(1.0).riccatiStepSeconds(0.01).build();
        double horizon = 0.3;

        DMatrixRMaj exact = preparation.finiteHorizonGain(horizon).initialCostMatrix();
        DMatrixRMaj q = cost.matrix();
        DMatrixRMaj r = CommonOps_DDRM.identity(n);
        DMatrixRMaj rungeKutta = Lqr.finiteHorizon(preparation.linearisation(), preparation.scaledInputMatrix(),
                q, r, q, horizon, 20000).costMatrix(0);

        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(rungeKutta.get(i, j), exact.get(i, j), RICCATI_TOLERANCE * NormOps_DDRM.normF(exact),
                        "X(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void optimalNeverCostsMoreThanNaive() {
        Random random = new Random(5);
        for (int trial = 0; trial < 8; trial++) {
            int n = 2 + random.nextInt(6);
            LinearCase linear = linearCase(n, random);
            double horizon = 0.05 + 0.4 * random.nextDouble();

            double optimal = linear.preparation.run(PreparationStrategy.OPTIMAL, linear.x0, horizon).totalCost();
            double naive = linear.preparation.run(PreparationStrategy.NAIVE, linear.x0, horizon).totalCost();

            assertTrue(optimal <= naive * (1 + COST_TOLERANCE),
                    "trial " + trial + " (N = " + n + "): optimal cost " + optimal + " above naive " + naive);
        }
    }

    @Test
    void stiffTerminalLayerKeepsCostToGo() {
        // lambda = 1e-3 makes X fall from Q_C within a fraction of a millisecond before the go cue
        Random random = new Random(17);
        int n = 5;
        RateNetwork network = RateNetwork.builder().weights(randomWeights(n, 0.6, random))
                .timeConstant(TAU).nonlinearity(Nonlinearity.identity()).build();
        double[] xStar = randomVector(n, random);
        ProspectiveCost cost = ProspectiveCost.of(network.linearisation(xStar), randomMatrix(1, n, random));
        Preparation preparation = Preparation.builder().network(network).preparedState(xStar).cost(cost)
                .inputCostWeight(1e-3).build();
        double[] x0 = randomVector(n, random);
        double horizon = 0.2;

        PreparationRun optimal = preparation.run(PreparationStrategy.OPTIMAL, x0, horizon);
        double[] e0 = difference(x0, xStar);
        double expected = ProspectiveCost.quadraticForm(preparation.finiteHorizonGain(horizon).initialCostMatrix(), e0);

        assertEquals(expected, optimal.totalCost(), STIFF_COST_TOLERANCE * expected);
    }

    @Test
    void prospectiveCostFallsWithPreparationTime() {
        Random random = new Random(8);
        LinearCase linear = linearCase(6, random);
        double[] times = {0, 0.05, 0.1, 0.2, 0.3, 0.4};

        List<PreparationRun> runs = linear.preparation.sweep(PreparationStrategy.OPTIMAL, linear.x0, times);

        for (int k = 1; k < times.length; k++) {
            assertTrue(runs.get(k).prospectiveCost() < runs.get(k - 1).prospectiveCost(),
                    "cost at " + times[k] + " s is " + runs.get(k).prospectiveCost() + ", at "
                            + times[k - 1] + " s " + runs.get(k - 1).prospectiveCost());
        }
    }

    @Test
    void sweepMatchesSingleRuns() {
        Random random = new Random(9);
        LinearCase linear = linearCase(4, random);
        double[] times = {0.1, 0.25};

        List<PreparationRun> runs = linear.preparation.sweep(PreparationStrategy.OPTIMAL, linear.x0, times);

        for (int k = 0; k < times.length; k++) {
            double single = linear.preparation.run(PreparationStrategy.OPTIMAL, linear.x0, times[k]).totalCost();
            assertEquals(single, runs.get(k).totalCost(), COST_TOLERANCE * single, "window " + times[k] + " s");
        }
    }

    @Test
    void zeroWindowHasOneSample() {
        LinearCase linear = linearCase(3, new Random(1));

        PreparationRun run = linear.preparation.run(PreparationStrategy.OPTIMAL, linear.x0, 0);

        assertEquals(1, run.timesSeconds().length);
        assertEquals(run.prospectiveCost(), run.totalCost(), 0.0);
    }

    private static Preparation scalar(double w, double lambda) {
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(new double[][] {{w}}))
                .timeConstant(TAU).nonlinearity(Nonlinearity.identity()).build();
        return Preparation.builder().network(network).preparedState(new double[] {1.0})
                .cost(ProspectiveCost.ofMatrix(new DMatrixRMaj(new double[][] {{3.0}})))
                .inputCostWeight(lambda).stepSeconds(1e-4).build();
    }

    private record LinearCase(Preparation preparation, double[] x0, double[] xStar) {
    }

    private static LinearCase linearCase(int n, Random random) {
        RateNetwork network = RateNetwork.builder().weights(randomWeights(n, 0.6, random))
                .timeConstant(TAU).nonlinearity(Nonlinearity.identity()).bias(randomVector(n, random)).build();
        double[] xStar = randomVector(n, random);
        ProspectiveCost cost = ProspectiveCost.of(network.linearisation(xStar), randomMatrix(2, n, random));
        Preparation preparation = Preparation.builder().network(network).preparedState(xStar).cost(cost)
                .stepSeconds(5e-4).riccatiStepSeconds(5e-4).build();
        return new LinearCase(preparation, randomVector(n, random), xStar);
    }

    static DMatrixRMaj randomWeights(int n, double radius, Random random) {
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        for (int k = 0; k < n * n; k++) {
            w.data[k] = radius * random.nextGaussian() / Math.sqrt(n);
        }
        return w;
    }

    static DMatrixRMaj randomMatrix(int rows, int cols, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < rows * cols; k++) {
            m.data[k] = random.nextGaussian();
        }
        return m;
    }

    private static double[] difference(double[] x, double[] y) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i] - y[i];
        }
        return d;
    }

    static double[] randomVector(int n, Random random) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}
