/**
 * Movement generation by a stabilised rate network: optimal initial conditions from the
 * observability Gramian, a torque readout fitted together with one prepared state per
 * movement, and the closed chain from network to two-link arm (Hennequin, Vogels and
 * Gerstner, Neuron 82, 2014; Kao, Sadabadi and Hennequin, Neuron 109, 2021).
 *
 * <p>Entry points: {@link io.github.neurodyn.movement.OptimalInitialConditions},
 * {@link io.github.neurodyn.movement.SpontaneousNetwork},
 * {@link io.github.neurodyn.movement.MovementFitter} and
 * {@link io.github.neurodyn.movement.ReachChain}.
 */
package io.github.neurodyn.movement;
