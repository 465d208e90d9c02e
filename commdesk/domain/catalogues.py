"""Catalogues: stable codes with Chinese and English labels.

Released items come from ``resources/catalogues.toml``; a county may add local
items (codes starting with ``X``) which the store keeps and merges in. Codes are
what the ledgers and returns store, so a renamed label never changes a figure.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from commdesk.domain import i18n

LOCAL_PREFIX = "X"
KINDS = (
    "community_kind",
    "service_group",
    "service_category",
    "target_group",
    "provider_kind",
    "channel",
    "facility_type",
    "facility_status",
    "ownership",
    "political_status",
    "person_status",
    "position",
    "education",
    "sw_certificate",
)
_PUNCT = re.compile(r"[\s\u3000,，、;；:：()（）\[\]【】/／\-—_·.。]+")


class CatalogueError(ValueError):
    """A catalogue file or a local addition is inconsistent."""


def normalise_label(text: str) -> str:
    """Compare labels ignoring width, spaces, punctuation and case."""
    from commdesk.domain.validators import to_halfwidth

    return _PUNCT.sub("", to_halfwidth(str(text))).lower()


@dataclass(frozen=True)
class Item:
    code: str
    zh: str
    en: str
    group: str | None = None
    synonyms: tuple[str, ...] = ()
    local: bool = False
    # facility_type only: the row of the ministry's JBZH0001 社区服务 section the type is
    # counted in (resources/returns/jbzh0001_community.toml); none means 其他.
    jbzh_row: str | None = None

    def label(self) -> str:
        return self.zh if i18n.is_chinese() else self.en


@dataclass
class Catalogue:
    kind: str
    items: list[Item] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_code = {item.code: item for item in self.items}

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def codes(self) -> list[str]:
        return [item.code for item in self.items]

    def get(self, code: str | None) -> Item | None:
        return self._by_code.get(code) if code else None

    def label(self, code: str | None) -> str:
        item = self.get(code)
        if item is None:
            return code or ""
        return item.label()

    def zh(self, code: str | None) -> str:
        item = self.get(code)
        return item.zh if item else (code or "")

    def in_group(self, group: str) -> list[Item]:
        return [item for item in self.items if item.group == group]

    def match(self, text: str | None) -> list[Item]:
        """Items whose code, label, synonym or pinyin initials equal ``text``.

        Returns every candidate so the caller can tell "unknown" from "ambiguous".
        """
        if text is None:
            return []
        raw = str(text).strip()
        if not raw:
            return []
        if raw in self._by_code:
            return [self._by_code[raw]]
        key = normalise_label(raw)
        exact = [
            item
            for item in self.items
            if key in {normalise_label(item.zh), normalise_label(item.en)}
            or key in {normalise_label(s) for s in item.synonyms}
        ]
        if exact:
            return exact
        if key.isascii() and key.isalpha():
            from commdesk.domain.initials import initials

            return [item for item in self.items if initials(item.zh, surname=False) == key]
        return []

    def with_local(self, extra: Iterable[Item]) -> Catalogue:
        items = list(self.items)
        for item in extra:
            if not item.code.startswith(LOCAL_PREFIX):
                raise CatalogueError(
                    f"local {self.kind} code {item.code!r} must start with {LOCAL_PREFIX!r}"
                )
            if item.code in self._by_code:
                raise CatalogueError(f"local {self.kind} code {item.code!r} already exists")
            items.append(item)
        return Catalogue(self.kind, items)


@dataclass
class Catalogues:
    by_kind: dict[str, Catalogue]

    def __getitem__(self, kind: str) -> Catalogue:
        return self.by_kind[kind]

    def with_local(self, extra: Iterable[tuple[str, Item]]) -> Catalogues:
        grouped: dict[str, list[Item]] = {}
        for kind, item in extra:
            if kind not in self.by_kind:
                raise CatalogueError(f"unknown catalogue kind {kind!r}")
            grouped.setdefault(kind, []).append(item)
        merged = dict(self.by_kind)
        for kind, items in grouped.items():
            merged[kind] = self.by_kind[kind].with_local(items)
        return Catalogues(merged)


def load_file(path: Path) -> Catalogues:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    by_kind: dict[str, Catalogue] = {}
    for kind in KINDS:
        section = data.get(kind)
        if section is None:
            raise CatalogueError(f"{path.name}: catalogue {kind!r} is missing")
        items = []
        seen: set[str] = set()
        for raw in section.get("items", []):
            code = str(raw["code"])
            if code in seen:
                raise CatalogueError(f"{path.name}: {kind} code {code!r} appears twice")
            if code.startswith(LOCAL_PREFIX) and kind != "community_kind":
                raise CatalogueError(f"{path.name}: {kind} code {code!r} uses the local prefix")
            seen.add(code)
            items.append(
                Item(
                    code=code,
                    zh=str(raw["zh"]),
                    en=str(raw.get("en", raw["zh"])),
                    group=raw.get("group"),
                    synonyms=tuple(raw.get("synonyms", ())),
                    jbzh_row=raw.get("jbzh_row"),
                )
            )
        by_kind[kind] = Catalogue(kind, items)
    groups = set(by_kind["service_group"].codes())
    for item in by_kind["service_category"]:
        if item.group not in groups:
            raise CatalogueError(
                f"{path.name}: category {item.code} has unknown group {item.group}"
            )
    return Catalogues(by_kind)


@lru_cache(maxsize=1)
def released() -> Catalogues:
    """The catalogues shipped with this program version."""
    from commdesk.paths import resources_dir

    return load_file(resources_dir() / "catalogues.toml")
