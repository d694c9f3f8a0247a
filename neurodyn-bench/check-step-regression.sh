#!/usr/bin/env bash
# Regression guard for the integration step. It builds the benchmarks jar and runs the step
# benchmarks briefly (about 1 minute). It exits 1 when a step's time, as a ratio to the EJML
# product of the same run, is more than 25 % above the ratio in step-baseline.json.
# Usage: neurodyn-bench/check-step-regression.sh [--write] [--tolerance 0.25]
#   --write       record the measured ratios as the new baseline instead of checking
#   --tolerance   allowed relative increase of a ratio (default 0.25)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
mvn -B -ntp -q package -pl neurodyn-bench -am -DskipTests -Dmaven.javadoc.skip=true
exec java -cp "$here/target/benchmarks.jar" io.github.neurodyn.bench.dynamics.StepRegressionCheck \
    --baseline "$here/step-baseline.json" "$@"
