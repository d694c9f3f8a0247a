package io.github.neurodyn.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.loop.ThalamocorticalLoop;
import io.github.neurodyn.plant.ReachTargets;
import io.github.neurodyn.plant.TwoLinkArm;
import io.github.neurodyn.preparation.Perturbation;
import io.github.neurodyn.preparation.Preparation;
import io.github.neurodyn.preparation.PreparationStrategy;
import io.github.neurodyn.preparation.ProspectiveCost;
import io.github.neurodyn.preparation.ReachPreparation;
import io.github.neurodyn.testing.BadInput;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed arguments to the preparation entry points that the preparation package's own
 * table leaves out, and to the thalamo-cortical loop: each raises
 * {@link IllegalArgumentException} naming the argument.
 */
class PreparationLoopBadInputTest {

    private static final int N = 4;
    private static final double TAU = 0.15;

    @TestFactory
    List<DynamicTest> preparationAndLoopRejectBadInput() {
        DMatrixRMaj w = CommonOps_DDRM.diag(0.2, 0.1, -0.1, 0.3);
        w.set(0, 2, -0.4);
        w.set(1, 0, 0.3);
        RateNetwork network = RateNetwork.builder().weights(w).timeConstant(TAU).nonlinearity(Nonlinearity.relu())
                .build();
        double[] xStar = {0.5, 0.4, 0.3, 0.2};
        double[] nanState = {0.5, Double.NaN, 0.3, 0.2};
        DMatrixRMaj a = network.linearisation(xStar);
        DMatrixRMaj readout = new DMatrixRMaj(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}});
        DMatrixRMaj nanReadout = readout.copy();
        nanReadout.set(1, 3, Double.NaN);
        ProspectiveCost cost = ProspectiveCost.of(a, readout);
        Preparation preparation = Preparation.builder().network(network).preparedState(xStar).cost(cost).build();
        Perturbation pulse = Perturbation.defaults(N, 1);
        return BadInput.tests(
                new BadInput("cost null a", "a", () -> ProspectiveCost.of(null, readout)),
                new BadInput("cost NaN a", "a", () -> ProspectiveCost.of(withNaN(a), readout)),
                new BadInput("cost unstable A", "A", () -> ProspectiveCost.of(CommonOps_DDRM.identity(N), readout)),
                new BadInput("cost zero movement time", "movementSeconds", () -> ProspectiveCost.of(a, readout, 0)),
                new BadInput("cost NaN movement time", "movementSeconds",
                        () -> ProspectiveCost.of(a, readout, Double.NaN)),
                new BadInput("cost null matrix", "stateCost", () -> ProspectiveCost.ofMatrix(null)),
                new BadInput("cost NaN matrix", "stateCost", () -> ProspectiveCost.ofMatrix(withNaN(CommonOps_DDRM.identity(N)))),
                new BadInput("cost null dimension above N", "k", () -> cost.nullBasis(N + 1)),
                new BadInput("cost NaN error", "error", () -> cost.cost(nanState)),
                new BadInput("prepared state NaN", "preparedState", () -> preparation.withPreparedState(nanState)),
                new BadInput("prepared state short", "preparedState", () -> preparation.withPreparedState(new double[2])),
                new BadInput("finite horizon zero window", "preparationSeconds", () -> preparation.finiteHorizonGain(0)),
                new BadInput("finite horizon NaN window", "preparationSeconds",
                        () -> preparation.finiteHorizonGain(Double.NaN)),
                new BadInput("run NaN initial state", "initialState",
                        () -> preparation.run(PreparationStrategy.OPTIMAL, nanState, 0.1)),
                new BadInput("run NaN window", "preparationSeconds",
                        () -> preparation.run(PreparationStrategy.OPTIMAL, xStar, Double.NaN)),
                new BadInput("feedback null law", "law", () -> preparation.runFeedback(null, xStar, 0.1)),
                new BadInput("sweep null windows", "preparationSeconds",
                        () -> preparation.sweep(PreparationStrategy.NAIVE, xStar, null)),
                new BadInput("sweep NaN window", "preparationSeconds",
                        () -> preparation.sweep(PreparationStrategy.NAIVE, xStar, new double[] {Double.NaN})),
                new BadInput("delay null perturbation", "perturbation",
                        () -> preparation.perturbationDelay(PreparationStrategy.OPTIMAL, xStar, 0.5, null)),
                new BadInput("delay window shorter than pulse", "preparationSeconds",
                        () -> preparation.perturbationDelay(PreparationStrategy.OPTIMAL, xStar, 0.0, pulse)),
                new BadInput("delay NaN window", "preparationSeconds",
                        () -> preparation.perturbationDelay(PreparationStrategy.OPTIMAL, xStar, Double.NaN, pulse)),
                new BadInput("delay NaN initial state", "initialState",
                        () -> preparation.perturbationDelay(PreparationStrategy.OPTIMAL, nanState, 0.5, pulse)),
                new BadInput("pulse negative norm", "inputNorm", () -> new Perturbation(-1, 0.05, 0.1, 1, 1)),
                new BadInput("pulse zero length", "durationSeconds", () -> new Perturbation(1, 0, 0.1, 1, 1)),
                new BadInput("pulse NaN lead", "endBeforeGoSeconds", () -> new Perturbation(1, 0.05, Double.NaN, 1, 1)),
                new BadInput("pulse zero cap", "capSeconds", () -> new Perturbation(1, 0.05, 0.1, 0, 1)),
                new BadInput("pulse zero neurons", "neurons", () -> Perturbation.defaults(0, 1)),
                new BadInput("reach preparation null network and fit", "fit",
                        () -> ReachPreparation.preparation(null, null, 0.3)),
                new BadInput("reach curve null preparation", "preparation",
                        () -> ReachPreparation.curve(null, PreparationStrategy.OPTIMAL, null, null,
                                TwoLinkArm.withDefaults(), ReachTargets.DEFAULT.withDirectionCount(1)
                                        .reaches(TwoLinkArm.withDefaults()), new double[] {0.1})),
                new BadInput("alignment null preparation", "preparation",
                        () -> ReachPreparation.alignment(null, PreparationStrategy.OPTIMAL, null, null, 0.5, 0.2, 0.3,
                                2, 10, 1)),
                new BadInput("loop null preparation", "preparation", () -> ThalamocorticalLoop.fit(null, 2, 1, 0.01, 0.5)),
                new BadInput("loop zero excitatory count", "excitatoryCount",
                        () -> ThalamocorticalLoop.fit(preparation, 0, 1, 0.01, 0.5)),
                new BadInput("loop excitatory count above N", "excitatoryCount",
                        () -> ThalamocorticalLoop.fit(preparation, N + 1, 1, 0.01, 0.5)),
                new BadInput("loop zero thalamic units", "thalamicUnits",
                        () -> ThalamocorticalLoop.fit(preparation, 2, 0, 0.01, 0.5)),
                new BadInput("loop too many thalamic units", "thalamicUnits",
                        () -> ThalamocorticalLoop.fit(preparation, 2, 3, 0.01, 0.5)),
                new BadInput("loop zero thalamic tau", "thalamicTimeConstant",
                        () -> ThalamocorticalLoop.fit(preparation, 2, 1, 0, 0.5)),
                new BadInput("loop NaN thalamic tau", "thalamicTimeConstant",
                        () -> ThalamocorticalLoop.fit(preparation, 2, 1, Double.NaN, 0.5)),
                new BadInput("loop negative go cue", "goCueSeconds",
                        () -> ThalamocorticalLoop.fit(preparation, 2, 1, 0.01, -0.1)),
                new BadInput("loop infinite go cue", "goCueSeconds",
                        () -> ThalamocorticalLoop.fit(preparation, 2, 1, 0.01, Double.POSITIVE_INFINITY)));
    }

    /** Readout and trajectory arguments, named in the messages rather than reported by a callee. */
    @TestFactory
    List<DynamicTest> readoutAndTrajectoryArguments() {
        DMatrixRMaj a = CommonOps_DDRM.diag(-1, -2, -3, -4);
        DMatrixRMaj readout = new DMatrixRMaj(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}});
        DMatrixRMaj nanReadout = readout.copy();
        nanReadout.set(1, 3, Double.NaN);
        ProspectiveCost cost = ProspectiveCost.of(a, readout);
        return BadInput.tests(
                new BadInput("cost readout of other width", "readout",
                        () -> ProspectiveCost.of(a, new DMatrixRMaj(2, N + 1))),
                new BadInput("cost NaN readout", "readout", () -> ProspectiveCost.of(a, nanReadout)),
                new BadInput("cost potent dimension above N", "k", () -> cost.potentBasis(N + 1)),
                new BadInput("path error null trajectory", "trajectory", () -> ReachPreparation.pathErrorMeters(null,
                        ReachTargets.DEFAULT.reach(TwoLinkArm.withDefaults(), 0))));
    }

    @Test
    void zeroPotentDimensionGivesEmptyPotentBasis() {
        ProspectiveCost cost = ProspectiveCost.of(CommonOps_DDRM.diag(-1, -2, -3, -4),
                new DMatrixRMaj(new double[][] {{1, 0, 0, 0}}));
        assertEquals(0, cost.potentBasis(0).numCols);
    }

    @Test
    void fullPotentDimensionGivesEmptyNullBasis() {
        ProspectiveCost cost = ProspectiveCost.of(CommonOps_DDRM.diag(-1, -2, -3, -4),
                new DMatrixRMaj(new double[][] {{1, 0, 0, 0}}));
        assertEquals(0, cost.nullBasis(4).numCols);
    }

    private static DMatrixRMaj withNaN(DMatrixRMaj m) {
        DMatrixRMaj copy = m.copy();
        copy.set(0, 1, Double.NaN);
        return copy;
    }
}
