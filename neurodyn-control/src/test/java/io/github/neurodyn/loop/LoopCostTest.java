package io.github.neurodyn.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.linalg.Lyapunov;
import io.github.neurodyn.preparation.Preparation;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the block-structured cost and gradient of {@link LoopCost} against the dense
 * formulas: X and Y from two full Lyapunov solves in the original basis, {@code G = 2 X Y}.
 */
class LoopCostTest {

    private static final int N = 9;
    private static final int EXCITATORY = 5;
    private static final int UNITS = 3;
    private static final double TAU_THALAMUS = 0.01;
    /** Agreement of the block-structured and the dense cost and gradient, relative to their size. */
    private static final double DENSE_TOLERANCE = 1e-10;

    private Preparation preparation;
    private DMatrixRMaj moment;
    private DMatrixRMaj projection;
    private DMatrixRMaj readout;

    @BeforeEach
    void buildLinearNetwork() {
        preparation = LinearLoopCase.of(N, 43).preparation();
        Random random = new Random(44);
        moment = errorMoment(random);
        for (int i = 0; i < N; i++) {
            moment.add(i, i, 0.01);
        }
        DMatrixRMaj[] weights = ThalamocorticalLoop.svdWeights(preparation.steadyStateGain().gain(), slope(),
                UNITS);
        projection = weights[0];
        readout = weights[1];
        CommonOps_DDRM.scale(0.5, projection);
        for (int k = 0; k < readout.data.length; k++) {
            readout.data[k] += 0.1 * random.nextGaussian();
        }
    }

    @Test
    void costMatchesDenseSolve() {
        double expected = denseCost();

        double cost = model().evaluate(projection, readout, null, null);

        assertTrue(Double.isFinite(expected), "dense cost " + expected);
        assertEquals(expected, cost, DENSE_TOLERANCE * expected);
    }

    @Test
    void rankDeficientMomentMatchesDense() {
        // Four initial errors without a floor give a Sigma_0 of rank 4 < N, so its factor has 4 rows
        moment = errorMoment(new Random(45));
        double expected = denseCost();

        double cost = model().evaluate(projection, readout, null, null);

        assertEquals(expected, cost, DENSE_TOLERANCE * expected);
        assertGradientMatchesDense();
    }

    @Test
    void gradientMatchesDenseProducts() {
        assertGradientMatchesDense();
    }

    private void assertGradientMatchesDense() {
        DMatrixRMaj[] expected = denseGradient();
        DMatrixRMaj projectionGradient = projection.createLike();
        DMatrixRMaj readoutGradient = readout.createLike();

        model().evaluate(projection, readout, projectionGradient, readoutGradient);

        double scale = Math.max(CommonOps_DDRM.elementMaxAbs(expected[0]), CommonOps_DDRM.elementMaxAbs(expected[1]));
        for (int k = 0; k < projection.data.length; k++) {
            assertEquals(expected[0].data[k], projectionGradient.data[k], DENSE_TOLERANCE * scale,
                    "dcost/dP entry " + k);
        }
        for (int k = 0; k < readout.data.length; k++) {
            assertEquals(expected[1].data[k], readoutGradient.data[k], DENSE_TOLERANCE * scale,
                    "dcost/dJ entry " + k);
        }
    }

    @Test
    void reusedSchurGivesFreshGradient() {
        DMatrixRMaj freshProjectionGradient = projection.createLike();
        DMatrixRMaj freshReadoutGradient = readout.createLike();
        double freshCost = model().evaluate(projection, readout, freshProjectionGradient, freshReadoutGradient);
        LoopCost model = model();
        DMatrixRMaj other = projection.copy();
        CommonOps_DDRM.scale(0.9, other);
        DMatrixRMaj projectionGradient = projection.createLike();
        DMatrixRMaj readoutGradient = readout.createLike();

        // A cost at other weights, the cost alone, then the gradient that reuses its Schur form
        model.evaluate(other, readout, null, null);
        double cost = model.evaluate(projection, readout, null, null);
        double costWithGradient = model.evaluate(projection, readout, projectionGradient, readoutGradient);

        assertEquals(freshCost, cost);
        assertEquals(freshCost, costWithGradient);
        assertArrayEquals(freshProjectionGradient.data, projectionGradient.data);
        assertArrayEquals(freshReadoutGradient.data, readoutGradient.data);
    }

    @Test
    void changedWeightsAreRecomputed() {
        LoopCost model = model();
        double before = model.evaluate(projection, readout, null, null);
        projection.data[0] += 0.1;
        double expected = model().evaluate(projection, readout, null, null);

        double after = model.evaluate(projection, readout, null, null);

        assertTrue(before != after, "cost " + before + " unchanged after changing P in place");
        assertEquals(expected, after);
    }

    @Test
    void unstableLoopCostIsInfinite() {
        // Reversing the sign of the stabilising SVD feedback and amplifying it makes F unstable
        CommonOps_DDRM.scale(-1e4, projection);
        DMatrixRMaj projectionGradient = projection.createLike();
        DMatrixRMaj readoutGradient = readout.createLike();
        projectionGradient.fill(7);
        LoopCost model = model();

        double cost = model.evaluate(projection, readout, projectionGradient, readoutGradient);

        assertTrue(model.lastAbscissa() >= 0, "abscissa " + model.lastAbscissa());
        assertEquals(Double.POSITIVE_INFINITY, cost);
        assertEquals(7, projectionGradient.get(0, 0));
    }

    /** Returns {@code E E^T / 4} for four random initial errors E. */
    private static DMatrixRMaj errorMoment(Random random) {
        DMatrixRMaj errors = new DMatrixRMaj(N, 4);
        for (int k = 0; k < errors.data.length; k++) {
            errors.data[k] = random.nextGaussian();
        }
        DMatrixRMaj out = new DMatrixRMaj(N, N);
        CommonOps_DDRM.multTransB(0.25, errors, errors, out);
        return out;
    }

    private double[] slope() {
        return ThalamocorticalLoop.excitatorySlope(preparation, EXCITATORY);
    }

    private LoopCost model() {
        return new LoopCost(preparation.linearisation(), preparation.scaledInputMatrix(), preparation.cost().matrix(),
                preparation.inputCostWeight(), slope(), TAU_THALAMUS, moment, UNITS);
    }

    /** F, built by the model under test; LoopFitterTest checks the cost from it against a simulation. */
    private DMatrixRMaj closedLoop() {
        return model().closedLoop(projection, readout).copy();
    }

    private DMatrixRMaj augmentedMoment() {
        DMatrixRMaj s = new DMatrixRMaj(N + UNITS, N + UNITS);
        CommonOps_DDRM.insert(moment, s, 0, 0);
        return s;
    }

    /** X from {@code F^T X + X F + diag(Q_C, lambda P^T P) = 0} in the original basis. */
    private DMatrixRMaj denseX() {
        DMatrixRMaj q = new DMatrixRMaj(N + UNITS, N + UNITS);
        CommonOps_DDRM.insert(preparation.cost().matrix(), q, 0, 0);
        DMatrixRMaj inputCost = new DMatrixRMaj(UNITS, UNITS);
        CommonOps_DDRM.multTransA(preparation.inputCostWeight(), projection, projection, inputCost);
        CommonOps_DDRM.insert(inputCost, q, N, N);
        return Lyapunov.solveTransposed(closedLoop(), q).x();
    }

    private double denseCost() {
        DMatrixRMaj x = denseX();
        DMatrixRMaj s = augmentedMoment();
        double sum = 0;
        for (int k = 0; k < x.data.length; k++) {
            sum += x.data[k] * s.data[k];
        }
        return sum;
    }

    /** dcost/dP = B~^T G_ez + 2 lambda P Y_zz and dcost/dJ = G_ze C^T / tau_th with G = 2 X Y. */
    private DMatrixRMaj[] denseGradient() {
        DMatrixRMaj x = denseX();
        DMatrixRMaj y = Lyapunov.solve(closedLoop(), augmentedMoment()).x();
        DMatrixRMaj g = new DMatrixRMaj(N + UNITS, N + UNITS);
        CommonOps_DDRM.mult(2, x, y, g);

        DMatrixRMaj gez = CommonOps_DDRM.extract(g, 0, N, N, N + UNITS);
        DMatrixRMaj yzz = CommonOps_DDRM.extract(y, N, N + UNITS, N, N + UNITS);
        DMatrixRMaj projectionGradient = projection.createLike();
        CommonOps_DDRM.multTransA(preparation.scaledInputMatrix(), gez, projectionGradient);
        CommonOps_DDRM.multAdd(2 * preparation.inputCostWeight(), projection, yzz, projectionGradient);

        double[] slope = slope();
        DMatrixRMaj readoutGradient = readout.createLike();
        for (int k = 0; k < UNITS; k++) {
            for (int j = 0; j < EXCITATORY; j++) {
                readoutGradient.set(k, j, g.get(N + k, j) * slope[j] / TAU_THALAMUS);
            }
        }
        return new DMatrixRMaj[] {projectionGradient, readoutGradient};
    }
}
