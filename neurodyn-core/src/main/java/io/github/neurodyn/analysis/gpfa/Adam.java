package io.github.neurodyn.analysis.gpfa;

/**
 * Adam ascent on a flat parameter vector (Kingma and Ba, "Adam: a method for stochastic
 * optimization", ICLR 2015), with the usual moment decays 0.9 and 0.999.
 */
final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double[] first;
    private final double[] second;
    private int steps;

    Adam(int size, double learningRate) {
        this.learningRate = learningRate;
        this.first = new double[size];
        this.second = new double[size];
    }

    /** Moves {@code x} up the gradient {@code g} by one bias-corrected Adam step. */
    void ascend(double[] x, double[] g) {
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < x.length; i++) {
            first[i] = BETA1 * first[i] + (1 - BETA1) * g[i];
            second[i] = BETA2 * second[i] + (1 - BETA2) * g[i] * g[i];
            x[i] += learningRate * (first[i] / correction1) / (Math.sqrt(second[i] / correction2) + EPSILON);
        }
    }
}
