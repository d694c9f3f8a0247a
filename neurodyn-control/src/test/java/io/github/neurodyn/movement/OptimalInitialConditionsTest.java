package io.github.neurodyn.movement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.io.Csv;
import io.github.neurodyn.linalg.Gramians;
import io.github.neurodyn.linalg.MatrixExponential;
import io.github.neurodyn.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptimalInitialConditionsTest {

    private static final double TAU = 0.15;
    private static final int TOP = 10;
    /** Round-off bound for orthonormality and eigen-residuals relative to the largest energy. */
    private static final double ROUND_OFF = 1e-10;
    /** Relative agreement of the simulated energy (Simpson rule, 0.5 ms, 10 s) with x0^T Q x0. */
    private static final double SIMULATED_ENERGY_TOLERANCE = 1e-7;
    private static final double SIMULATION_STEP = 5e-4;
    /** Long enough for the slowest energy decay of the published network to fall below 1e-10. */
    private static final double SIMULATION_HORIZON = 10.0;

    private DMatrixRMaj a;
    private DMatrixRMaj readout;
    private InitialConditions conditions;

    @BeforeAll
    void loadPublishedNetwork() throws IOException {
        Path folder = SharedData.require("data/why-prep-2-network");
        DMatrixRMaj w = Csv.readMatrix(folder.resolve("w_rec.csv"), false);
        readout = Csv.readMatrix(folder.resolve("c_relu.csv"), false);
        int n = w.numRows;
        a = w.copy();
        for (int i = 0; i < n; i++) {
            a.add(i, i, -1.0);
        }
        CommonOps_DDRM.scale(1.0 / TAU, a);
        conditions = OptimalInitialConditions.of(a, readout, TOP, TAU);
    }

    @Test
    void publishedDirectionsAreOrthonormal() {
        DMatrixRMaj v = conditions.directions();
        DMatrixRMaj gram = new DMatrixRMaj(TOP, TOP);
        CommonOps_DDRM.multTransA(v, v, gram);
        for (int i = 0; i < TOP; i++) {
            for (int j = 0; j < TOP; j++) {
                assertEquals(i == j ? 1.0 : 0.0, gram.get(i, j), ROUND_OFF, "V^T V at (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void publishedEnergiesAreEigenvaluesOfGramian() {
        DMatrixRMaj q = Gramians.observability(a, readout);
        double[] energies = conditions.energies();
        for (int k = 0; k < TOP; k++) {
            double[] x0 = conditions.direction(k);
            DMatrixRMaj x = new DMatrixRMaj(x0.length, 1, true, x0);
            DMatrixRMaj qx = new DMatrixRMaj(x0.length, 1);
            CommonOps_DDRM.mult(q, x, qx);
            CommonOps_DDRM.addEquals(qx, -energies[k], x);
            assertEquals(0.0, NormOps_DDRM.normF(qx) / energies[0], ROUND_OFF, "||Q v - lambda v|| of direction " + k);
            if (k > 0) {
                assertTrue(energies[k] <= energies[k - 1], "energies descend at rank " + k);
            }
        }
    }

    @Test
    void publishedEnergiesMatchHipparchus() {
        DMatrixRMaj q = Gramians.observability(a, readout);
        double[][] rows = new double[q.numRows][q.numCols];
        for (int i = 0; i < q.numRows; i++) {
            for (int j = 0; j < q.numCols; j++) {
                rows[i][j] = 0.5 * (q.get(i, j) + q.get(j, i));
            }
        }
        double[] expected = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(rows)).getEigenvalues();
        Arrays.sort(expected);
        double[] energies = conditions.energies();
        for (int k = 0; k < TOP; k++) {
            assertEquals(expected[expected.length - 1 - k], energies[k], ROUND_OFF * energies[0],
                    "energy of rank " + k);
        }
    }

    @Test
    void publishedEnergyMatchesSimulation() {
        double[] energies = conditions.energies();
        for (int k : new int[] {0, TOP - 1}) {
            double simulated = simulatedEnergy(a, readout, conditions.direction(k));
            assertEquals(energies[k], simulated, SIMULATED_ENERGY_TOLERANCE * energies[k],
                    "evoked energy of direction " + k);
        }
    }

    @Test
    void publishedAmplificationIsEnergyOverHalfTau() {
        assertEquals(TAU / 2, conditions.referenceEnergy(), 0.0, "reference energy");
        assertEquals(conditions.energies()[0] / (TAU / 2), conditions.amplification()[0], ROUND_OFF,
                "top amplification");
    }

    @Test
    void finiteHorizonEnergyMatchesSimulation() {
        double horizon = 0.3;
        InitialConditions finite = OptimalInitialConditions.of(a, readout, 2, TAU, horizon);
        double simulated = simulatedEnergy(a, readout, finite.direction(0), horizon);
        assertEquals(finite.energies()[0], simulated, SIMULATED_ENERGY_TOLERANCE * finite.energies()[0],
                "finite-horizon energy");
        assertTrue(finite.energies()[0] < conditions.energies()[0], "finite horizon evokes less energy");
    }

    @Test
    void uncoupledUnitsHaveUnitAmplification() {
        int n = 6;
        DMatrixRMaj leaky = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.scale(-1.0 / TAU, leaky);
        InitialConditions infinite = OptimalInitialConditions.of(leaky, null, n, TAU);
        InitialConditions finite = OptimalInitialConditions.of(leaky, null, n, TAU, 0.1);
        for (int k = 0; k < n; k++) {
            assertEquals(1.0, infinite.amplification()[k], ROUND_OFF, "infinite-horizon amplification " + k);
            assertEquals(1.0, finite.amplification()[k], ROUND_OFF, "finite-horizon amplification " + k);
        }
    }

    @Test
    void badInputIsRejected() {
        DMatrixRMaj stable = CommonOps_DDRM.identity(3);
        CommonOps_DDRM.scale(-1, stable);
        DMatrixRMaj unstable = CommonOps_DDRM.identity(3);
        DMatrixRMaj nan = stable.copy();
        nan.set(1, 1, Double.NaN);
        List<Executable> cases = List.of(
                () -> OptimalInitialConditions.of(null, null, 1, TAU),
                () -> OptimalInitialConditions.of(new DMatrixRMaj(3, 2), null, 1, TAU),
                () -> OptimalInitialConditions.of(stable, new DMatrixRMaj(2, 4), 1, TAU),
                () -> OptimalInitialConditions.of(stable, null, 4, TAU),
                () -> OptimalInitialConditions.of(stable, null, 0, TAU),
                () -> OptimalInitialConditions.of(stable, null, 1, 0.0),
                () -> OptimalInitialConditions.of(nan, null, 1, TAU),
                () -> OptimalInitialConditions.of(unstable, null, 1, TAU),
                () -> OptimalInitialConditions.of(stable, null, 1, TAU, 0.0),
                () -> OptimalInitialConditions.of(stable, null, 1, TAU, Double.NaN));
        for (int i = 0; i < cases.size(); i++) {
            assertThrows(IllegalArgumentException.class, cases.get(i), "bad-input case " + i);
        }
    }

    private static double simulatedEnergy(DMatrixRMaj a, DMatrixRMaj c, double[] x0) {
        return simulatedEnergy(a, c, x0, SIMULATION_HORIZON);
    }

    /** Integrates ||C x(t)||^2 by the Simpson rule along exact propagation x(t + h) = e^{A h} x(t). */
    private static double simulatedEnergy(DMatrixRMaj a, DMatrixRMaj c, double[] x0, double horizon) {
        int steps = (int) Math.round(horizon / SIMULATION_STEP);
        if (steps % 2 == 1) {
            steps++;
        }
        double h = horizon / steps;
        DMatrixRMaj propagator = MatrixExponential.of(a, h);
        DMatrixRMaj x = new DMatrixRMaj(x0.length, 1, true, x0);
        DMatrixRMaj next = new DMatrixRMaj(x0.length, 1);
        DMatrixRMaj y = new DMatrixRMaj(c.numRows, 1);
        double sum = 0;
        for (int s = 0; s <= steps; s++) {
            CommonOps_DDRM.mult(c, x, y);
            double power = CommonOps_DDRM.dot(y, y);
            double weight = s == 0 || s == steps ? 1 : (s % 2 == 1 ? 4 : 2);
            sum += weight * power;
            CommonOps_DDRM.mult(propagator, x, next);
            DMatrixRMaj swap = x;
            x = next;
            next = swap;
        }
        return sum * h / 3;
    }
}
