/**
 * The thalamo-cortical loop that implements optimal preparatory feedback (Kao, Sadabadi and
 * Hennequin, Neuron 109, 2021). Thalamic units read excitatory cortical rates and project back
 * through excitatory and inhibitory channels. A gate opens during preparation and closes at
 * the go cue. The entry point is {@link io.github.neurodyn.loop.ThalamocorticalLoop}.
 */
package io.github.neurodyn.loop;
