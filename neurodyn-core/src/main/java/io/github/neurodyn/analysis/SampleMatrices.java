package io.github.neurodyn.analysis;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Operations on sample matrices (one sample per row, one variable per column) shared by the
 * analyses of this package.
 */
final class SampleMatrices {

    private SampleMatrices() {
    }

    /** Returns the column means of {@code samples}. */
    static double[] columnMeans(DMatrixRMaj samples) {
        int n = samples.numRows;
        int p = samples.numCols;
        double[] mean = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                mean[j] += samples.data[i * p + j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        return mean;
    }

    /** Returns a copy of {@code samples} with {@code mean} subtracted from every row. */
    static DMatrixRMaj subtractRow(DMatrixRMaj samples, double[] mean) {
        int p = samples.numCols;
        DMatrixRMaj centred = samples.copy();
        for (int i = 0; i < samples.numRows; i++) {
            for (int j = 0; j < p; j++) {
                centred.data[i * p + j] -= mean[j];
            }
        }
        return centred;
    }

    /** Returns the sample covariance {@code (X - mean)^T (X - mean) / (n - 1)}, symmetrised. */
    static DMatrixRMaj covariance(DMatrixRMaj samples) {
        DMatrixRMaj centred = subtractRow(samples, columnMeans(samples));
        DMatrixRMaj c = new DMatrixRMaj(samples.numCols, samples.numCols);
        CommonOps_DDRM.multTransA(centred, centred, c);
        CommonOps_DDRM.scale(1.0 / (samples.numRows - 1), c);
        symmetrise(c);
        return c;
    }

    /** Replaces a square matrix by {@code (S + S^T) / 2} in place. */
    static void symmetrise(DMatrixRMaj s) {
        int n = s.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (s.get(i, j) + s.get(j, i));
                s.set(i, j, mean);
                s.set(j, i, mean);
            }
        }
    }

    /** Returns the sum of squares of all entries. */
    static double sumOfSquares(DMatrixRMaj m) {
        double sum = 0;
        for (int k = 0; k < m.getNumElements(); k++) {
            sum += m.data[k] * m.data[k];
        }
        return sum;
    }

    /**
     * Computes the eigenvalues and eigenvectors of a symmetric matrix, sorted by decreasing
     * eigenvalue.
     *
     * @param symmetric the matrix; not modified
     * @param values receives the eigenvalues, length n
     * @return the eigenvectors as the columns of an n x n matrix, in the order of {@code values}
     */
    static DMatrixRMaj symmetricEigen(DMatrixRMaj symmetric, double[] values) {
        int n = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new IllegalStateException("EJML symmetric eigendecomposition failed on a finite "
                    + n + "x" + n + " matrix");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        DMatrixRMaj vectors = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            values[k] = eig.getEigenvalue(order[k]).real;
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            for (int i = 0; i < n; i++) {
                vectors.set(i, k, v.get(i));
            }
        }
        return vectors;
    }

    /**
     * Flips the sign of each column so that its entry of largest magnitude is positive (the
     * first such entry on ties), the convention of MATLAB's {@code pca}.
     */
    static void fixColumnSigns(DMatrixRMaj vectors) {
        for (int j = 0; j < vectors.numCols; j++) {
            int largest = 0;
            for (int i = 1; i < vectors.numRows; i++) {
                if (Math.abs(vectors.get(i, j)) > Math.abs(vectors.get(largest, j))) {
                    largest = i;
                }
            }
            if (vectors.get(largest, j) < 0) {
                for (int i = 0; i < vectors.numRows; i++) {
                    vectors.set(i, j, -vectors.get(i, j));
                }
            }
        }
    }
}
