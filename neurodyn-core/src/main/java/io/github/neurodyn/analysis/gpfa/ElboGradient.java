package io.github.neurodyn.analysis.gpfa;

import org.ejml.data.DMatrixRMaj;

/**
 * Value and gradient of the sparse GPFA bound of one segment; the gradient fields are null
 * when only the value was computed. Arrays are owned by the record and not copied.
 *
 * @param value the ELBO, in nats
 * @param loadings dELBO/dC, {@code N x D}
 * @param offsets dELBO/dd, length N
 * @param logNoiseVariances dELBO/dlog R, length N
 * @param means per latent, dELBO/dm_j, {@code M_j x 1}
 * @param factors per latent, dELBO/dL_j, lower triangular {@code M_j x M_j}
 * @param logLengthScales dELBO/dlog l, length D
 * @param logPriorVariances dELBO/dlog sigma^2, length D
 */
record ElboGradient(double value, DMatrixRMaj loadings, double[] offsets, double[] logNoiseVariances,
        DMatrixRMaj[] means, DMatrixRMaj[] factors, double[] logLengthScales, double[] logPriorVariances) {
}
