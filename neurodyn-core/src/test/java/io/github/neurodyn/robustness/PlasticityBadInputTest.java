package io.github.neurodyn.robustness;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.Trajectory;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.network.Connectivity;
import io.github.neurodyn.plasticity.InhibitionStabilisation;
import io.github.neurodyn.plasticity.InhibitoryPlasticity;
import io.github.neurodyn.plasticity.IspPresets;
import io.github.neurodyn.plasticity.LearningSchedule;
import io.github.neurodyn.plasticity.OperatingPoint;
import io.github.neurodyn.plasticity.ParadoxicalProbe;
import io.github.neurodyn.plasticity.PlasticityTraining;
import io.github.neurodyn.testing.BadInput;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed arguments to the public entry points of the plasticity package: each raises
 * {@link IllegalArgumentException} naming the argument, at the call or at the run.
 */
class PlasticityBadInputTest {

    private static final int N = 10;

    @TestFactory
    List<DynamicTest> plasticityEntryPointsRejectBadInput() {
        Connectivity start = IspPresets.startNetwork(N, 1);
        int excitatory = start.excitatoryCount();
        RateNetwork network = IspPresets.network(start);
        DMatrixRMaj w = start.weights();
        DMatrixRMaj nan = w.copy();
        nan.set(0, excitatory, Double.NaN);
        InhibitoryPlasticity rule = IspPresets.rule(start).build();
        double[] point = new double[N];
        double[] nanPoint = new double[N];
        nanPoint[3] = Double.NaN;
        Trajectory run = Simulation.of(network).durationSeconds(0.01).run();
        return BadInput.tests(
                new BadInput("rule null weights", "weights", () -> InhibitoryPlasticity.builder(null, excitatory).build()),
                new BadInput("rule NaN weights", "weights", () -> InhibitoryPlasticity.builder(nan, excitatory).build()),
                new BadInput("rule rectangular weights", "weights",
                        () -> InhibitoryPlasticity.builder(new DMatrixRMaj(N, N - 1), excitatory).build()),
                new BadInput("rule all excitatory", "excitatoryCount", () -> InhibitoryPlasticity.builder(w, N).build()),
                new BadInput("rule negative excitatory count", "excitatoryCount",
                        () -> InhibitoryPlasticity.builder(w, -1).build()),
                new BadInput("rule negative learning rate", "learningRate",
                        () -> InhibitoryPlasticity.builder(w, excitatory).learningRate(-1)),
                new BadInput("rule NaN learning rate", "learningRate",
                        () -> InhibitoryPlasticity.builder(w, excitatory).learningRate(Double.NaN)),
                new BadInput("rule negative target rate", "targetRate",
                        () -> InhibitoryPlasticity.builder(w, excitatory).targetRate(-1).build()),
                new BadInput("rule NaN target rate", "targetRate",
                        () -> InhibitoryPlasticity.builder(w, excitatory).targetRate(Double.NaN).build()),
                new BadInput("rule null schedule", "schedule",
                        () -> InhibitoryPlasticity.builder(w, excitatory).schedule(null).build()),
                new BadInput("rule zero max weight", "maxWeight",
                        () -> InhibitoryPlasticity.builder(w, excitatory).maxWeight(0).build()),
                new BadInput("rule NaN max weight", "maxWeight",
                        () -> InhibitoryPlasticity.builder(w, excitatory).maxWeight(Double.NaN).build()),
                new BadInput("rule zero max inhibition", "maxTotalInhibition",
                        () -> InhibitoryPlasticity.builder(w, excitatory).maxTotalInhibition(0).build()),
                new BadInput("schedule zero decay", "decaySeconds", () -> LearningSchedule.exponentialDecay(1, 0)),
                new BadInput("schedule no times", "startSeconds",
                        () -> LearningSchedule.piecewiseConstant(new double[0], new double[0])),
                new BadInput("schedule negative rate", "rates",
                        () -> LearningSchedule.piecewiseConstant(new double[] {0}, new double[] {-1})),
                new BadInput("training null network", "network", () -> PlasticityTraining.of(null, rule)),
                new BadInput("training null rule", "rule", () -> PlasticityTraining.of(network, null)),
                new BadInput("training zero step", "stepSeconds",
                        () -> PlasticityTraining.of(network, rule).stepSeconds(0).run()),
                new BadInput("training NaN step", "stepSeconds",
                        () -> PlasticityTraining.of(network, rule).stepSeconds(Double.NaN).run()),
                new BadInput("training zero duration", "durationSeconds",
                        () -> PlasticityTraining.of(network, rule).durationSeconds(0).run()),
                new BadInput("training infinite duration", "durationSeconds",
                        () -> PlasticityTraining.of(network, rule).durationSeconds(Double.POSITIVE_INFINITY).run()),
                new BadInput("training zero report interval", "reportEverySeconds",
                        () -> PlasticityTraining.of(network, rule).reportEverySeconds(0).run()),
                new BadInput("training zero update interval", "updateEverySteps",
                        () -> PlasticityTraining.of(network, rule).updateEverySteps(0).run()),
                new BadInput("training adaptive integrator", "integrator",
                        () -> PlasticityTraining.of(network, rule).integrator(Integrator.DORMAND_PRINCE).run()),
                new BadInput("training null integrator", "integrator",
                        () -> PlasticityTraining.of(network, rule).integrator(null).run()),
                new BadInput("training short initial state", "initialState",
                        () -> PlasticityTraining.of(network, rule).initialState(new double[N - 1]).run()),
                new BadInput("training NaN initial state", "initialState",
                        () -> PlasticityTraining.of(network, rule).initialState(nanPoint).run()),
                new BadInput("training input of other size", "input",
                        () -> PlasticityTraining.of(network, rule).input(InputSignal.zero(N + 1)).run()),
                new BadInput("training negative snapshot", "snapshotTimes",
                        () -> PlasticityTraining.of(network, rule).snapshotTimes(-1).run()),
                new BadInput("training NaN snapshot", "snapshotTimes",
                        () -> PlasticityTraining.of(network, rule).snapshotTimes(Double.NaN).run()),
                new BadInput("training null listener", "listener",
                        () -> PlasticityTraining.of(network, rule).listener(null).run()),
                new BadInput("training zero bound", "maxAbsState",
                        () -> PlasticityTraining.of(network, rule).maxAbsState(0).run()),
                new BadInput("analysis NaN weights", "weights",
                        () -> InhibitionStabilisation.analyse(nan, Nonlinearity.relu(), point, excitatory)),
                new BadInput("analysis null nonlinearity", "nonlinearity",
                        () -> InhibitionStabilisation.analyse(w, null, point, excitatory)),
                new BadInput("analysis short operating point", "operatingPoint",
                        () -> InhibitionStabilisation.jacobian(w, Nonlinearity.relu(), new double[N - 1])),
                new BadInput("analysis NaN operating point", "operatingPoint",
                        () -> InhibitionStabilisation.effectiveConnectivity(w, Nonlinearity.relu(), nanPoint)),
                new BadInput("analysis zero excitatory count", "excitatoryCount",
                        () -> InhibitionStabilisation.analyse(w, Nonlinearity.relu(), point, 0)),
                new BadInput("analysis excitatory count above N", "excitatoryCount",
                        () -> InhibitionStabilisation.analyse(w, Nonlinearity.relu(), point, N + 1)),
                new BadInput("probe null network", "network", () -> ParadoxicalProbe.of(null, excitatory)),
                new BadInput("probe excitatory count N", "excitatoryCount", () -> ParadoxicalProbe.of(network, N)),
                new BadInput("probe short base input", "baseInput",
                        () -> ParadoxicalProbe.of(network, excitatory).baseInput(new double[2]).measure()),
                new BadInput("probe zero extra input", "extraInhibitoryInput",
                        () -> ParadoxicalProbe.of(network, excitatory).extraInhibitoryInput(0).measure()),
                new BadInput("probe NaN extra input", "extraInhibitoryInput",
                        () -> ParadoxicalProbe.of(network, excitatory).extraInhibitoryInput(Double.NaN).measure()),
                new BadInput("probe zero step", "stepSeconds",
                        () -> ParadoxicalProbe.of(network, excitatory).stepSeconds(0).measure()),
                new BadInput("probe negative settle time", "settleSeconds",
                        () -> ParadoxicalProbe.of(network, excitatory).settleSeconds(-1).measure()),
                new BadInput("probe zero averaging time", "averageSeconds",
                        () -> ParadoxicalProbe.of(network, excitatory).averageSeconds(0).measure()),
                new BadInput("probe NaN initial state", "initialState",
                        () -> ParadoxicalProbe.of(network, excitatory).initialState(nanPoint).measure()),
                new BadInput("operating point null trajectory", "trajectory", () -> OperatingPoint.average(null, 0, 0)),
                new BadInput("operating point missing trial", "trial", () -> OperatingPoint.average(run, 1, 0)),
                new BadInput("operating point late window", "fromSeconds", () -> OperatingPoint.average(run, 0, 1)),
                new BadInput("operating point NaN window", "fromSeconds",
                        () -> OperatingPoint.average(run, 0, Double.NaN)));
    }
}
