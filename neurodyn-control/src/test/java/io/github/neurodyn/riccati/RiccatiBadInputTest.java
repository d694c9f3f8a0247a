package io.github.neurodyn.riccati;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed Riccati problems, each rejected with a message that names the matrix. */
class RiccatiBadInputTest {

    static final DMatrixRMaj A = new DMatrixRMaj(new double[][] {{0, 1}, {-2, -3}});
    static final DMatrixRMaj B = new DMatrixRMaj(new double[][] {{0}, {1}});
    static final DMatrixRMaj Q = CommonOps_DDRM.identity(2);
    static final DMatrixRMaj R = new DMatrixRMaj(new double[][] {{1}});

    static Stream<Arguments> cases() {
        DMatrixRMaj nan = A.copy();
        nan.set(0, 0, Double.NaN);
        DMatrixRMaj asymmetric = new DMatrixRMaj(new double[][] {{1, 2}, {0, 1}});
        DMatrixRMaj negativeR = new DMatrixRMaj(new double[][] {{-1}});
        DMatrixRMaj zeroR = new DMatrixRMaj(1, 1);
        DMatrixRMaj singularE = new DMatrixRMaj(new double[][] {{1, 2}, {2, 4}});
        return Stream.of(
                Arguments.of("A", "null A", (Supplier<Object>) () -> Riccati.continuous(null, B, Q, R)),
                Arguments.of("A", "non-square A", (Supplier<Object>) () -> Riccati.continuous(new DMatrixRMaj(2, 3), B, Q, R)),
                Arguments.of("A", "NaN in A", (Supplier<Object>) () -> Riccati.continuous(nan, B, Q, R)),
                Arguments.of("B", "B rows", (Supplier<Object>) () -> Riccati.continuous(A, new DMatrixRMaj(3, 1), Q, R)),
                Arguments.of("B", "B without columns", (Supplier<Object>) () -> Riccati.discrete(A, new DMatrixRMaj(2, 0), Q, R)),
                Arguments.of("Q", "Q shape", (Supplier<Object>) () -> Riccati.continuous(A, B, CommonOps_DDRM.identity(3), R)),
                Arguments.of("Q", "asymmetric Q", (Supplier<Object>) () -> Riccati.continuous(A, B, asymmetric, R)),
                Arguments.of("R", "R shape", (Supplier<Object>) () -> Riccati.continuous(A, B, Q, CommonOps_DDRM.identity(2))),
                Arguments.of("R", "negative R", (Supplier<Object>) () -> Riccati.continuous(A, B, Q, negativeR)),
                Arguments.of("R", "singular R, discrete", (Supplier<Object>) () -> Riccati.discrete(A, B, Q, zeroR)),
                Arguments.of("E", "singular E", (Supplier<Object>) () -> Riccati.continuous(A, B, Q, R).withE(singularE)),
                Arguments.of("E", "E shape", (Supplier<Object>) () -> Riccati.discrete(A, B, Q, R).withE(CommonOps_DDRM.identity(3))),
                Arguments.of("S", "S shape", (Supplier<Object>) () -> Riccati.continuous(A, B, Q, R).withCrossTerm(new DMatrixRMaj(2, 2))),
                Arguments.of("X", "X shape", (Supplier<Object>) () -> Riccati.continuous(A, B, Q, R).relativeResidual(new DMatrixRMaj(3, 3))));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void badInputRaises(String matrix, String label, Supplier<Object> call) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call::get);
        assertTrue(ex.getMessage().contains(matrix), () -> "message does not name " + matrix + ": " + ex.getMessage());
    }
}
