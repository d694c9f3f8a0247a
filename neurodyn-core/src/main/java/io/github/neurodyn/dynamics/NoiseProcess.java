package io.github.neurodyn.dynamics;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Ornstein-Uhlenbeck state eta for each trial, with one random stream per trial derived from
 * (seed, trial index) so that trial b of a batch repeats the single run of trial b.
 */
final class NoiseProcess {

    /** Algorithm behind every trial's stream; fixed so that a seed reproduces a run on any JDK 17+. */
    static final String ALGORITHM = "L64X128MixRandom";

    final double[][] eta;
    private final RandomGenerator[] streams;
    private final double timeConstant;
    private final double amplitude;
    private double cachedStep = Double.NaN;
    private double decay;
    private double innovation;

    NoiseProcess(OrnsteinUhlenbeckNoise spec, int sources, int trials, long seed, int firstTrial) {
        this.timeConstant = spec.timeConstantSeconds();
        this.amplitude = spec.amplitude();
        this.eta = new double[trials][sources];
        this.streams = new RandomGenerator[trials];
        RandomGeneratorFactory<RandomGenerator> factory = RandomGeneratorFactory.of(ALGORITHM);
        for (int b = 0; b < trials; b++) {
            streams[b] = factory.create(streamSeed(seed, firstTrial + b));
            // Start from the stationary law N(0, sigma^2).
            for (int m = 0; m < sources; m++) {
                eta[b][m] = amplitude * streams[b].nextGaussian();
            }
        }
    }

    /**
     * Mixes the seed and the trial index with the SplitMix64 finaliser (Steele, Lea and
     * Flood, OOPSLA 2014), so nearby seeds and trial indices give unrelated streams.
     */
    static long streamSeed(long seed, long trial) {
        long z = seed + (trial + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Advances every trial's eta exactly over a step of {@code h} seconds. */
    void advance(double h, int trials) {
        if (h != cachedStep) {
            cachedStep = h;
            decay = Math.exp(-h / timeConstant);
            innovation = amplitude * Math.sqrt(-Math.expm1(-2.0 * h / timeConstant));
        }
        for (int b = 0; b < trials; b++) {
            double[] e = eta[b];
            RandomGenerator stream = streams[b];
            for (int m = 0; m < e.length; m++) {
                e[m] = decay * e[m] + innovation * stream.nextGaussian();
            }
        }
    }
}
