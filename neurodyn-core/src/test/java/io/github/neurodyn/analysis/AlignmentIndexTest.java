package io.github.neurodyn.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class AlignmentIndexTest {

    private static final double ROUND_OFF = 1e-12;
    private static final int NEURONS = 12;

    /** Activity confined to the given columns of a random orthonormal basis, with decreasing spread. */
    private static DMatrixRMaj activityIn(DMatrixRMaj basis, int from, int to, int samples, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj latent = SyntheticRecordings.gaussian(samples, to - from, random);
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < to - from; j++) {
                latent.set(i, j, latent.get(i, j) * (to - from - j));
            }
        }
        DMatrixRMaj directions = CommonOps_DDRM.extract(basis, 0, basis.numRows, from, to);
        DMatrixRMaj activity = new DMatrixRMaj(samples, basis.numRows);
        CommonOps_DDRM.multTransB(latent, directions, activity);
        return activity;
    }

    @Test
    void identicalActivityIsFullyAligned() {
        DMatrixRMaj basis = SyntheticRecordings.orthonormalColumns(NEURONS, NEURONS, new Random(1));
        DMatrixRMaj activity = activityIn(basis, 0, 4, 100, 2);
        assertEquals(1.0, AlignmentIndex.of(activity, activity, 3), ROUND_OFF);
    }

    @Test
    void sameSubspaceIsFullyAligned() {
        DMatrixRMaj basis = SyntheticRecordings.orthonormalColumns(NEURONS, NEURONS, new Random(1));
        DMatrixRMaj a = activityIn(basis, 0, 3, 100, 2);
        DMatrixRMaj b = activityIn(basis, 0, 3, 80, 3);
        assertEquals(1.0, AlignmentIndex.of(a, b, 3), 1e-10);
    }

    @Test
    void orthogonalActivityIsNotAligned() {
        DMatrixRMaj basis = SyntheticRecordings.orthonormalColumns(NEURONS, NEURONS, new Random(1));
        DMatrixRMaj a = activityIn(basis, 0, 3, 100, 2);
        DMatrixRMaj b = activityIn(basis, 3, 6, 100, 3);
        assertEquals(0.0, AlignmentIndex.of(a, b, 3), 1e-10);
    }

    @Test
    void indexOfKnownSubspaceMatchesDefinition() {
        DMatrixRMaj covariance = CommonOps_DDRM.diag(4, 3, 2, 1);
        DMatrixRMaj basis = new DMatrixRMaj(4, 1);
        basis.set(0, 0, Math.sqrt(0.5));
        basis.set(3, 0, Math.sqrt(0.5));
        assertEquals((4 * 0.5 + 1 * 0.5) / 4, AlignmentIndex.ofSubspace(basis, covariance), ROUND_OFF);
    }

    @Test
    void nullIsSeededAndBelowAlignedIndex() {
        DMatrixRMaj basis = SyntheticRecordings.orthonormalColumns(NEURONS, NEURONS, new Random(1));
        DMatrixRMaj a = activityIn(basis, 0, 3, 100, 2);
        DMatrixRMaj b = activityIn(basis, 2, 6, 100, 3);
        AlignmentNull first = AlignmentIndex.randomNull(a, b, 3, 500, new SplittableRandom(7));
        AlignmentNull second = AlignmentIndex.randomNull(a, b, 3, 500, new SplittableRandom(7));
        assertArrayEquals(first.samples(), second.samples());
        assertEquals(500, first.draws());
        for (double sample : first.samples()) {
            assertTrue(sample >= -ROUND_OFF, "null sample " + sample);
            assertTrue(sample <= 1 + ROUND_OFF, "null sample " + sample);
        }
        assertTrue(first.quantile(0) <= first.mean(), "mean above the minimum");
        assertTrue(first.mean() <= first.quantile(1), "mean below the maximum");
        assertEquals(0.0, first.fractionAtLeast(1.0 + 1e-9));
        assertEquals(1.0, first.fractionAtLeast(first.quantile(0)));
        double aligned = AlignmentIndex.of(b, b, 3);
        assertTrue(first.fractionAtLeast(aligned) < 0.05, "aligned index lies in the upper tail of the null");
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj a = SyntheticRecordings.gaussian(10, 4, new Random(1));
        assertThrows(IllegalArgumentException.class, () -> AlignmentIndex.of(a, new DMatrixRMaj(10, 3), 2));
        assertThrows(IllegalArgumentException.class, () -> AlignmentIndex.of(a, a, 5));
        assertThrows(IllegalArgumentException.class, () -> AlignmentIndex.of(a, new DMatrixRMaj(10, 4), 2));
        assertThrows(IllegalArgumentException.class,
                () -> AlignmentIndex.ofSubspace(new DMatrixRMaj(4, 1), CommonOps_DDRM.identity(4)));
        assertThrows(IllegalArgumentException.class,
                () -> AlignmentIndex.randomNull(a, a, 2, 0, new SplittableRandom(1)));
    }
}
