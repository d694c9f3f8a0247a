package io.github.neurodyn.preparation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

class PreparationBadInputTest {

    private static final int N = 3;

    private record BadInput(String name, String expectedWord, Executable call) {
    }

    @TestFactory
    List<DynamicTest> badInputIsRejected() {
        Random random = new Random(12);
        RateNetwork network = RateNetwork.builder().weights(PreparationTest.randomWeights(N, 0.5, random))
                .timeConstant(0.15).nonlinearity(Nonlinearity.relu()).build();
        double[] xStar = {0.5, 0.2, 0.1};
        ProspectiveCost cost = ProspectiveCost.of(network.linearisation(xStar), CommonOps_DDRM.identity(N));
        Preparation valid = Preparation.builder().network(network).preparedState(xStar).cost(cost).build();
        ProspectiveCost wrongSize = ProspectiveCostTest.randomCost(N + 1, random);

        List<BadInput> cases = List.of(
                new BadInput("null network", "network",
                        () -> builder(null, xStar, cost, b -> { }).build()),
                new BadInput("short prepared state", "preparedState",
                        () -> builder(network, new double[] {1, 2}, cost, b -> { }).build()),
                new BadInput("NaN prepared state", "preparedState",
                        () -> builder(network, new double[] {1, Double.NaN, 0}, cost, b -> { }).build()),
                new BadInput("null cost", "cost",
                        () -> builder(network, xStar, null, b -> { }).build()),
                new BadInput("cost of other size", "cost",
                        () -> builder(network, xStar, wrongSize, b -> { }).build()),
                new BadInput("input matrix rows", "inputMatrix",
                        () -> builder(network, xStar, cost, b -> b.inputMatrix(new DMatrixRMaj(2, 1))).build()),
                new BadInput("input neuron out of range", "neurons",
                        () -> builder(network, xStar, cost, b -> b.inputNeurons(0, 3)).build()),
                new BadInput("zero input cost weight", "inputCostWeight",
                        () -> builder(network, xStar, cost, b -> b.inputCostWeight(0)).build()),
                new BadInput("NaN input cost weight", "inputCostWeight",
                        () -> builder(network, xStar, cost, b -> b.inputCostWeight(Double.NaN)).build()),
                new BadInput("negative step", "stepSeconds",
                        () -> builder(network, xStar, cost, b -> b.stepSeconds(-1e-3)).build()),
                new BadInput("zero Riccati step", "riccatiStepSeconds",
                        () -> builder(network, xStar, cost, b -> b.riccatiStepSeconds(0)).build()),
                new BadInput("negative window", "preparationSeconds",
                        () -> valid.run(PreparationStrategy.OPTIMAL, xStar, -0.1)),
                new BadInput("infinite window", "preparationSeconds",
                        () -> valid.run(PreparationStrategy.NAIVE, xStar, Double.POSITIVE_INFINITY)),
                new BadInput("null strategy", "strategy",
                        () -> valid.run(null, xStar, 0.1)),
                new BadInput("short initial state", "initialState",
                        () -> valid.run(PreparationStrategy.NAIVE, new double[] {0}, 0.1)),
                new BadInput("negative window in sweep", "preparationSeconds",
                        () -> valid.sweep(PreparationStrategy.NAIVE, xStar, new double[] {0.1, -0.1})),
                new BadInput("zero readout", "trace",
                        () -> ProspectiveCost.of(network.linearisation(xStar), new DMatrixRMaj(1, N), 0.5)),
                new BadInput("asymmetric state cost", "stateCost",
                        () -> ProspectiveCost.ofMatrix(new DMatrixRMaj(new double[][] {{1, 2}, {0, 1}}))),
                new BadInput("indefinite state cost", "semidefinite",
                        () -> ProspectiveCost.ofMatrix(new DMatrixRMaj(new double[][] {{2, 0}, {0, -1}}))),
                new BadInput("potent dimension above N", "k",
                        () -> cost.potentBasis(N + 1)),
                new BadInput("error of wrong length", "error",
                        () -> cost.cost(new double[] {1})));

        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.call());
            assertTrue(e.getMessage().contains(c.expectedWord()),
                    "message \"" + e.getMessage() + "\" does not name " + c.expectedWord());
        })).toList();
    }

    private static Preparation.Builder builder(RateNetwork network, double[] xStar, ProspectiveCost cost,
            Consumer<Preparation.Builder> change) {
        Preparation.Builder builder = Preparation.builder().network(network).preparedState(xStar).cost(cost);
        change.accept(builder);
        return builder;
    }
}
