package io.github.neurodyn.spectral;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NeurodynException;
import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Evoked-energy spectrum of the linear network {@code tau dx/dt = -x + W x} with output
 * {@code y = x}. With {@code A = (W - I) / tau} the energy of an initial condition
 * {@code x0} is {@code x0^T Q x0}, where {@code A^T Q + Q A + I = 0} (observability Gramian
 * for {@code C = I}); the optimal initial conditions are the eigenvectors of {@code Q}. A
 * single leaky unit returns {@code tau / 2}, and the ratio {@code 2 lambda(Q) / tau} is
 * independent of {@code tau}: it equals {@code 2 lambda(Q1)} with
 * {@code (W - I)^T Q1 + Q1 (W - I) + I = 0}.
 *
 * <p>Reference: Hennequin, Vogels and Gerstner, Neuron 82, 2014, who use this measure for
 * stability-optimised circuits.
 *
 * <p>Cost: one decomposition of {@code W}, one Lyapunov solve and one symmetric eigenvalue
 * decomposition.
 */
public final class EvokedEnergy {

    private EvokedEnergy() {
    }

    /**
     * Computes the evoked-energy spectrum.
     *
     * @param weights connectivity {@code W}, square, finite, with {@code alpha(W) < 1}
     * @param timeConstant {@code tau} in seconds, positive; it scales the energies but not
     *     the returned amplification
     * @return the amplification values and directions
     * @throws IllegalArgumentException if {@code weights} is not square and finite, or
     *     {@code alpha(W) >= 1} so that the network is unstable and the energy infinite
     */
    public static EnergySpectrum of(DMatrixRMaj weights, double timeConstant) {
        SpectralAbscissa.validate(weights, "weights");
        Arguments.requirePositive(timeConstant, "timeConstant (s)");
        ShiftedGramians gramians = ShiftedGramians.of(weights);
        if (!(gramians.abscissa() < 1.0)) {
            throw new IllegalArgumentException(String.format(
                    "weights must give a stable network, alpha(W) < 1, found alpha(W) = %.6g", gramians.abscissa()));
        }
        DMatrixRMaj gramian = gramians.toOriginalBasis(gramians.observability(1.0));
        int n = weights.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(gramian)) {
            throw new NeurodynException("symmetric eigenvalue iteration (EJML) failed to converge on the "
                    + "observability Gramian");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -eig.getEigenvalue(i).real));
        double[] amplification = new double[n];
        DMatrixRMaj directions = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            amplification[k] = 2.0 * eig.getEigenvalue(order[k]).real;
            DMatrixRMaj vector = eig.getEigenVector(order[k]);
            CommonOps_DDRM.insert(vector, directions, 0, k);
        }
        return new EnergySpectrum(amplification, directions, timeConstant);
    }
}
