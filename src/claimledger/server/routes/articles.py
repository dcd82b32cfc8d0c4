"""/api/articles: the articles, and adding one (only with the server's token)."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from ...errors import Errors, InputError
from ...ingest.text import article_from_text
from ...store import _rows, queries
from .._deps import NOT_FOUND, IsoDate, LedgerDep, PageParams, iso_date, not_found, paged
from .._schemas import ArticleIn, ArticleItem, ErrorOut, Page, Uploaded

router = APIRouter(prefix="/api/articles", tags=["articles"])


@router.get("", response_model=Page[ArticleItem], summary="List articles")
def list_articles(
    request: Request,
    ledger: LedgerDep,
    paging: PageParams,
    outlet: str | None = None,
    published_from: IsoDate = None,
    published_to: IsoDate = None,
    q: Annotated[str | None, Query(description="Words in the title or source.")] = None,
) -> dict[str, Any]:
    """Filter by outlet, by publication date (on or after `published_from`, on
    or before `published_to`) and by words in the title or source."""
    path = request.url.path
    first, last = iso_date(published_from, "published_from", path), iso_date(published_to, "published_to", path)
    listing = queries.articles(outlet=outlet, published_from=first, published_to=last, q=q)
    return paged(ledger, listing, paging, _rows.article_row)


@router.get("/{article_id}", response_model=ArticleItem, summary="One article, with its text", responses=NOT_FOUND)
def get_article(article_id: str, ledger: LedgerDep) -> dict[str, Any]:
    article = ledger.get_article(article_id)
    if article is None:
        raise not_found("article", article_id)
    return _rows.article_row(article)


@router.post(
    "",
    status_code=201,
    response_model=Uploaded,
    summary="Add an article and analyse it (needs the server's token)",
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": ArticleIn.model_json_schema()}}},
        "security": [{"bearer": []}],
    },
    responses={
        401: {"model": ErrorOut, "description": "No or wrong token"},
        403: {"model": ErrorOut, "description": "Uploads are off"},
        413: {"model": ErrorOut, "description": "Too large"},
        422: {"model": ErrorOut, "description": "Not an article"},
    },
)
async def add_article(request: Request) -> Uploaded:
    settings = request.app.state.settings
    _check_token(request, settings.token)
    body = await _read_limited(request, settings.max_upload_bytes)
    path = request.url.path
    try:
        sent = ArticleIn.model_validate_json(body)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        raise HTTPException(422, Errors.E064.format(path=path, reason=f"{where}: {first['msg']}")) from None
    try:
        article = article_from_text(
            sent.text, f"api:{sent.url or sent.title or 'article'}", source_kind="api", title=sent.title,
            outlet=sent.outlet, url=sent.url, published_at=sent.published_at,
            date_source="api" if sent.published_at else None,
        )
    except InputError as e:
        raise HTTPException(422, Errors.E064.format(path=path, reason=str(e))) from None
    ledger, lock = request.app.state.ledger, request.app.state.write_lock

    def analyse() -> Uploaded:
        from ...pipeline import analyze_into, is_analysed  # loads the models: only when an article comes

        with lock:  # one writer at a time; the corpus stages rewrite the whole analysis
            summary = analyze_into(ledger, [article])
        return Uploaded(
            article_id=article.id, added=summary.added == 1, statements=summary.statements,
            duplicate_of=article.duplicate_of, language=article.language, analysed=is_analysed(article),
        )

    return await run_in_threadpool(analyse)


def _check_token(request: Request, token: str | None) -> None:
    if not token:
        raise HTTPException(403, Errors.E061)
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, Errors.E062, headers={"WWW-Authenticate": "Bearer"})


async def _read_limited(request: Request, limit: int) -> bytes:
    """The request body, refused as soon as it is known to be over `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, Errors.E063.format(size=int(declared), limit=limit))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, Errors.E063.format(size=f"more than {limit}", limit=limit))
    return bytes(body)
