package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed inputs to every entry point, each raising IllegalArgumentException naming the argument. */
class MatrixEquationBadInputTest {

    private static final DMatrixRMaj A = new DMatrixRMaj(new double[][] {{-1, 2}, {0, -3}});
    private static final DMatrixRMaj Q = CommonOps_DDRM.identity(2);
    private static final DMatrixRMaj RECTANGULAR = new DMatrixRMaj(2, 3);
    private static final DMatrixRMaj THREE = CommonOps_DDRM.identity(3);
    private static final DMatrixRMaj WITH_NAN = new DMatrixRMaj(new double[][] {{-1, Double.NaN}, {0, -3}});
    private static final DMatrixRMaj WITH_INFINITY =
            new DMatrixRMaj(new double[][] {{1, 0}, {0, Double.POSITIVE_INFINITY}});
    private static final DMatrixRMaj ASYMMETRIC = new DMatrixRMaj(new double[][] {{1, 0.5}, {0.4, 1}});
    private static final DMatrixRMaj B = new DMatrixRMaj(new double[][] {{1}, {1}});

    static Stream<Arguments> cases() {
        SchurForm schur = RealSchur.of(A);
        return Stream.of(
                bad("null A", "A", () -> Lyapunov.solve(null, Q)),
                bad("null Q", "Q", () -> Lyapunov.solve(A, null)),
                bad("rectangular A", "A", () -> Lyapunov.solve(RECTANGULAR, Q)),
                bad("Q of other order", "Q", () -> Lyapunov.solve(A, THREE)),
                bad("NaN in A", "A", () -> Lyapunov.solveTransposed(WITH_NAN, Q)),
                bad("infinity in Q", "Q", () -> Lyapunov.solve(A, WITH_INFINITY)),
                bad("asymmetric Q", "Q", () -> Lyapunov.solve(A, ASYMMETRIC)),
                bad("asymmetric Q transposed", "Q", () -> Lyapunov.solveTransposed(A, ASYMMETRIC)),
                bad("null E", "E", () -> Lyapunov.solve(A, null, Q)),
                bad("E of other order", "E", () -> Lyapunov.solve(A, THREE, Q)),
                bad("NaN in E", "E", () -> DiscreteLyapunov.solve(A, WITH_NAN, Q)),
                bad("null Schur form", "schurOfA", () -> Lyapunov.solveShifted(null, 0.0, Q, false)),
                bad("NaN shift", "shift", () -> Lyapunov.solveShifted(schur, Double.NaN, Q, false)),
                bad("shifted Q of other order", "Q", () -> Lyapunov.solveShiftedInSchurBasis(schur, 0.0, THREE, true)),
                bad("asymmetric Q without residual", "Q",
                        () -> Lyapunov.solveShiftedInSchurBasisWithoutResidual(schur, 0.0, ASYMMETRIC, false)),
                bad("shifted asymmetric Q", "Q", () -> Lyapunov.solveShifted(schur, 0.0, ASYMMETRIC, true)),
                bad("discrete asymmetric Q", "Q", () -> DiscreteLyapunov.solve(A, ASYMMETRIC)),
                bad("discrete rectangular A", "A", () -> DiscreteLyapunov.solve(RECTANGULAR, Q)),
                bad("Sylvester null C", "C", () -> Sylvester.solve(A, A, null)),
                bad("Sylvester rectangular B", "B", () -> Sylvester.solve(A, RECTANGULAR, Q)),
                bad("Sylvester C of wrong shape", "C", () -> Sylvester.solve(A, THREE, Q)),
                bad("Sylvester infinity in C", "C", () -> Sylvester.solve(A, A, WITH_INFINITY)),
                bad("Gramian B with wrong rows", "B", () -> Gramians.controllability(A, THREE)),
                bad("Gramian C with wrong columns", "C", () -> Gramians.observability(A, RECTANGULAR)),
                bad("Gramian null B", "B", () -> Gramians.controllability(A, null, 1.0)),
                bad("negative horizon", "horizonSeconds", () -> Gramians.controllability(A, B, -1.0)),
                bad("infinite horizon value", "horizonSeconds",
                        () -> Gramians.observability(A, CommonOps_DDRM.transpose(B, null), Double.POSITIVE_INFINITY)));
    }

    private static Arguments bad(String label, String argument, Executable call) {
        return Arguments.of(label, argument, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsBadInput(String label, String argument, Executable call) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call);
        assertTrue(error.getMessage().startsWith(argument + " "), "message must name " + argument + ": "
                + error.getMessage());
    }
}
