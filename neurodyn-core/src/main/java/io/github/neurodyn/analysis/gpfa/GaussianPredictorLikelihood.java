package io.github.neurodyn.analysis.gpfa;

/**
 * Gaussian noise {@code y_tn ~ N(eta_tn, R_n)} with its one parameter {@code log R_n}:
 * {@code E[log p] = -1/2 [log(2 pi R_n) + ((y_tn - E[eta_tn])^2 + Var[eta_tn]) / R_n]}, so
 * {@code dE/dE[eta] = (y - E[eta]) / R}, {@code dE/dVar[eta] = -1 / (2 R)} and
 * {@code dE/dlog R = ((y - E[eta])^2 + Var[eta]) / (2 R) - 1/2}.
 */
final class GaussianPredictorLikelihood implements PredictorLikelihood {

    static final GaussianPredictorLikelihood INSTANCE = new GaussianPredictorLikelihood();

    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private GaussianPredictorLikelihood() {
    }

    @Override
    public int parametersPerNeuron() {
        return 1;
    }

    @Override
    public double neuron(double[] y, double[] mean, double[] variance, int bins, double[] parameters,
            double[] meanGradient, double[] varianceGradient, double[] parameterGradient) {
        double logR = parameters[0];
        double precision = Math.exp(-logR);
        double squares = 0;
        for (int t = 0; t < bins; t++) {
            double residual = y[t] - mean[t];
            double second = residual * residual + variance[t];
            squares += second;
            meanGradient[t] = residual * precision;
            varianceGradient[t] = -0.5 * precision;
        }
        parameterGradient[0] += 0.5 * (squares * precision - bins);
        return -0.5 * (bins * (LOG_TWO_PI + logR) + squares * precision);
    }
}
