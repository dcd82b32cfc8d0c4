"""One module per resource; each holds a `router`."""

from . import articles, contradictions, entities, framing, pages, positions, propositions, stances, statements

#: The API's routers: the app has them refuse query parameters their routes do not declare.
API_ROUTERS = tuple(
    module.router
    for module in (articles, entities, statements, stances, propositions, positions, contradictions, framing)
)
#: The pages' routers. They take no query parameters and ignore any: links to a page
#: pick up tracking parameters (`utm_source`, `fbclid`) that must not break it.
PAGE_ROUTERS = (pages.router,)
#: The routers the app includes, API first, pages last.
ROUTERS = API_ROUTERS + PAGE_ROUTERS

__all__ = ["API_ROUTERS", "PAGE_ROUTERS", "ROUTERS"]
