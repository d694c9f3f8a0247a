package io.github.neurodyn.analysis;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Outcome of {@link Jpca#of(Recording, JpcaOptions)}: the principal subspace, the fitted
 * dynamics, the jPC planes, the fit quality and the projections used for plotting.
 *
 * <p>Dynamics are per time bin: {@code x(t + 1) - x(t) ~ M x(t)} for the k-dimensional PCA
 * scores x of the analysed window. Frequencies convert a plane's eigenvalue magnitude
 * omega of M_skew (radians per bin) with the bin width dt:
 * {@code omega / dt} rad/s and {@code omega / (2 pi dt)} Hz. Within each plane the first
 * jPC is the direction along which the states at the first analysed time spread most.
 * M_skew rotates states from the first jPC towards the second, which is counter-clockwise
 * in a plot with the first jPC on the horizontal axis. Variance fractions are relative to the total
 * variance of the preprocessed, centred analysed data. Accessors return copies, so the
 * record is immutable.
 *
 * @param conditions condition labels, in the order of the recording
 * @param analysedTimesMs times of the analysed bins in ms
 * @param binWidthSeconds spacing of the analysed bins in seconds
 * @param normalisationFactors per-neuron divisor {@code range + c} of the soft normalisation,
 *     all 1 when it was off
 * @param pca principal components of the preprocessed analysed data (k of them)
 * @param mBest k x k unconstrained least-squares fit of the dynamics, per bin
 * @param mSkew k x k skew-symmetric least-squares fit of the dynamics, per bin
 * @param jpcs k x k orthonormal jPC basis in PC coordinates; columns 2j and 2j + 1 span plane j
 * @param planeFrequenciesRadPerSecond rotation frequency of each plane in rad/s, decreasing
 * @param varianceCapturedPerPc fraction of the total variance along each PC
 * @param varianceCapturedPerJpc fraction of the total variance along each jPC
 * @param r2Best R^2 of the M_best fit in k dimensions
 * @param r2Skew R^2 of the M_skew fit in k dimensions
 * @param r2BestPlane1 R^2 of the M_best fit, changes and errors projected onto plane 1
 * @param r2SkewPlane1 R^2 of the M_skew fit, changes and errors projected onto plane 1
 * @param projections scores on the jPCs indexed {@code [condition][analysed bin][jPC]}
 * @param allTimesMs times of every bin of the recording in ms
 * @param projectionsAllTimes scores on the jPCs of every bin of the recording, indexed
 *     {@code [condition][bin][jPC]}, preprocessed and centred like the analysed window
 */
public record JpcaResult(
        List<String> conditions,
        double[] analysedTimesMs,
        double binWidthSeconds,
        double[] normalisationFactors,
        PcaResult pca,
        DMatrixRMaj mBest,
        DMatrixRMaj mSkew,
        DMatrixRMaj jpcs,
        double[] planeFrequenciesRadPerSecond,
        double[] varianceCapturedPerPc,
        double[] varianceCapturedPerJpc,
        double r2Best,
        double r2Skew,
        double r2BestPlane1,
        double r2SkewPlane1,
        double[][][] projections,
        double[] allTimesMs,
        double[][][] projectionsAllTimes) {

    /**
     * Copies every array and matrix so that the record cannot be changed through them.
     *
     * @param conditions condition labels, in the order of the recording
     * @param analysedTimesMs times of the analysed bins in ms
     * @param binWidthSeconds spacing of the analysed bins in seconds
     * @param normalisationFactors per-neuron divisor {@code range + c} of the soft normalisation,
     *     all 1 when it was off
     * @param pca principal components of the preprocessed analysed data (k of them)
     * @param mBest k x k unconstrained least-squares fit of the dynamics, per bin
     * @param mSkew k x k skew-symmetric least-squares fit of the dynamics, per bin
     * @param jpcs k x k orthonormal jPC basis in PC coordinates; columns 2j and 2j + 1 span plane j
     * @param planeFrequenciesRadPerSecond rotation frequency of each plane in rad/s, decreasing
     * @param varianceCapturedPerPc fraction of the total variance along each PC
     * @param varianceCapturedPerJpc fraction of the total variance along each jPC
     * @param r2Best R^2 of the M_best fit in k dimensions
     * @param r2Skew R^2 of the M_skew fit in k dimensions
     * @param r2BestPlane1 R^2 of the M_best fit, changes and errors projected onto plane 1
     * @param r2SkewPlane1 R^2 of the M_skew fit, changes and errors projected onto plane 1
     * @param projections scores on the jPCs indexed {@code [condition][analysed bin][jPC]}
     * @param allTimesMs times of every bin of the recording in ms
     * @param projectionsAllTimes scores on the jPCs of every bin of the recording, indexed
     *     {@code [condition][bin][jPC]}, preprocessed and centred like the analysed window
     */
    public JpcaResult {
        conditions = List.copyOf(conditions);
        analysedTimesMs = analysedTimesMs.clone();
        normalisationFactors = normalisationFactors.clone();
        mBest = mBest.copy();
        mSkew = mSkew.copy();
        jpcs = jpcs.copy();
        planeFrequenciesRadPerSecond = planeFrequenciesRadPerSecond.clone();
        varianceCapturedPerPc = varianceCapturedPerPc.clone();
        varianceCapturedPerJpc = varianceCapturedPerJpc.clone();
        projections = deepCopy(projections);
        allTimesMs = allTimesMs.clone();
        projectionsAllTimes = deepCopy(projectionsAllTimes);
    }

    /**
     * Returns a copy of the {@code analysedTimesMs} component.
     *
     * @return times of the analysed bins in ms
     */
    @Override
    public double[] analysedTimesMs() {
        return analysedTimesMs.clone();
    }

    /**
     * Returns a copy of the {@code normalisationFactors} component.
     *
     * @return per-neuron divisor {@code range + c} of the soft normalisation,
     *     all 1 when it was off
     */
    @Override
    public double[] normalisationFactors() {
        return normalisationFactors.clone();
    }

    /**
     * Returns a copy of the {@code mBest} component.
     *
     * @return k x k unconstrained least-squares fit of the dynamics, per bin
     */
    @Override
    public DMatrixRMaj mBest() {
        return mBest.copy();
    }

    /**
     * Returns a copy of the {@code mSkew} component.
     *
     * @return k x k skew-symmetric least-squares fit of the dynamics, per bin
     */
    @Override
    public DMatrixRMaj mSkew() {
        return mSkew.copy();
    }

    /**
     * Returns a copy of the {@code jpcs} component.
     *
     * @return k x k orthonormal jPC basis in PC coordinates; columns 2j and 2j + 1 span plane j
     */
    @Override
    public DMatrixRMaj jpcs() {
        return jpcs.copy();
    }

    /**
     * Returns a copy of the {@code planeFrequenciesRadPerSecond} component.
     *
     * @return rotation frequency of each plane in rad/s, decreasing
     */
    @Override
    public double[] planeFrequenciesRadPerSecond() {
        return planeFrequenciesRadPerSecond.clone();
    }

    /**
     * Returns a copy of the {@code varianceCapturedPerPc} component.
     *
     * @return fraction of the total variance along each PC
     */
    @Override
    public double[] varianceCapturedPerPc() {
        return varianceCapturedPerPc.clone();
    }

    /**
     * Returns a copy of the {@code varianceCapturedPerJpc} component.
     *
     * @return fraction of the total variance along each jPC
     */
    @Override
    public double[] varianceCapturedPerJpc() {
        return varianceCapturedPerJpc.clone();
    }

    /**
     * Returns a copy of the {@code projections} component.
     *
     * @return scores on the jPCs indexed {@code [condition][analysed bin][jPC]}
     */
    @Override
    public double[][][] projections() {
        return deepCopy(projections);
    }

    /**
     * Returns a copy of the {@code allTimesMs} component.
     *
     * @return times of every bin of the recording in ms
     */
    @Override
    public double[] allTimesMs() {
        return allTimesMs.clone();
    }

    /**
     * Returns a copy of the {@code projectionsAllTimes} component.
     *
     * @return scores on the jPCs of every bin of the recording, indexed
     *     {@code [condition][bin][jPC]}, preprocessed and centred like the analysed window
     */
    @Override
    public double[][][] projectionsAllTimes() {
        return deepCopy(projectionsAllTimes);
    }

    /** @return the number of principal components k */
    public int pcs() {
        return jpcs.numCols;
    }

    /** @return the number of jPC planes, k / 2 */
    public int planes() {
        return jpcs.numCols / 2;
    }

    /** @return the number of neurons */
    public int neurons() {
        return normalisationFactors.length;
    }

    /** @return the number of analysed time bins per condition */
    public int analysedTimeBins() {
        return analysedTimesMs.length;
    }

    /** @return the rotation frequency of each plane in Hz, {@code rad/s / (2 pi)} */
    public double[] planeFrequenciesHz() {
        double[] hz = planeFrequenciesRadPerSecond.clone();
        for (int j = 0; j < hz.length; j++) {
            hz[j] /= 2 * Math.PI;
        }
        return hz;
    }

    /** @return the fraction of the total variance in the k-dimensional PC subspace */
    public double varianceCapturedByPcs() {
        double sum = 0;
        for (double v : varianceCapturedPerPc) {
            sum += v;
        }
        return sum;
    }

    /** @return the fraction of the total variance in each jPC plane, summed over its two jPCs */
    public double[] varianceCapturedPerPlane() {
        double[] perPlane = new double[planes()];
        for (int j = 0; j < perPlane.length; j++) {
            perPlane[j] = varianceCapturedPerJpc[2 * j] + varianceCapturedPerJpc[2 * j + 1];
        }
        return perPlane;
    }

    /**
     * Returns the jPCs as directions in neuron space, {@code V_k J} with {@code V_k} the
     * N x k principal components and J the jPC basis.
     *
     * @return N x k matrix with orthonormal columns
     */
    public DMatrixRMaj jpcsInNeuronSpace() {
        DMatrixRMaj pcs = pca.components();
        DMatrixRMaj result = new DMatrixRMaj(pcs.numRows, jpcs.numCols);
        CommonOps_DDRM.mult(pcs, jpcs, result);
        return result;
    }

    /**
     * Returns one condition's trajectory in one jPC plane over the analysed window.
     *
     * @param condition condition index, from 0
     * @param plane plane index, from 0 (plane 0 rotates fastest)
     * @return T_a x 2 matrix: column 0 the first jPC of the plane, column 1 the second
     * @throws IllegalArgumentException when an index is out of range
     */
    public DMatrixRMaj planeProjection(int condition, int plane) {
        if (condition < 0 || condition >= projections.length) {
            throw new IllegalArgumentException(String.format(
                    "condition must lie in [0, %d], found %d", projections.length - 1, condition));
        }
        if (plane < 0 || plane >= planes()) {
            throw new IllegalArgumentException(String.format(
                    "plane must lie in [0, %d], found %d", planes() - 1, plane));
        }
        double[][] rows = projections[condition];
        DMatrixRMaj result = new DMatrixRMaj(rows.length, 2);
        for (int t = 0; t < rows.length; t++) {
            result.set(t, 0, rows[t][2 * plane]);
            result.set(t, 1, rows[t][2 * plane + 1]);
        }
        return result;
    }

    private static double[][][] deepCopy(double[][][] source) {
        double[][][] copy = new double[source.length][][];
        for (int c = 0; c < source.length; c++) {
            copy[c] = new double[source[c].length][];
            for (int t = 0; t < source[c].length; t++) {
                copy[c][t] = source[c][t].clone();
            }
        }
        return copy;
    }
}
