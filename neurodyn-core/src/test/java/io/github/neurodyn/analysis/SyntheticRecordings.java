package io.github.neurodyn.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Recordings generated from known linear latent dynamics {@code z(t + 1) = A z(t)}, embedded
 * into neurons by a random orthonormal matrix, with seeded Gaussian noise.
 */
final class SyntheticRecordings {

    private SyntheticRecordings() {
    }

    /**
     * Returns the block-diagonal skew-symmetric matrix with blocks {@code [[0, -w], [w, 0]]}.
     *
     * @param speeds rotation per bin of each plane, radians
     * @return the 2p x 2p matrix
     */
    static DMatrixRMaj rotationGenerator(double... speeds) {
        DMatrixRMaj m = new DMatrixRMaj(2 * speeds.length, 2 * speeds.length);
        for (int j = 0; j < speeds.length; j++) {
            m.set(2 * j, 2 * j + 1, -speeds[j]);
            m.set(2 * j + 1, 2 * j, speeds[j]);
        }
        return m;
    }

    /**
     * Simulates {@code z(t + 1) = transition z(t)} from random initial states, embeds
     * {@code x = E z + noise} and wraps the result as a recording.
     *
     * @param transition k x k one-bin transition matrix
     * @param conditions number of conditions
     * @param bins number of time bins, 10 ms apart starting at 0 ms
     * @param neurons number of neurons N, at least k
     * @param noise standard deviation of the additive noise
     * @param seed random seed
     * @return the recording
     */
    static Recording simulate(DMatrixRMaj transition, int conditions, int bins, int neurons, double noise, long seed) {
        Random random = new Random(seed);
        int k = transition.numRows;
        DMatrixRMaj embedding = orthonormalColumns(neurons, k, random);
        List<String> labels = new ArrayList<>();
        List<DMatrixRMaj> states = new ArrayList<>();
        double[] times = new double[bins];
        for (int t = 0; t < bins; t++) {
            times[t] = 10.0 * t;
        }
        DMatrixRMaj z = new DMatrixRMaj(k, 1);
        DMatrixRMaj next = new DMatrixRMaj(k, 1);
        DMatrixRMaj x = new DMatrixRMaj(neurons, 1);
        for (int c = 0; c < conditions; c++) {
            labels.add("reach" + (c + 1));
            for (int i = 0; i < k; i++) {
                z.set(i, 0, random.nextGaussian());
            }
            DMatrixRMaj trajectory = new DMatrixRMaj(neurons, bins);
            for (int t = 0; t < bins; t++) {
                CommonOps_DDRM.mult(embedding, z, x);
                for (int n = 0; n < neurons; n++) {
                    trajectory.set(n, t, x.get(n, 0) + noise * random.nextGaussian());
                }
                CommonOps_DDRM.mult(transition, z, next);
                z.setTo(next);
            }
            states.add(trajectory);
        }
        return Recording.fromTrajectories(labels, times, states);
    }

    /** Returns an n x k matrix with orthonormal columns from the QR factor of a Gaussian matrix. */
    static DMatrixRMaj orthonormalColumns(int n, int k, Random random) {
        DMatrixRMaj g = new DMatrixRMaj(n, k);
        for (int i = 0; i < g.getNumElements(); i++) {
            g.data[i] = random.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, k);
        qr.decompose(g);
        return qr.getQ(null, true);
    }

    /** Returns an n x p matrix of independent standard normal entries. */
    static DMatrixRMaj gaussian(int n, int p, Random random) {
        DMatrixRMaj g = new DMatrixRMaj(n, p);
        for (int i = 0; i < g.getNumElements(); i++) {
            g.data[i] = random.nextGaussian();
        }
        return g;
    }
}
