"""Schemathesis hooks for scripts/api-conformance.

`/v1/changes?wait=` holds a request open up to 60 s when nothing changes; every wait sent is
capped at 1 s (in all phases, just before the call) so the run takes minutes, not hours.
`/v1/seed/{generation}` names the seed the script built (SEED_GENERATION) in three cases out of
four, so the file itself is served (200, 206 and 416 by the generated Range headers) and not
only the 404 of an unknown generation.
Every other value is sent as generated.
"""
import os

import schemathesis


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    generation = os.environ.get("SEED_GENERATION")
    parameters = case.path_parameters
    if generation and parameters and isinstance(parameters.get("generation"), str) and len(parameters["generation"]) % 4 != 0:
        parameters["generation"] = generation
    query = case.query
    if not query or "wait" not in query:
        return
    wait = query["wait"]
    try:
        long = int(wait) > 1
    except (TypeError, ValueError):
        return  # not a number: sent as generated, the server must answer 400
    if long:
        # The coverage phase sends numbers as text; keep the type that was generated.
        query["wait"] = "1" if isinstance(wait, str) else 1
