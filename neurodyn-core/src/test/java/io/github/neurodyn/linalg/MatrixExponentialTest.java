package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.NeurodynException;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MatrixExponentialTest {

    /** Relative accuracy expected for well-conditioned exponentials. */
    private static final double TOLERANCE = 1e-13;

    @Test
    void diagonalExponentiatesEntries() {
        double[] values = {-3, 0, 0.5, 2, 10};
        DMatrixRMaj a = CommonOps_DDRM.diag(values);
        DMatrixRMaj result = MatrixExponential.of(a);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Math.exp(values[i]), result.get(i, i), TOLERANCE * Math.exp(values[i]), "entry " + i);
        }
        assertEquals(0.0, NormOps_DDRM.normF(offDiagonal(result)), 0.0);
    }

    @Test
    void nilpotentGivesFiniteSeries() {
        // N strictly upper triangular of order 4: exp(N) = I + N + N^2/2 + N^3/6.
        DMatrixRMaj nilpotent = new DMatrixRMaj(4, 4);
        for (int i = 0; i < 3; i++) {
            nilpotent.set(i, i + 1, 2.0);
        }
        DMatrixRMaj expected = CommonOps_DDRM.identity(4);
        DMatrixRMaj power = CommonOps_DDRM.identity(4);
        double factorial = 1;
        for (int k = 1; k < 4; k++) {
            power = multiply(power, nilpotent);
            factorial *= k;
            CommonOps_DDRM.addEquals(expected, 1 / factorial, power);
        }
        assertMatrixClose(expected, MatrixExponential.of(nilpotent), TOLERANCE);
    }

    @ParameterizedTest(name = "omega t = {0}")
    @ValueSource(doubles = {0.001, 0.3, 1, 3, 50, 1000})
    void rotationGeneratorGivesRotation(double angle) {
        DMatrixRMaj generator = new DMatrixRMaj(new double[][] {{0, -2}, {2, 0}});
        double t = angle / 2;
        DMatrixRMaj expected = new DMatrixRMaj(new double[][] {
                {Math.cos(angle), -Math.sin(angle)}, {Math.sin(angle), Math.cos(angle)}});
        // Squaring s times amplifies rounding by about 2^s, which grows with the angle.
        double tolerance = TOLERANCE * Math.max(1, angle);
        assertMatrixClose(expected, MatrixExponential.of(generator, t), tolerance);
    }

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(doubles = {1e-6, 0.01, 0.2, 0.9, 2, 5, 30})
    void inverseIsExpOfMinusA(double scale) {
        DMatrixRMaj a = Matrices.gaussian(12, 17);
        CommonOps_DDRM.scale(scale / Math.sqrt(12), a);
        DMatrixRMaj forward = MatrixExponential.of(a);
        DMatrixRMaj backward = MatrixExponential.of(a, -1);
        DMatrixRMaj product = multiply(forward, backward);
        double conditioning = NormOps_DDRM.normF(forward) * NormOps_DDRM.normF(backward);
        assertMatrixClose(CommonOps_DDRM.identity(12), product, 1e-13 * conditioning);
    }

    @ParameterizedTest(name = "norm {0}")
    @ValueSource(doubles = {1e-3, 0.1, 0.5, 1})
    void smallNormMatchesTaylorSeries(double norm) {
        DMatrixRMaj a = Matrices.gaussian(8, 23);
        CommonOps_DDRM.scale(norm / NormOps_DDRM.normP1(a), a);
        DMatrixRMaj expected = CommonOps_DDRM.identity(8);
        DMatrixRMaj term = CommonOps_DDRM.identity(8);
        for (int k = 1; k < 40; k++) {
            term = multiply(term, a);
            CommonOps_DDRM.scale(1.0 / k, term);
            CommonOps_DDRM.addEquals(expected, term);
        }
        assertMatrixClose(expected, MatrixExponential.of(a), TOLERANCE);
    }

    @Test
    void schurBasedValueAgrees() {
        // exp(A) = Z exp(T) Z^T for a symmetric A, where T is diagonal.
        DMatrixRMaj a = Matrices.symmetric(10, 31);
        SchurForm form = RealSchur.of(a);
        double[] real = form.eigenvaluesReal();
        DMatrixRMaj expT = new DMatrixRMaj(10, 10);
        for (int i = 0; i < 10; i++) {
            expT.set(i, i, Math.exp(real[i]));
        }
        DMatrixRMaj expected = new DMatrixRMaj(10, 10);
        CommonOps_DDRM.multTransB(multiply(form.z(), expT), form.z(), expected);
        assertMatrixClose(expected, MatrixExponential.of(a), 1e-12);
    }

    static Stream<Arguments> hipparchusCases() {
        return Stream.of(
                Arguments.of("gaussian n=6", Matrices.gaussian(6, 41)),
                Arguments.of("stable n=20", Matrices.stable(20, 42)),
                Arguments.of("nonnormal n=8", scaled(Matrices.nonnormal(8, 43), 0.1)),
                Arguments.of("large norm n=5", scaled(Matrices.stable(5, 44), 20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hipparchusCases")
    void matchesHipparchus(String label, DMatrixRMaj a) {
        int n = a.numRows;
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = a.get(i, j);
            }
        }
        RealMatrix reference = MatrixUtils.matrixExponential(MatrixUtils.createRealMatrix(rows));
        DMatrixRMaj expected = new DMatrixRMaj(reference.getData());
        assertMatrixClose(expected, MatrixExponential.of(a), 1e-11);
    }

    @Test
    void emptyMatrixGivesEmpty() {
        assertEquals(0, MatrixExponential.of(new DMatrixRMaj(0, 0)).getNumElements());
    }

    @Test
    void overflowRaises() {
        DMatrixRMaj a = CommonOps_DDRM.diag(800.0, 1.0);
        NeurodynException error = assertThrows(NeurodynException.class, () -> MatrixExponential.of(a));
        assertTrue(error.getMessage().contains("overflowed"), error.getMessage());
    }

    static Stream<Arguments> badInputs() {
        DMatrixRMaj withNan = new DMatrixRMaj(2, 2);
        withNan.set(0, 0, Double.NaN);
        DMatrixRMaj withInfinity = new DMatrixRMaj(2, 2);
        withInfinity.set(1, 1, Double.NEGATIVE_INFINITY);
        return Stream.of(
                Arguments.of("null", null, 1.0, "a must not be null"),
                Arguments.of("non-square", new DMatrixRMaj(3, 2), 1.0, "a must be square, found 3x2"),
                Arguments.of("NaN entry", withNan, 1.0, "a has the non-finite entry NaN at (0, 0)"),
                Arguments.of("infinite entry", withInfinity, 1.0, "a has the non-finite entry -Infinity at (1, 1)"),
                Arguments.of("NaN time", new DMatrixRMaj(2, 2), Double.NaN, "t"),
                Arguments.of("infinite time", new DMatrixRMaj(2, 2), Double.POSITIVE_INFINITY, "t"),
                Arguments.of("overflowing product", CommonOps_DDRM.diag(1e300, 1), 1e300, "a t has the non-finite"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputRejected(String label, DMatrixRMaj a, double t, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MatrixExponential.of(a, t));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }

    @Test
    void badInputRejectedWithoutTime() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MatrixExponential.of(null));
        assertTrue(error.getMessage().startsWith("a must not be null"), error.getMessage());
    }

    @Test
    void inputIsNotModified() {
        DMatrixRMaj a = Matrices.gaussian(6, 5);
        DMatrixRMaj before = a.copy();
        MatrixExponential.of(a, 3);
        assertArrayEquals(before.data, a.data, 0.0);
    }

    private static DMatrixRMaj scaled(DMatrixRMaj a, double factor) {
        CommonOps_DDRM.scale(factor, a);
        return a;
    }

    private static DMatrixRMaj multiply(DMatrixRMaj left, DMatrixRMaj right) {
        DMatrixRMaj product = new DMatrixRMaj(left.numRows, right.numCols);
        CommonOps_DDRM.mult(left, right, product);
        return product;
    }

    private static DMatrixRMaj offDiagonal(DMatrixRMaj m) {
        DMatrixRMaj copy = m.copy();
        for (int i = 0; i < m.numRows; i++) {
            copy.set(i, i, 0);
        }
        return copy;
    }

    /** Asserts ||actual - expected||_F <= tolerance max(1, ||expected||_F). */
    private static void assertMatrixClose(DMatrixRMaj expected, DMatrixRMaj actual, double tolerance) {
        DMatrixRMaj gap = new DMatrixRMaj(expected.numRows, expected.numCols);
        CommonOps_DDRM.subtract(actual, expected, gap);
        double error = NormOps_DDRM.normF(gap);
        double bound = tolerance * Math.max(1, NormOps_DDRM.normF(expected));
        assertTrue(error <= bound, "||actual - expected||_F = " + error + " exceeds " + bound);
    }
}
