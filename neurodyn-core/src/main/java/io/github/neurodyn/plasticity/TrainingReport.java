package io.github.neurodyn.plasticity;

/**
 * Progress of a {@link PlasticityTraining} run over one report window, computed between
 * windows, outside the integration loop.
 *
 * @param timeSeconds the simulated time at the end of the window, in seconds
 * @param abscissa max Re lambda(W diag(phi'(x*))), with W at the end of the window and x* the
 *     mean state over the window. The network is linearly stable there when it is below 1.
 * @param meanExcitatoryRate the mean rate of the excitatory neurons over the window
 * @param meanInhibitoryRate the mean rate of the inhibitory neurons over the window
 * @param weightChange the Frobenius norm of the change of W over the window
 * @param learningRate eta at the end of the window, in 1/s per squared rate unit
 */
public record TrainingReport(double timeSeconds, double abscissa, double meanExcitatoryRate,
        double meanInhibitoryRate, double weightChange, double learningRate) {
}
