"""One module per resource; each holds a `router`."""

from . import articles, contradictions, entities, framing, pages, positions, propositions, statements

#: The routers the app includes, API first, pages last.
ROUTERS = tuple(
    module.router
    for module in (articles, entities, statements, propositions, positions, contradictions, framing, pages)
)

__all__ = ["ROUTERS"]
