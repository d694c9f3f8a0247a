package io.github.neurodyn.movement;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** Goodness-of-fit measures over a set of T x m output matrices. */
final class FitStatistics {

    private FitStatistics() {
    }

    /**
     * Returns {@code 1 - SS_res / SS_tot} over all matrices, rows and columns, with SS_tot
     * taken about the mean of each column over all matrices and rows.
     */
    static double r2(List<DMatrixRMaj> fitted, List<DMatrixRMaj> targets) {
        int outputs = targets.get(0).numCols;
        double[] mean = new double[outputs];
        long rows = 0;
        for (DMatrixRMaj target : targets) {
            for (int e = 0; e < target.data.length; e++) {
                mean[e % outputs] += target.data[e];
            }
            rows += target.numRows;
        }
        for (int o = 0; o < outputs; o++) {
            mean[o] /= rows;
        }
        double residual = 0;
        double total = 0;
        for (int i = 0; i < targets.size(); i++) {
            double[] y = fitted.get(i).data;
            double[] target = targets.get(i).data;
            for (int e = 0; e < target.length; e++) {
                double error = y[e] - target[e];
                double spread = target[e] - mean[e % outputs];
                residual += error * error;
                total += spread * spread;
            }
        }
        return 1 - residual / total;
    }

    /** Returns {@code ||y - target||_F / ||target||_F}. */
    static double relativeError(DMatrixRMaj fitted, DMatrixRMaj target) {
        double error = 0;
        double norm = 0;
        for (int e = 0; e < target.data.length; e++) {
            double d = fitted.data[e] - target.data[e];
            error += d * d;
            norm += target.data[e] * target.data[e];
        }
        return Math.sqrt(error / norm);
    }

    /** Returns {@code ||y - target||_F^2}. */
    static double squaredError(DMatrixRMaj fitted, DMatrixRMaj target) {
        double error = 0;
        for (int e = 0; e < target.data.length; e++) {
            double d = fitted.data[e] - target.data[e];
            error += d * d;
        }
        return error;
    }
}
