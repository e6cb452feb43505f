"""Hypothesis profiles for the markup fuzz, loaded by conftest.py before any property runs.

`ci` (the default) is small and derandomised, so `make test` stays fast and every run
tries the same cases: a dozen per service and renderer, two per page property after its
explicit all-markup cases. `make fuzz` sets HYPOTHESIS_PROFILE=fuzz: FUZZ_EXAMPLES cases
(10,000) per service and renderer property, and one case per 25 of that (400) per page
property, because a page case is a whole forum of about fifty distinct generated texts drawn
in about ten AppTest runs; tests/fuzz/tally.py counts the texts each page was drawn with,
and the run fails when a page got fewer than FUZZ_EXAMPLES.
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
# per 25 cases of the fuzz profile: a page drawn in three stages of four (sending from the
# phone, choosing a merged item) still gets about 35 texts a case, so FUZZ_EXAMPLES in all.
PAGE_EXAMPLES = 2 if PROFILE == "ci" else max(2, FUZZ_EXAMPLES // 25)
