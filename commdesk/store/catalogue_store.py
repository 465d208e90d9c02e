"""Released catalogues merged with the county's local additions from the database."""

from __future__ import annotations

from sqlalchemy import select

from commdesk.domain.catalogues import LOCAL_PREFIX, CatalogueError, Catalogues, Item, released
from commdesk.store import audit
from commdesk.store.engine import Store
from commdesk.store.models import LocalCatalogueItem


def load_catalogues(store: Store) -> Catalogues:
    with store.read() as s:
        rows = s.scalars(select(LocalCatalogueItem).where(LocalCatalogueItem.retired.is_(False)))
        extra = [
            (
                row.kind,
                Item(
                    code=row.code,
                    zh=row.zh,
                    en=row.en or row.zh,
                    group=row.group_code,
                    synonyms=tuple(filter(None, (row.synonyms or "").split("|"))),
                    local=True,
                ),
            )
            for row in rows
        ]
    return released().with_local(extra)


def add_local_item(
    store: Store,
    kind: str,
    code: str,
    zh: str,
    en: str | None = None,
    group: str | None = None,
    synonyms: tuple[str, ...] = (),
) -> None:
    """Add a county's own item; its code must start with X and be new."""
    if not code.startswith(LOCAL_PREFIX):
        raise CatalogueError(f"local codes must start with {LOCAL_PREFIX}")
    current = load_catalogues(store)
    if code in current[kind]:
        raise CatalogueError(f"code {code} already exists in {kind}")
    if kind == "service_category" and group not in current["service_group"]:
        raise CatalogueError(f"unknown service group {group}")
    with store.write() as s:
        item = LocalCatalogueItem(
            kind=kind,
            code=code,
            zh=zh,
            en=en,
            group_code=group,
            synonyms="|".join(synonyms),
            created_at=audit.now(),
        )
        s.add(item)
        s.flush()
        audit.record(
            s,
            "insert",
            "local_catalogue_item",
            item.id,
            after={"kind": kind, "code": code, "zh": zh, "group": group},
        )
