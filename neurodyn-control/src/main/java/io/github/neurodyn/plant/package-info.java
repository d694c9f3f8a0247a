/**
 * Two-link arm plant in the horizontal plane and centre-out reach targets.
 *
 * <p>{@link io.github.neurodyn.plant.TwoLinkArm} is the entry point: forward and inverse
 * dynamics, hand kinematics and Runge-Kutta integration under a
 * {@link io.github.neurodyn.plant.TorqueProfile}. {@link io.github.neurodyn.plant.ReachTargets}
 * turns a centre-out task into minimum-jerk hand paths, joint trajectories and the torques
 * that produce them.
 */
package io.github.neurodyn.plant;
