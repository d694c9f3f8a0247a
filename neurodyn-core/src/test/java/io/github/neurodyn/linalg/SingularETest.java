package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generalised equations with an exactly singular E raise the singular-E error. */
class SingularETest {

    private static final DMatrixRMaj A = new DMatrixRMaj(new double[][] {{-1, 0.5}, {0, -2}});
    private static final DMatrixRMaj Q = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});

    private static DMatrixRMaj singularE(int variant) {
        return switch (variant) {
            case 0 -> new DMatrixRMaj(new double[][] {{1, 0}, {0, 0}});
            case 1 -> new DMatrixRMaj(2, 2);
            default -> new DMatrixRMaj(new double[][] {{1, 1}, {1, 1}});
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void continuousRejectsSingularE(int variant) {
        assertThrows(SingularEquationException.class, () -> Lyapunov.solve(A, singularE(variant), Q));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void discreteRejectsSingularE(int variant) {
        assertThrows(SingularEquationException.class, () -> DiscreteLyapunov.solve(A, singularE(variant), Q));
    }
}
