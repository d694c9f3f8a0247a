package io.github.neurodyn.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.movement.MovementFit;
import io.github.neurodyn.movement.MovementFitter;
import io.github.neurodyn.movement.SpontaneousNetwork;
import io.github.neurodyn.plant.Reach;
import io.github.neurodyn.plant.ReachTargets;
import io.github.neurodyn.plant.TwoLinkArm;
import io.github.neurodyn.preparation.Preparation;
import io.github.neurodyn.preparation.PreparationStrategy;
import io.github.neurodyn.preparation.ProspectiveCost;
import io.github.neurodyn.riccati.Riccati;
import io.github.neurodyn.spectral.SocPresets;
import io.github.neurodyn.testing.ConcurrentCalls;
import io.github.neurodyn.testing.MatrixFamily;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Riccati solves, movement fits and preparation runs called from several threads at once on
 * shared inputs. Each concurrent result must equal the sequential one bit for bit, and no
 * shared input may change.
 */
class ControlConcurrentUseTest {

    private static final int N = 20;

    /** Eight calls on a pool of four threads, each given at most 120 s. */
    @RegisterExtension
    final ConcurrentCalls calls = new ConcurrentCalls(4, 8, 120);

    private void assertAllEqual(String label, Callable<double[]> call) throws Exception {
        double[] sequential = call.call();
        List<double[]> results = calls.run(call);
        for (int k = 0; k < results.size(); k++) {
            assertArrayEquals(sequential, results.get(k), 0.0, label + ": concurrent call " + k + " differs");
        }
    }

    @Test
    void riccatiSolvesMatchSequential() throws Exception {
        DMatrixRMaj a = MatrixFamily.UNSTABLE.draw(N, 1, 1.0, false);
        DMatrixRMaj ad = MatrixFamily.UNSTABLE.draw(N, 1, 1.0, true);
        DMatrixRMaj b = MatrixFamily.gaussian(N, 3, 1, new Random(2));
        DMatrixRMaj q = CommonOps_DDRM.identity(N);
        DMatrixRMaj r = CommonOps_DDRM.identity(3);
        DMatrixRMaj aBefore = a.copy();
        DMatrixRMaj bBefore = b.copy();

        assertAllEqual("CARE", () -> Riccati.continuous(a, b, q, r).solve().x().data);
        assertAllEqual("DARE", () -> Riccati.discrete(ad, b, q, r).solve().x().data);
        assertArrayEquals(aBefore.data, a.data, 0.0, "A was modified");
        assertArrayEquals(bBefore.data, b.data, 0.0, "B was modified");
    }

    @Test
    void movementFitsMatchSequential() throws Exception {
        DMatrixRMaj weights = SocPresets.hennequin2014(N, 1).build().run().weights();
        SpontaneousNetwork network = SpontaneousNetwork.around(weights, N / 2, 0.15, 1);
        List<DMatrixRMaj> targets = ReachTargets.DEFAULT.withDirectionCount(2).reaches(TwoLinkArm.withDefaults())
                .stream().map(Reach::torques).toList();
        MovementFitter fitter = MovementFitter.builder(network, targets, 0.001).directions(4).iterations(2).build();

        assertAllEqual("movement readout", () -> fitter.fit().readout().data);
        assertAllEqual("movement initial states", () -> {
            MovementFit fit = fitter.fit();
            return fit.initialStates().data;
        });
    }

    @Test
    void preparationRunsMatchSequential() throws Exception {
        Random random = new Random(23);
        DMatrixRMaj w = MatrixFamily.gaussian(N, N, 0.5 / Math.sqrt(N), random);
        RateNetwork network = RateNetwork.builder().weights(w).timeConstant(0.15).nonlinearity(Nonlinearity.tanh())
                .build();
        double[] xStar = MatrixFamily.gaussian(N, 1, 0.3, random).data;
        double[] x0 = new double[N];
        ProspectiveCost cost = ProspectiveCost.of(network.linearisation(xStar),
                MatrixFamily.gaussian(2, N, 1, random), 0.5);
        Preparation sequential = Preparation.builder().network(network).preparedState(xStar).cost(cost).build();
        // A fresh preparation for the threads, so they also race to fill its gain cache.
        Preparation shared = Preparation.builder().network(network).preparedState(xStar).cost(cost).build();

        for (PreparationStrategy strategy : PreparationStrategy.values()) {
            double[] expected = sequential.run(strategy, x0, 0.2).states().data;
            List<double[]> results = calls.run(() -> shared.run(strategy, x0, 0.2).states().data);
            for (int k = 0; k < results.size(); k++) {
                assertArrayEquals(expected, results.get(k), 0.0, strategy + ": concurrent call " + k + " differs");
            }
        }
        assertArrayEquals(new double[N], x0, 0.0, "initial state was modified");
    }
}
