package io.github.neurodyn.robustness;

import io.github.neurodyn.movement.MovementFitter;
import io.github.neurodyn.movement.OptimalInitialConditions;
import io.github.neurodyn.movement.ReachChain;
import io.github.neurodyn.movement.SpontaneousNetwork;
import io.github.neurodyn.plant.Reach;
import io.github.neurodyn.plant.ReachTargets;
import io.github.neurodyn.plant.TwoLinkArm;
import io.github.neurodyn.testing.BadInput;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed arguments to the public entry points of the movement package: each raises
 * {@link IllegalArgumentException} naming the argument, at the call or at {@code build()}.
 */
class MovementBadInputTest {

    private static final int N = 8;
    private static final int EXCITATORY = 4;
    private static final double TAU = 0.15;
    private static final double INTERVAL = 0.001;

    private static DMatrixRMaj weights() {
        DMatrixRMaj w = new DMatrixRMaj(N, N);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                w.set(i, j, j < EXCITATORY ? 0.1 : -0.15);
            }
        }
        return w;
    }

    @TestFactory
    List<DynamicTest> movementEntryPointsRejectBadInput() {
        DMatrixRMaj w = weights();
        DMatrixRMaj nan = w.copy();
        nan.set(2, 3, Double.NaN);
        double[] state = new double[N];
        java.util.Arrays.fill(state, 1.0);
        double[] negativeState = state.clone();
        negativeState[5] = -1;
        SpontaneousNetwork network = SpontaneousNetwork.at(w, EXCITATORY, TAU, state);
        TwoLinkArm arm = TwoLinkArm.withDefaults();
        List<Reach> reaches = ReachTargets.DEFAULT.withDirectionCount(2).reaches(arm);
        List<DMatrixRMaj> targets = reaches.stream().map(Reach::torques).toList();
        DMatrixRMaj nanTarget = targets.get(0).copy();
        nanTarget.set(3, 1, Double.NaN);
        DMatrixRMaj a = network.linearisation();
        DMatrixRMaj unstable = CommonOps_DDRM.identity(N);
        DMatrixRMaj selector = new DMatrixRMaj(EXCITATORY, N);
        return BadInput.tests(
                new BadInput("network null weights", "weights", () -> SpontaneousNetwork.at(null, EXCITATORY, TAU, state)),
                new BadInput("network NaN weights", "weights", () -> SpontaneousNetwork.at(nan, EXCITATORY, TAU, state)),
                new BadInput("network rectangular weights", "weights",
                        () -> SpontaneousNetwork.around(new DMatrixRMaj(N, N + 1), EXCITATORY, TAU, 1)),
                new BadInput("network zero excitatory count", "excitatoryCount",
                        () -> SpontaneousNetwork.at(w, 0, TAU, state)),
                new BadInput("network excitatory count above N", "excitatoryCount",
                        () -> SpontaneousNetwork.around(w, N + 1, TAU, 1)),
                new BadInput("network zero tau", "timeConstant", () -> SpontaneousNetwork.at(w, EXCITATORY, 0, state)),
                new BadInput("network NaN tau", "timeConstant",
                        () -> SpontaneousNetwork.around(w, EXCITATORY, Double.NaN, 1)),
                new BadInput("network short state", "spontaneousState",
                        () -> SpontaneousNetwork.at(w, EXCITATORY, TAU, new double[N - 1])),
                new BadInput("network negative state", "spontaneousState",
                        () -> SpontaneousNetwork.at(w, EXCITATORY, TAU, negativeState)),
                new BadInput("conditions null A", "a must not be null", () -> OptimalInitialConditions.of(null, selector, 2, TAU)),
                new BadInput("conditions unstable A", "A", () -> OptimalInitialConditions.of(unstable, selector, 2, TAU)),
                new BadInput("conditions readout of other width", "readout",
                        () -> OptimalInitialConditions.of(a, new DMatrixRMaj(2, N + 1), 2, TAU)),
                new BadInput("conditions zero count", "count", () -> OptimalInitialConditions.of(a, selector, 0, TAU)),
                new BadInput("conditions count above N", "count",
                        () -> OptimalInitialConditions.of(a, selector, N + 1, TAU)),
                new BadInput("conditions zero tau", "timeConstant", () -> OptimalInitialConditions.of(a, selector, 2, 0)),
                new BadInput("conditions zero horizon", "horizonSeconds",
                        () -> OptimalInitialConditions.of(a, selector, 2, TAU, 0)),
                new BadInput("conditions NaN horizon", "horizonSeconds",
                        () -> OptimalInitialConditions.of(a, selector, 2, TAU, Double.NaN)),
                new BadInput("conditions asymmetric Gramian", "gramian",
                        () -> OptimalInitialConditions.fromGramian(a, 2, TAU / 2, Double.POSITIVE_INFINITY)),
                new BadInput("conditions zero reference energy", "referenceEnergy",
                        () -> OptimalInitialConditions.fromGramian(CommonOps_DDRM.identity(N), 2, 0, 1)),
                new BadInput("fitter null network", "network", () -> MovementFitter.builder(null, targets, INTERVAL).build()),
                new BadInput("fitter null targets", "targets",
                        () -> MovementFitter.builder(network, null, INTERVAL).build()),
                new BadInput("fitter no targets", "targets",
                        () -> MovementFitter.builder(network, List.of(), INTERVAL).build()),
                new BadInput("fitter NaN target", "targets",
                        () -> MovementFitter.builder(network, List.of(targets.get(0), nanTarget), INTERVAL).build()),
                new BadInput("fitter targets of other shape", "targets",
                        () -> MovementFitter.builder(network, List.of(targets.get(0), new DMatrixRMaj(3, 2)), INTERVAL)
                                .build()),
                new BadInput("fitter zero interval", "sampleIntervalSeconds",
                        () -> MovementFitter.builder(network, targets, 0).build()),
                new BadInput("fitter NaN interval", "sampleIntervalSeconds",
                        () -> MovementFitter.builder(network, targets, Double.NaN).build()),
                new BadInput("fitter zero directions", "directions",
                        () -> MovementFitter.builder(network, targets, INTERVAL).directions(0).build()),
                new BadInput("fitter zero deviation", "deviationNorm",
                        () -> MovementFitter.builder(network, targets, INTERVAL).deviationNorm(0).build()),
                new BadInput("fitter NaN ridge", "ridge",
                        () -> MovementFitter.builder(network, targets, INTERVAL).ridge(Double.NaN).build()),
                new BadInput("fitter zero iterations", "iterations",
                        () -> MovementFitter.builder(network, targets, INTERVAL).iterations(0).build()),
                new BadInput("fitter zero step", "stepSeconds",
                        () -> MovementFitter.builder(network, targets, INTERVAL).stepSeconds(0).build()),
                new BadInput("chain null network", "network", () -> ReachChain.run(null, null, arm, reaches)),
                new BadInput("chain null fit", "fit", () -> ReachChain.run(network, null, arm, reaches)));
    }
}
