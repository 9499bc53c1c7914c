import os

from hypothesis import HealthCheck, settings

# Bad-input tests: a modest number of examples keeps the suite fast; requests through the
# whole stack take long and vary, so no deadline. In CI the examples are fixed (derandomize)
# so a run is reproducible; nothing is written to a .hypothesis folder.
settings.register_profile(
    "security",
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=os.environ.get("CI", "").lower() in {"1", "true", "yes"},
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SECURITY_PROFILE = settings.get_profile("security")
