package io.github.neurodyn.movement;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.linalg.Gramians;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Optimal initial conditions of {@code dx/dt = A x}, {@code y = C x}: the unit-norm x0 that
 * evoke the largest output energy {@code int_0^T ||y(t)||^2 dt = x0^T Q x0}, which are the
 * leading eigenvectors of the observability Gramian Q
 * ({@code A^T Q + Q A + C^T C = 0} for an infinite horizon, or
 * {@code Q(T) = int_0^T e^{A^T t} C^T C e^{A t} dt}). For a rate network linearised about
 * x*, A = D^-1 (-I + W diag(phi'(x*))) ({@code RateNetwork.linearisation}).
 *
 * <p>Normalisation: the amplification is the energy divided by that of a single leaky unit
 * {@code tau dx/dt = -x} with {@code x0 = 1} and gain 1, which is {@code tau/2} for an infinite
 * horizon and {@code (tau/2)(1 - exp(-2T/tau))} for horizon T. With C = I the amplification of
 * a network of uncoupled units is 1 in every direction.
 *
 * <p>Cost: one Gramian (a real Schur form and a Bartels-Stewart solve, about 25 N^3 flops;
 * a matrix exponential more for a finite horizon) and one symmetric eigendecomposition
 * (about 9 N^3 flops).
 *
 * <p>Reference: G. Hennequin, T. P. Vogels and W. Gerstner, Optimal control of transient
 * dynamics in balanced networks supports generation of complex movements, Neuron 82(6),
 * 1394-1406, 2014.
 */
public final class OptimalInitialConditions {

    /** Asymmetry of a given Gramian, relative to its largest entry, left to round-off. */
    private static final double SYMMETRY_TOLERANCE = 1e-10;


    private OptimalInitialConditions() {
    }

    /**
     * Computes the top-k optimal initial conditions for an infinite horizon.
     *
     * @param a state matrix A, N x N, in 1/s, stable (all eigenvalues with negative real part)
     * @param readout output matrix C, p x N, or null for C = I
     * @param count the number k of directions, 1 to N
     * @param timeConstant tau of the reference leaky unit, in seconds, positive
     * @return the directions with their energies and amplification
     * @throws IllegalArgumentException if a matrix is null (except C), has the wrong shape or a
     *     NaN or infinite entry, A is not stable, k is outside [1, N] or tau is not positive
     * @throws io.github.neurodyn.api.SingularEquationException if the Lyapunov equation is
     *     numerically singular
     * @throws NeurodynException if the eigendecomposition fails
     */
    public static InitialConditions of(DMatrixRMaj a, DMatrixRMaj readout, int count, double timeConstant) {
        DMatrixRMaj c = checkedReadout(a, readout, count, timeConstant);
        DMatrixRMaj gramian = Gramians.observability(a, c);
        double reference = timeConstant / 2;
        return fromGramian(gramian, count, reference, Double.POSITIVE_INFINITY);
    }

    /**
     * Computes the top-k optimal initial conditions over a finite horizon T; A need not be stable.
     *
     * @param a state matrix A, N x N, in 1/s
     * @param readout output matrix C, p x N, or null for C = I
     * @param count the number k of directions, 1 to N
     * @param timeConstant tau of the reference leaky unit, in seconds, positive
     * @param horizonSeconds the horizon T, in seconds, positive
     * @return the directions with their energies and amplification
     * @throws IllegalArgumentException if a matrix is null (except C), has the wrong shape or a
     *     NaN or infinite entry, k is outside [1, N], or tau or T is not positive
     * @throws NeurodynException if the matrix exponential overflows or the eigendecomposition
     *     fails
     */
    public static InitialConditions of(DMatrixRMaj a, DMatrixRMaj readout, int count, double timeConstant,
            double horizonSeconds) {
        DMatrixRMaj c = checkedReadout(a, readout, count, timeConstant);
        Arguments.requirePositive(horizonSeconds, "horizonSeconds");
        DMatrixRMaj gramian = Gramians.observability(a, c, horizonSeconds);
        double reference = timeConstant / 2 * -Math.expm1(-2 * horizonSeconds / timeConstant);
        return fromGramian(gramian, count, reference, horizonSeconds);
    }

    /**
     * Computes the top-k eigenvectors of a given symmetric Gramian Q.
     *
     * @param gramian symmetric positive semidefinite Q, N x N
     * @param count the number k of directions, 1 to N
     * @param referenceEnergy energy that counts as amplification 1, in s, positive
     * @param horizonSeconds horizon recorded in the result, positive or infinite
     * @return the directions with their energies and amplification
     * @throws IllegalArgumentException if Q is null, not square, not finite or not symmetric
     *     to a relative {@value #SYMMETRY_TOLERANCE}, or k is outside [1, N]
     * @throws NeurodynException if the eigendecomposition fails
     */
    public static InitialConditions fromGramian(DMatrixRMaj gramian, int count, double referenceEnergy,
            double horizonSeconds) {
        Arguments.requireSquare(gramian, "gramian");
        Arguments.requireFinite(gramian, "gramian");
        Arguments.requireSymmetric(gramian, SYMMETRY_TOLERANCE, "gramian");
        int n = gramian.numRows;
        Arguments.requireInRange(count, 1, n, "count (directions)");
        Arguments.requirePositive(referenceEnergy, "referenceEnergy (s)");

        // Symmetrise against round-off in the Lyapunov solve before the symmetric solver.
        DMatrixRMaj q = gramian.copy();
        CommonOps_DDRM.transpose(gramian, q);
        CommonOps_DDRM.add(0.5, gramian, 0.5, q, q);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(q)) {
            throw new NeurodynException("symmetric eigendecomposition of the " + n + "x" + n
                    + " observability Gramian failed");
        }

        // Sort by eigenvalue, largest first, and keep the top k with a fixed sign.
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -eig.getEigenvalue(i).real));
        DMatrixRMaj directions = new DMatrixRMaj(n, count);
        double[] energies = new double[count];
        double[] amplification = new double[count];
        for (int k = 0; k < count; k++) {
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            double sign = largestEntrySign(v);
            double norm = NormOps_DDRM.normF(v);
            for (int r = 0; r < n; r++) {
                directions.set(r, k, sign * v.get(r) / norm);
            }
            energies[k] = eig.getEigenvalue(order[k]).real;
            amplification[k] = energies[k] / referenceEnergy;
        }
        return new InitialConditions(directions, energies, amplification, referenceEnergy, horizonSeconds);
    }

    private static DMatrixRMaj checkedReadout(DMatrixRMaj a, DMatrixRMaj readout, int count, double timeConstant) {
        Arguments.requireSquare(a, "a");
        int n = a.numRows;
        Arguments.requireInRange(count, 1, n, "count (directions)");
        Arguments.requirePositive(timeConstant, "timeConstant (s)");
        if (readout == null) {
            return CommonOps_DDRM.identity(n);
        }
        Arguments.requireNonNull(readout, "readout");
        if (readout.numCols != n) {
            throw new IllegalArgumentException("readout must have " + n + " columns to match a, found "
                    + readout.numRows + "x" + readout.numCols);
        }
        return readout;
    }

    /** Returns the sign that makes the entry of largest magnitude positive, for reproducible output. */
    private static double largestEntrySign(DMatrixRMaj v) {
        double largest = 0;
        for (int i = 0; i < v.getNumElements(); i++) {
            if (Math.abs(v.get(i)) > Math.abs(largest)) {
                largest = v.get(i);
            }
        }
        return largest < 0 ? -1 : 1;
    }
}
