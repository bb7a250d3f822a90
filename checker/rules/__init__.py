"""Model rules, one module per concern; importing this package records every one of them.

IDs by concern: PB2xx references, PB3xx time limits, PB4xx escalation and authority, PB5xx
scripts, PB6xx versions and dates, PB8xx the working calendar. A new module in this folder is
found by itself: adding a rule on existing fields touches one module.
"""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    if _module.name not in ("registry", "context"):
        importlib.import_module(f"{__name__}.{_module.name}")
