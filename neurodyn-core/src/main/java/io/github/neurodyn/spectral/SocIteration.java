package io.github.neurodyn.spectral;

/**
 * One gradient step of the stability optimiser.
 *
 * @param iteration step number, from 1
 * @param abscissa spectral abscissa {@code alpha(W)} before the step
 * @param shift the shift {@code s} at which the gradient was evaluated (the smoothed
 *     spectral abscissa for {@link GradientRule.Smoothed})
 * @param smoothedAbscissa smoothed spectral abscissa of {@code W} before the step at the
 *     tracking smoothing parameter; equals {@code shift} for {@link GradientRule.Smoothed}, and
 *     is {@code NaN} for a shift rule unless tracking was requested
 * @param stepNorm Frobenius norm of the change of {@code W} made by the step, after all
 *     projections
 * @param elapsedSeconds wall-clock time since the optimiser started, in seconds
 */
public record SocIteration(
        int iteration, double abscissa, double shift, double smoothedAbscissa, double stepNorm, double elapsedSeconds) {
}
