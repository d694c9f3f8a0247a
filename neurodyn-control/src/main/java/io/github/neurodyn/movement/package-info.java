/**
 * Movement generation by a stabilised rate network. The package computes optimal initial
 * conditions from the observability Gramian, fits a torque readout together with one
 * prepared state per movement, and runs the closed chain from network to two-link arm.
 * Sources: Hennequin, Vogels and Gerstner, Neuron 82, 2014; Kao, Sadabadi and Hennequin,
 * Neuron 109, 2021.
 *
 * <p>Entry points: {@link io.github.neurodyn.movement.OptimalInitialConditions},
 * {@link io.github.neurodyn.movement.SpontaneousNetwork},
 * {@link io.github.neurodyn.movement.MovementFitter} and
 * {@link io.github.neurodyn.movement.ReachChain}.
 */
package io.github.neurodyn.movement;
