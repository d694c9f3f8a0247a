/**
 * Gaussian-process factor analysis (GPFA): latent trajectories, each dimension an independent
 * Gaussian process in time, read out linearly by the recorded neurons (Yu, Cunningham,
 * Santhanam, Ryu, Shenoy and Sahani, J. Neurophysiol. 102, 2009).
 *
 * <p>{@link io.github.neurodyn.analysis.gpfa.GpfaData} contains the data (trials or one long
 * recording), {@link io.github.neurodyn.analysis.gpfa.GpfaDataFiles} reads it from CSV or
 * NPY, and {@link io.github.neurodyn.analysis.gpfa.ExactGpfa} computes the closed-form
 * posterior, the marginal likelihood and the EM fit for short segments.
 */
package io.github.neurodyn.analysis.gpfa;
