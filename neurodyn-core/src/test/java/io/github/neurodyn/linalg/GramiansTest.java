package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gramians: scalar closed forms, the finite-horizon methods against each other and against
 * their infinite-horizon limit, and the published E/I networks of Schimel, Kao and Hennequin
 * ({@code A = (W - I) / tau}, tau = 0.15 s, torque readout C).
 */
class GramiansTest {

    private static final double EPS = Math.ulp(1.0);

    /** Time constant of the published networks, in seconds. */
    private static final double TAU_SECONDS = 0.15;

    /** Relative residual bound per unit of n, in multiples of eps. */
    private static final double RESIDUAL_PER_SIZE = 20 * EPS;

    /** Agreement of two finite-horizon methods, relative. */
    private static final double METHOD_AGREEMENT = 1e-9;

    @Test
    void scalarClosedForms() {
        double lambda = 4.0;
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-lambda}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{3.0}});
        double horizon = 0.2;

        double infinite = Gramians.controllability(a, b).get(0, 0);
        double finite = Gramians.controllability(a, b, horizon).get(0, 0);
        double observed = Gramians.observability(a, b, horizon).get(0, 0);

        assertEquals(9.0 / (2 * lambda), infinite, 8 * EPS);
        double expected = 9.0 * (1 - Math.exp(-2 * lambda * horizon)) / (2 * lambda);
        assertEquals(expected, finite, 1e-14);
        assertEquals(expected, observed, 1e-14);
    }

    @Test
    void unstableScalarFiniteHorizon() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1.0}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1.0}});

        double finite = Gramians.controllability(a, b, 1.5).get(0, 0);

        double expected = (Math.exp(3.0) - 1) / 2;
        assertEquals(expected, finite, 1e-13 * expected);
    }

    @Test
    void infiniteHorizonRejectsUnstable() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-1.0, 4.0}, {0.0, 0.5}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1.0}, {1.0}});

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Gramians.controllability(a, b));
        assertTrue(error.getMessage().contains("0.500000"), error.getMessage());
    }

    @Test
    void vanLoanMatchesLyapunovDifferenceForUnstableA() {
        // A unstable but with lambda_i + lambda_j != 0, so P - e^{AT} P e^{A^T T} is valid too.
        Random rng = new Random(31);
        int n = 6;
        DMatrixRMaj a = QuasiTriangularMatrices.gaussian(n, n, rng);
        for (int i = 0; i < n; i++) {
            a.add(i, i, 0.3);
        }
        DMatrixRMaj b = QuasiTriangularMatrices.gaussian(n, 2, rng);
        double horizon = 0.7;

        DMatrixRMaj vanLoan = Gramians.controllability(a, b, horizon);

        DMatrixRMaj bbt = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(b, b, bbt);
        DMatrixRMaj infinite = Lyapunov.solve(a, bbt).x();
        DMatrixRMaj difference = infinite.copy();
        CommonOps_DDRM.subtractEquals(difference,
                EquationResiduals.sandwich(MatrixExponential.of(a, horizon), infinite));
        assertTrue(LyapunovTest.relativeDistance(vanLoan, difference) <= METHOD_AGREEMENT,
                "distance " + LyapunovTest.relativeDistance(vanLoan, difference));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"w_rec_50.csv,c_soc_50.csv", "w_rec.csv,c_relu.csv"})
    void publishedNetworkGramians(String weights, String readout) throws IOException {
        Path folder = SharedData.require("data/why-prep-2-network");
        DMatrixRMaj w = readCsv(folder.resolve(weights));
        DMatrixRMaj c = readCsv(folder.resolve(readout));
        int n = w.numRows;
        DMatrixRMaj a = w.copy();
        for (int i = 0; i < n; i++) {
            a.add(i, i, -1.0);
        }
        CommonOps_DDRM.scale(1.0 / TAU_SECONDS, a);

        DMatrixRMaj observability = Gramians.observability(a, c);
        DMatrixRMaj controllability = Gramians.controllability(a, CommonOps_DDRM.identity(n));

        DMatrixRMaj ctc = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(c, c, ctc);
        double observabilityResidual = EquationResiduals.continuous(a, null, observability, ctc, true);
        assertTrue(observabilityResidual <= RESIDUAL_PER_SIZE * n, "observability residual " + observabilityResidual);
        double controllabilityResidual = EquationResiduals.continuous(a, null, controllability,
                CommonOps_DDRM.identity(n), false);
        assertTrue(controllabilityResidual <= RESIDUAL_PER_SIZE * n,
                "controllability residual " + controllabilityResidual);
        assertTrue(smallestEigenvalue(observability) >= -1e-12 * NormOps_DDRM.normF(observability),
                "Q must be positive semidefinite");

        // The slowest mode decays within a few seconds, so Q(20 s) equals Q to rounding.
        DMatrixRMaj longHorizon = Gramians.observability(a, c, 20.0);
        assertTrue(LyapunovTest.relativeDistance(longHorizon, observability) <= METHOD_AGREEMENT,
                "distance to the infinite-horizon limit " + LyapunovTest.relativeDistance(longHorizon, observability));
        DMatrixRMaj shortHorizon = Gramians.observability(a, c, 0.05);
        assertTrue(CommonOps_DDRM.trace(shortHorizon) < CommonOps_DDRM.trace(observability),
                "a shorter horizon must collect less energy");
    }

    private static double smallestEigenvalue(DMatrixRMaj symmetric) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(symmetric.numRows, false, true);
        assertTrue(eig.decompose(symmetric.copy()), "eigen decomposition failed");
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < symmetric.numRows; i++) {
            smallest = Math.min(smallest, eig.getEigenvalue(i).real);
        }
        return smallest;
    }

    static DMatrixRMaj readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        int cols = lines.get(0).split(",").length;
        DMatrixRMaj m = new DMatrixRMaj(lines.size(), cols);
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",");
            assertEquals(cols, fields.length, file + " row " + i);
            for (int j = 0; j < cols; j++) {
                m.set(i, j, Double.parseDouble(fields[j].trim()));
            }
        }
        return m;
    }
}
