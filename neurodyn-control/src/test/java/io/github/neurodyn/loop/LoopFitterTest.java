package io.github.neurodyn.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.preparation.Preparation;
import io.github.neurodyn.preparation.PreparationStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoopFitterTest {

    private static final int N = 8;
    private static final int EXCITATORY = 4;
    private static final int UNITS = 3;
    private static final double TAU_THALAMUS = 0.01;
    private static final double GO_CUE_SECONDS = 0.3;
    /** Central-difference step, relative to the largest weight. */
    private static final double DIFFERENCE_STEP = 1e-5;
    /** Agreement of the analytic gradient and central differences, relative to the largest entry. */
    private static final double GRADIENT_TOLERANCE = 1e-6;
    /** Window long enough for the closed loop to settle, so the simulated cost is the infinite-horizon one. */
    private static final double LONG_WINDOW_SECONDS = 4;
    /** Agreement of tr(X S) and the RK4 simulation with 1 ms steps on a linear network. */
    private static final double SIMULATION_TOLERANCE = 1e-6;
    private static final double ROUND_OFF = 1e-12;

    private Preparation preparation;
    private double[] start;
    private DMatrixRMaj errors;

    @BeforeEach
    void buildLinearNetwork() {
        LinearLoopCase problem = LinearLoopCase.of(N, 41);
        preparation = problem.preparation();
        start = problem.start();
        Random random = new Random(42);
        double[] xStar = preparation.preparedState();
        errors = new DMatrixRMaj(N, 3);
        for (int k = 0; k < errors.data.length; k++) {
            errors.data[k] = random.nextGaussian();
        }
        for (int i = 0; i < N; i++) {
            errors.set(i, 0, start[i] - xStar[i]);
        }
    }

    @Test
    void gradientMatchesCentralDifferences() {
        LoopCost model = model(identityMoment());
        DMatrixRMaj[] weights = ThalamocorticalLoop.svdWeights(preparation.steadyStateGain().gain(),
                ThalamocorticalLoop.excitatorySlope(preparation, EXCITATORY), UNITS);
        DMatrixRMaj projection = weights[0];
        DMatrixRMaj readout = weights[1];
        CommonOps_DDRM.scale(0.5, projection);
        DMatrixRMaj projectionGradient = projection.createLike();
        DMatrixRMaj readoutGradient = readout.createLike();

        double cost = model.evaluate(projection, readout, projectionGradient, readoutGradient);

        assertTrue(Double.isFinite(cost), "cost " + cost);
        double step = DIFFERENCE_STEP * Math.max(CommonOps_DDRM.elementMaxAbs(projection),
                CommonOps_DDRM.elementMaxAbs(readout));
        DMatrixRMaj projectionDifferences = centralDifferences(model, projection, readout, projection, step);
        DMatrixRMaj readoutDifferences = centralDifferences(model, projection, readout, readout, step);
        double scale = Math.max(CommonOps_DDRM.elementMaxAbs(projectionGradient),
                CommonOps_DDRM.elementMaxAbs(readoutGradient));
        for (int k = 0; k < projection.data.length; k++) {
            assertEquals(projectionDifferences.data[k], projectionGradient.data[k], GRADIENT_TOLERANCE * scale,
                    "dcost/dP entry " + k);
        }
        for (int k = 0; k < readout.data.length; k++) {
            assertEquals(readoutDifferences.data[k], readoutGradient.data[k], GRADIENT_TOLERANCE * scale,
                    "dcost/dJ entry " + k);
        }
    }

    @Test
    void linearCostMatchesSimulation() {
        double[] e0 = new double[N];
        double[] xStar = preparation.preparedState();
        for (int i = 0; i < N; i++) {
            e0[i] = start[i] - xStar[i];
        }
        DMatrixRMaj moment = new DMatrixRMaj(N, N);
        CommonOps_DDRM.multTransB(DMatrixRMaj.wrap(N, 1, e0), DMatrixRMaj.wrap(N, 1, e0), moment);
        LoopFit fit = LoopFitter.builder(preparation, EXCITATORY, UNITS, LONG_WINDOW_SECONDS)
                .initialErrorMoment(moment).momentFloor(0).maxIterations(0).build().fit();

        double simulatedLoop = preparation.runFeedback(fit.loop(), start, LONG_WINDOW_SECONDS).totalCost();
        double simulatedLqr = preparation.run(PreparationStrategy.OPTIMAL_STEADY_STATE, start, LONG_WINDOW_SECONDS)
                .totalCost();

        assertEquals(simulatedLoop, fit.initialCost(), SIMULATION_TOLERANCE * simulatedLoop);
        assertEquals(simulatedLqr, fit.lqrCost(), SIMULATION_TOLERANCE * simulatedLqr);
    }

    @Test
    void fitCostsNoMoreThanSvd() {
        List<Double> relativeCosts = new ArrayList<>();
        LoopFit fit = LoopFitter.builder(preparation, EXCITATORY, UNITS, GO_CUE_SECONDS).initialErrors(errors)
                .maxIterations(60).listener((iteration, relativeCost, gradientNorm) -> {
                    relativeCosts.add(relativeCost);
                    return true;
                }).build().fit();

        assertTrue(fit.cost() < fit.initialCost(), "fitted " + fit.cost() + ", SVD " + fit.initialCost());
        assertTrue(fit.relativeCostExcess() >= 0, "excess " + fit.relativeCostExcess());
        assertTrue(fit.closedLoopAbscissa() < 0, "abscissa " + fit.closedLoopAbscissa());
        assertEquals(fit.iterations(), relativeCosts.size());
        for (int k = 1; k < relativeCosts.size(); k++) {
            assertTrue(relativeCosts.get(k) <= relativeCosts.get(k - 1), "iteration " + (k + 1));
        }
    }

    @Test
    void fullFastFitApproachesLqr() {
        // Reading every neuron with a 0.1 ms lag, the loop can realise K itself
        LoopFit fit = LoopFitter.builder(preparation, N, N, GO_CUE_SECONDS).thalamicTimeConstant(1e-4)
                .initialErrors(errors).maxIterations(100).build().fit();

        assertTrue(fit.relativeCostExcess() < 1e-2, "excess " + fit.relativeCostExcess());
    }

    @Test
    void fitIsDeterministic() {
        LoopFitter fitter = LoopFitter.builder(preparation, EXCITATORY, UNITS, GO_CUE_SECONDS).initialErrors(errors)
                .maxIterations(20).build();

        LoopFit first = fitter.fit();
        LoopFit second = fitter.fit();

        assertEquals(first.cost(), second.cost(), 0.0);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(first.loop().readout(), second.loop().readout(), 0.0));
    }

    @Test
    void listenerStopsFit() {
        LoopFit fit = LoopFitter.builder(preparation, EXCITATORY, UNITS, GO_CUE_SECONDS).initialErrors(errors)
                .listener((iteration, relativeCost, gradientNorm) -> iteration < 3).build().fit();

        assertEquals(3, fit.iterations());
        assertFalse(fit.converged());
    }

    @Test
    void fittedGateClosingRemovesInput() {
        ThalamocorticalLoop loop = LoopFitter.builder(preparation, EXCITATORY, UNITS, GO_CUE_SECONDS)
                .initialErrors(errors).maxIterations(20).build().fit().loop();
        double[] internal = {1, -2, 3};
        double[] error = new double[N];
        java.util.Arrays.fill(error, 1);
        double[] input = new double[N];
        double[] internalRate = new double[UNITS];

        loop.evaluate(GO_CUE_SECONDS, error, error, internal, input, internalRate);
        double untilGo = preparation.runFeedback(loop, start, GO_CUE_SECONDS).inputEnergy();
        double beyond = preparation.runFeedback(loop, start, 2 * GO_CUE_SECONDS).inputEnergy();

        for (int i = 0; i < N; i++) {
            assertEquals(0.0, input[i], 0.0, "input " + i);
        }
        assertTrue(untilGo > 0, "input energy before the go cue " + untilGo);
        assertEquals(untilGo, beyond, ROUND_OFF * untilGo);
    }

    @Test
    void projectionChannelsAreNonNegative() {
        ThalamocorticalLoop loop = LoopFitter.builder(preparation, EXCITATORY, UNITS, GO_CUE_SECONDS)
                .initialErrors(errors).maxIterations(20).build().fit().loop();
        DMatrixRMaj excitatory = loop.excitatoryProjection();
        DMatrixRMaj inhibitory = loop.inhibitoryProjection();

        assertTrue(CommonOps_DDRM.elementMin(excitatory) >= 0, "min P_exc " + CommonOps_DDRM.elementMin(excitatory));
        assertTrue(CommonOps_DDRM.elementMin(inhibitory) >= 0, "min P_inh " + CommonOps_DDRM.elementMin(inhibitory));
    }

    @Test
    void badSettingsAreRejected() {
        DMatrixRMaj asymmetric = CommonOps_DDRM.identity(N);
        asymmetric.set(0, 1, 1);
        Map<String, Supplier<LoopFitter>> cases = Map.ofEntries(
                Map.entry("null preparation", () -> LoopFitter.builder(null, EXCITATORY, UNITS, 0.3).build()),
                Map.entry("no excitatory neuron", () -> LoopFitter.builder(preparation, 0, 1, 0.3).build()),
                Map.entry("too many excitatory", () -> LoopFitter.builder(preparation, N + 1, 1, 0.3).build()),
                Map.entry("no unit", () -> LoopFitter.builder(preparation, EXCITATORY, 0, 0.3).build()),
                Map.entry("units above N_E", () -> LoopFitter.builder(preparation, EXCITATORY, EXCITATORY + 1, 0.3)
                        .build()),
                Map.entry("negative go cue", () -> LoopFitter.builder(preparation, EXCITATORY, UNITS, -1).build()),
                Map.entry("NaN go cue", () -> LoopFitter.builder(preparation, EXCITATORY, UNITS, Double.NaN).build()),
                Map.entry("zero time constant", () -> builder().thalamicTimeConstant(0).build()),
                Map.entry("infinite time constant", () -> builder().thalamicTimeConstant(Double.POSITIVE_INFINITY)
                        .build()),
                Map.entry("errors with wrong rows", () -> builder().initialErrors(new DMatrixRMaj(N - 1, 2)).build()),
                Map.entry("errors without columns", () -> builder().initialErrors(new DMatrixRMaj(N, 0)).build()),
                Map.entry("NaN error", () -> builder().initialErrors(withNaN(new DMatrixRMaj(N, 2))).build()),
                Map.entry("zero errors", () -> builder().initialErrors(new DMatrixRMaj(N, 2)).build()),
                Map.entry("moment of wrong size", () -> builder().initialErrorMoment(CommonOps_DDRM.identity(N + 1))
                        .build()),
                Map.entry("asymmetric moment", () -> builder().initialErrorMoment(asymmetric).build()),
                Map.entry("NaN moment", () -> builder().initialErrorMoment(withNaN(CommonOps_DDRM.identity(N)))
                        .build()),
                Map.entry("negative floor", () -> builder().momentFloor(-1e-3).build()),
                Map.entry("negative iterations", () -> builder().maxIterations(-1).build()),
                Map.entry("zero gradient tolerance", () -> builder().gradientTolerance(0).build()),
                Map.entry("negative decrease tolerance", () -> builder().relativeDecreaseTolerance(-1).build()));

        for (Map.Entry<String, Supplier<LoopFitter>> entry : cases.entrySet()) {
            assertThrows(IllegalArgumentException.class, entry.getValue()::get, entry.getKey());
        }
    }

    private LoopFitter.Builder builder() {
        return LoopFitter.builder(preparation, EXCITATORY, UNITS, GO_CUE_SECONDS);
    }

    private static DMatrixRMaj withNaN(DMatrixRMaj m) {
        m.set(0, 0, Double.NaN);
        return m;
    }

    private DMatrixRMaj identityMoment() {
        DMatrixRMaj moment = CommonOps_DDRM.identity(N);
        CommonOps_DDRM.scale(1.0 / N, moment);
        return moment;
    }

    private LoopCost model(DMatrixRMaj moment) {
        return new LoopCost(preparation.linearisation(), preparation.scaledInputMatrix(), preparation.cost().matrix(),
                preparation.inputCostWeight(), ThalamocorticalLoop.excitatorySlope(preparation, EXCITATORY),
                TAU_THALAMUS, moment, UNITS);
    }

    /** Central differences of the cost with respect to each entry of {@code varied} (P or J). */
    private static DMatrixRMaj centralDifferences(LoopCost model, DMatrixRMaj projection, DMatrixRMaj readout,
            DMatrixRMaj varied, double step) {
        DMatrixRMaj out = varied.createLike();
        for (int k = 0; k < varied.data.length; k++) {
            double saved = varied.data[k];
            varied.data[k] = saved + step;
            double plus = model.evaluate(projection, readout, null, null);
            varied.data[k] = saved - step;
            double minus = model.evaluate(projection, readout, null, null);
            varied.data[k] = saved;
            out.data[k] = (plus - minus) / (2 * step);
        }
        return out;
    }
}
