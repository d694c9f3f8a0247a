package io.github.neurodyn.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Builder validation, defensive copies and the linearisation of {@link RateNetwork}. */
class RateNetworkTest {

    private static DMatrixRMaj randomMatrix(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        for (int k = 0; k < n * n; k++) {
            w.data[k] = random.nextGaussian();
        }
        return w;
    }

    @Test
    void defaultsApply() {
        RateNetwork network = RateNetwork.builder().weights(new DMatrixRMaj(2, 2)).build();
        assertArrayEquals(new double[] {0.15, 0.15}, network.timeConstants(), 0.0);
        assertArrayEquals(new double[] {0, 0}, network.bias(), 0.0);
        assertEquals("relu", network.nonlinearity().name());
    }

    @Test
    void accessorsReturnCopies() {
        DMatrixRMaj w = randomMatrix(3, 1);
        RateNetwork network = RateNetwork.builder().weights(w).build();
        w.set(0, 0, 99);
        network.weights().set(0, 1, 99);
        assertTrue(network.weights().get(0, 0) != 99, "builder input must be copied");
        assertTrue(network.weights().get(0, 1) != 99, "accessor output must be a copy");
    }

    /** The linearisation equals the Jacobian of f(x) = D^-1 (-x + W phi(x) + h) by central differences. */
    @Test
    void linearisationMatchesDifferenceQuotient() {
        int n = 5;
        DMatrixRMaj w = randomMatrix(n, 2);
        double[] tau = {0.1, 0.2, 0.15, 0.3, 0.05};
        RateNetwork network = RateNetwork.builder().weights(w).timeConstants(tau)
                .nonlinearity(Nonlinearity.tanh()).build();
        double[] xStar = {0.3, -0.2, 1.1, 0.0, -0.7};
        DMatrixRMaj a = network.linearisation(xStar);
        double step = 1e-6;
        for (int j = 0; j < n; j++) {
            double[] plus = xStar.clone();
            double[] minus = xStar.clone();
            plus[j] += step;
            minus[j] -= step;
            for (int i = 0; i < n; i++) {
                double quotient = (drift(w, tau, plus, i) - drift(w, tau, minus, i)) / (2 * step);
                assertEquals(quotient, a.get(i, j), 1e-6 * Math.max(1, Math.abs(quotient)), "A(" + i + ", " + j + ")");
            }
        }
    }

    private static double drift(DMatrixRMaj w, double[] tau, double[] x, int i) {
        double sum = -x[i];
        for (int j = 0; j < x.length; j++) {
            sum += w.get(i, j) * Math.tanh(x[j]);
        }
        return sum / tau[i];
    }

    @Test
    void malformedNetworksRaise() {
        assertThrows(IllegalArgumentException.class, () -> RateNetwork.builder().build());
        assertThrows(IllegalArgumentException.class, () -> RateNetwork.builder().weights(new DMatrixRMaj(2, 3)).build());
        assertThrows(IllegalArgumentException.class, () -> RateNetwork.builder().weights(new DMatrixRMaj(0, 0)).build());
        DMatrixRMaj nan = new DMatrixRMaj(2, 2);
        nan.set(1, 0, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> RateNetwork.builder().weights(nan).build());
        DMatrixRMaj ok = new DMatrixRMaj(2, 2);
        assertThrows(IllegalArgumentException.class, () -> RateNetwork.builder().weights(ok).timeConstant(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> RateNetwork.builder().weights(ok).timeConstants(new double[] {0.1, -0.1}).build());
        assertThrows(IllegalArgumentException.class,
                () -> RateNetwork.builder().weights(ok).timeConstants(new double[] {0.1}).build());
        assertThrows(IllegalArgumentException.class, () -> RateNetwork.builder().weights(ok).bias(new double[3]).build());
        assertThrows(IllegalArgumentException.class, () -> RateNetwork.builder().weights(ok).nonlinearity(null).build());
        assertThrows(IllegalArgumentException.class,
                () -> RateNetwork.builder().weights(ok).build().linearisation(new double[3]));
    }

    @Test
    void malformedNetworkMessageNamesArgument() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RateNetwork.builder().weights(new DMatrixRMaj(2, 2)).timeConstant(-0.1).build());
        assertTrue(error.getMessage().contains("timeConstant"), error.getMessage());
        assertTrue(error.getMessage().contains("-0.1"), error.getMessage());
    }
}
