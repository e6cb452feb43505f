"""Hypothesis profiles for the markup fuzz, loaded by conftest.py before any property runs.

`ci` (the default) is small and derandomised, so `make test` stays fast and every run
tries the same cases; `make fuzz` sets HYPOTHESIS_PROFILE=fuzz for 10,000 cases per
service and renderer. A page case is a whole forum drawn in AppTest runs (about a second),
so the page properties take their own, smaller count from `PAGE_EXAMPLES`.
"""

import os

from hypothesis import HealthCheck, Phase, settings

# Generated cases run database transactions and Plotly layouts: no per-case deadline,
# and the long inputs are meant, not a sign of a slow strategy.
# The explain phase traces every line of a failing case again: minutes for a whole forum.
_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
}
settings.register_profile("ci", max_examples=12, derandomize=True, print_blob=True, **_COMMON)
# `make fuzz FUZZ_EXAMPLES=2000` for a shorter run.
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10000"))
settings.register_profile("fuzz", max_examples=FUZZ_EXAMPLES, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)

# AppTest cases per page property: two in CI (after the explicit all-markup cases), and one
# per hundred cases of the fuzz profile, so a page property takes minutes, not hours.
PAGE_EXAMPLES = 2 if PROFILE == "ci" else max(2, FUZZ_EXAMPLES // 100)
