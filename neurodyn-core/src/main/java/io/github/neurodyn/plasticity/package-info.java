/**
 * Inhibitory plasticity that stabilises excitatory/inhibitory rate networks. The package contains
 * the rate form of the rule of Vogels, Sprekeler, Zenke, Clopath and Gerstner (Science 334,
 * 2011) and a training protocol that runs it online in the simulation loop. It also computes
 * diagnostics of inhibition-stabilised networks (ISN) at an operating point.
 *
 * <p>Entry points: {@link io.github.neurodyn.plasticity.InhibitoryPlasticity} (the rule, a
 * {@link io.github.neurodyn.api.StepHook}), {@link io.github.neurodyn.plasticity.PlasticityTraining}
 * (the protocol), {@link io.github.neurodyn.plasticity.InhibitionStabilisation} (Jacobian
 * and excitatory-block abscissa) and {@link io.github.neurodyn.plasticity.ParadoxicalProbe}
 * (the paradoxical response measured by simulation).
 */
package io.github.neurodyn.plasticity;
