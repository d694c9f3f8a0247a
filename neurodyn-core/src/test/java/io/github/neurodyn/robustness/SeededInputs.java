package io.github.neurodyn.robustness;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Seeded Gaussian inputs shared by the robustness tests. */
final class SeededInputs {

    private SeededInputs() {
    }

    /** Returns a rows x cols matrix of standard normal entries drawn from {@code new Random(seed)}. */
    static DMatrixRMaj gaussian(int rows, int cols, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = random.nextGaussian();
        }
        return m;
    }
}
