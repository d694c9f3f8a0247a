package io.github.neurodyn.movement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class ReadoutProjectionTest {

    private static final double ROUND_OFF = 1e-12;

    @Test
    void projectorIsSymmetricIdempotentAndAnnihilates() {
        Random random = new Random(3);
        int n = 12;
        double[] first = random.doubles(n).toArray();
        double[] second = random.doubles(n).toArray();
        double[] dependent = new double[n];
        for (int i = 0; i < n; i++) {
            dependent[i] = 2 * first[i] - second[i];
        }
        List<double[]> vectors = List.of(first, second, dependent);
        DMatrixRMaj p = ReadoutProjection.complementProjector(vectors, n, 1e-10);

        DMatrixRMaj squared = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(p, p, squared);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(p.get(j, i), p.get(i, j), ROUND_OFF, "symmetry at (" + i + ", " + j + ")");
                assertEquals(p.get(i, j), squared.get(i, j), ROUND_OFF, "P^2 = P at (" + i + ", " + j + ")");
            }
        }
        assertEquals(n - 2.0, CommonOps_DDRM.trace(p), ROUND_OFF, "rank of P is n minus the span dimension");
        for (int v = 0; v < vectors.size(); v++) {
            DMatrixRMaj x = new DMatrixRMaj(n, 1, true, vectors.get(v));
            DMatrixRMaj px = new DMatrixRMaj(n, 1);
            CommonOps_DDRM.mult(p, x, px);
            assertEquals(0.0, CommonOps_DDRM.elementMaxAbs(px), ROUND_OFF, "P v for vector " + v);
        }
    }
}
