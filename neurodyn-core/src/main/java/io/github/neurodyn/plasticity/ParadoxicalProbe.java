package io.github.neurodyn.plasticity;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.Trajectory;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.OrnsteinUhlenbeckNoise;
import io.github.neurodyn.dynamics.Simulation;

/**
 * Measures the paradoxical response by simulation: the network runs twice from the same
 * initial state, with the same noise realisation, once under the base input u and once
 * under u + delta on every inhibitory neuron. After a settling time, the mean excitatory and
 * inhibitory rates of both runs are compared (see {@link ParadoxicalResponse}).
 *
 * <pre>{@code
 * ParadoxicalResponse response = ParadoxicalProbe.of(network, excitatoryCount)
 *         .baseInput(u).extraInhibitoryInput(0.5).measure();
 * }</pre>
 *
 * <p>Defaults: extra input 0.5, Euler steps of 1e-3 s, 2 s of settling, 3 s of averaging
 * with a sample every 5 steps, x(0) = 0, no base input and no noise. Cost: two simulations.
 *
 * <p>Limitations: the measurement assumes that both runs settle to a steady state (or a
 * stationary noisy state) within the settling time; an oscillating or chaotic network gives
 * time averages whose comparison need not reflect a linear response.
 */
public final class ParadoxicalProbe {

    /** Steps between the samples that enter the averages. */
    private static final int SAMPLE_EVERY_STEPS = 5;

    private final RateNetwork network;
    private final int excitatoryCount;
    private double[] baseInput;
    private double extraInput = 0.5;
    private double stepSeconds = 1e-3;
    private double settleSeconds = 2.0;
    private double averageSeconds = 3.0;
    private OrnsteinUhlenbeckNoise noise;
    private long seed;
    private double[] initialState;

    private ParadoxicalProbe(RateNetwork network, int excitatoryCount) {
        this.network = network;
        this.excitatoryCount = excitatoryCount;
    }

    /**
     * Starts a probe of a network whose first {@code excitatoryCount} neurons are excitatory.
     *
     * @param network the network, with its bias h
     * @param excitatoryCount N<sub>E</sub>, in [1, N - 1]
     * @return the probe with the defaults of the class documentation
     * @throws IllegalArgumentException if the network is null or N<sub>E</sub> is outside [1, N - 1]
     */
    public static ParadoxicalProbe of(RateNetwork network, int excitatoryCount) {
        Arguments.requireNonNull(network, "network");
        if (excitatoryCount < 1 || excitatoryCount >= network.size()) {
            throw new IllegalArgumentException(String.format(
                    "excitatoryCount must lie in [1, %d] so that both populations exist, found %d",
                    network.size() - 1, excitatoryCount));
        }
        return new ParadoxicalProbe(network, excitatoryCount);
    }

    /**
     * Sets the constant external input u added to the network's bias.
     *
     * @param input length N, finite; copied at {@link #measure()}
     * @return this probe
     */
    public ParadoxicalProbe baseInput(double[] input) {
        this.baseInput = input;
        return this;
    }

    /**
     * Sets the extra input delta given to every inhibitory neuron.
     *
     * @param delta in state units, finite and nonzero
     * @return this probe
     */
    public ParadoxicalProbe extraInhibitoryInput(double delta) {
        this.extraInput = delta;
        return this;
    }

    /**
     * Sets the Euler step.
     *
     * @param seconds dt, positive
     * @return this probe
     */
    public ParadoxicalProbe stepSeconds(double seconds) {
        this.stepSeconds = seconds;
        return this;
    }

    /**
     * Sets how long each run settles before the averaging starts.
     *
     * @param seconds non-negative
     * @return this probe
     */
    public ParadoxicalProbe settleSeconds(double seconds) {
        this.settleSeconds = seconds;
        return this;
    }

    /**
     * Sets the length of the averaging window.
     *
     * @param seconds positive
     * @return this probe
     */
    public ParadoxicalProbe averageSeconds(double seconds) {
        this.averageSeconds = seconds;
        return this;
    }

    /**
     * Adds input noise, the same realisation in both runs.
     *
     * @param noise the noise, or null for none
     * @param seed the seed of the noise streams
     * @return this probe
     */
    public ParadoxicalProbe noise(OrnsteinUhlenbeckNoise noise, long seed) {
        this.noise = noise;
        this.seed = seed;
        return this;
    }

    /**
     * Sets the initial state of both runs; x(0) = 0 when not set.
     *
     * @param x0 length N, finite
     * @return this probe
     */
    public ParadoxicalProbe initialState(double[] x0) {
        this.initialState = x0;
        return this;
    }

    /**
     * Runs both simulations and compares their mean rates.
     *
     * @return the response
     * @throws IllegalArgumentException if a setting is invalid
     * @throws io.github.neurodyn.api.SimulationDivergedException if a run diverges
     */
    public ParadoxicalResponse measure() {
        int n = network.size();
        double[] base = baseInput == null ? new double[n] : Arguments.requireLength(baseInput, n, "baseInput").clone();
        Arguments.requireFinite(extraInput, "extraInhibitoryInput");
        if (extraInput == 0) {
            throw new IllegalArgumentException("extraInhibitoryInput must be nonzero, found 0");
        }
        Arguments.requirePositive(stepSeconds, "stepSeconds");
        Arguments.requireNonNegative(settleSeconds, "settleSeconds");
        Arguments.requirePositive(averageSeconds, "averageSeconds");

        double[] perturbed = base.clone();
        for (int i = excitatoryCount; i < n; i++) {
            perturbed[i] += extraInput;
        }
        OperatingPoint before = run(base);
        OperatingPoint after = run(perturbed);
        return new ParadoxicalResponse(extraInput,
                before.populationRate(0, excitatoryCount), before.populationRate(excitatoryCount, n),
                after.populationRate(0, excitatoryCount), after.populationRate(excitatoryCount, n));
    }

    private OperatingPoint run(double[] input) {
        Simulation simulation = Simulation.of(network)
                .integrator(Integrator.EULER)
                .stepSeconds(stepSeconds)
                .sampleEverySeconds(SAMPLE_EVERY_STEPS * stepSeconds)
                .durationSeconds(settleSeconds + averageSeconds)
                .input(InputSignal.constant(input))
                .noise(noise)
                .seed(seed);
        if (initialState != null) {
            simulation.initialState(initialState);
        }
        Trajectory trajectory = simulation.run();
        return OperatingPoint.average(trajectory, 0, settleSeconds);
    }
}
