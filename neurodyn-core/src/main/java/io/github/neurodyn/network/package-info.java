/**
 * Connectivity matrices for rate networks: random Gaussian, sparse excitatory/inhibitory with
 * Dale's law, low-rank plus random, and small nonnormal test networks. Start at
 * {@link io.github.neurodyn.network.Networks}; every builder returns a
 * {@link io.github.neurodyn.network.Connectivity} with W and its diagnostics.
 */
package io.github.neurodyn.network;
