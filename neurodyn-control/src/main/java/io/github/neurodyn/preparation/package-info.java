/**
 * Optimal anticipatory control of a rate network (Kao, Sadabadi and Hennequin, Neuron 109,
 * 2021). It computes the prospective motor cost of a state error at movement onset. It also
 * simulates the preparatory input that drives the network toward its prepared state during
 * the delay before a movement.
 * The entry points are {@link io.github.neurodyn.preparation.ProspectiveCost} and
 * {@link io.github.neurodyn.preparation.Preparation}.
 */
package io.github.neurodyn.preparation;
