"""Match a file's column headers to ledger fields.

Headers are compared after normalising width, case, spaces, line breaks,
punctuation and a unit in brackets (“时长(小时)” matches “时长”), against each
field's Chinese and English label, its name and its synonyms from
:mod:`commdesk.domain.ledgers`. A header that matches nothing, or several
fields equally well, is reported and left out; the clerk fixes it with
``--map "表头=field"`` and the confirmed mapping is remembered per header set.

Guessing by substring is deliberately not done: “紧急联系电话” contains
“联系电话”, and a wrong guess silently imports the wrong data.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from commdesk.domain.i18n import translate
from commdesk.domain.ledgers import VOLUNTEERS, Field, Ledger
from commdesk.importing.errors import ImportFileError
from commdesk.store import audit
from commdesk.store.engine import Store
from commdesk.store.models import ImportMapping

IGNORE_WORDS = frozenset({"", "-", "ignore", "忽略", "不导入", "none"})
_DROP = re.compile(r"[\s*＊※#№:：;；,，、.。·'\"“”‘’!！?？\-—–_/／\\|<>《》〈〉{}]+")
_BRACKETED = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_BRACKETS = re.compile(r"[()（）\[\]【】]")
_PREFIXES = ("其中",)
_REQUIRED_SUFFIXES = ("必填", "选填")
MAX_HEADER_CHARS = 60


def normalise(text: object) -> str:
    """Full form: width, case, spaces and punctuation gone, bracket content kept."""
    value = unicodedata.normalize("NFKC", str(text)).casefold()
    return _DROP.sub("", _BRACKETS.sub("", value))


def short_form(text: object) -> str:
    """Without bracketed parts (units, “必填”) and a leading “其中”."""
    value = unicodedata.normalize("NFKC", str(text)).casefold()
    value = _DROP.sub("", _BRACKETED.sub("", value))
    for prefix in _PREFIXES:
        if value.startswith(prefix) and len(value) > len(prefix):
            value = value[len(prefix) :]
    for suffix in _REQUIRED_SUFFIXES:
        if value.endswith(suffix) and len(value) > len(suffix):
            value = value[: -len(suffix)]
    return value


def header_text(value: Any) -> str:
    """A cell as header text ('' for blank, numbers and overlong text)."""
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    return text if len(text) <= MAX_HEADER_CHARS else ""


@dataclass(frozen=True)
class Match:
    fields: tuple[str, ...]  # one: matched; several: ambiguous; none: unknown

    @property
    def field(self) -> str | None:
        return self.fields[0] if len(self.fields) == 1 else None


class HeaderMatcher:
    """Index of a ledger's field names, labels and synonyms by normalised key."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.fields = [f for f in ledger.fields if f.visible or f.synonyms or f.kind == VOLUNTEERS]
        self._levels: list[dict[str, set[str]]] = [{}, {}, {}]
        for f in ledger.fields:
            for name in (f.zh, f.en, f.name):
                self._add(0, normalise(name), f)
            for name in f.synonyms:
                self._add(1, normalise(name), f)
            for name in (f.zh, f.en, *f.synonyms):
                self._add(2, short_form(name), f)
        self._cache: dict[str, Match] = {}

    def _add(self, level: int, key: str, f: Field) -> None:
        if key:
            self._levels[level].setdefault(key, set()).add(f.name)

    def match(self, header: str) -> Match:
        cached = self._cache.get(header)
        if cached is not None:
            return cached
        result = Match(())
        full, short = normalise(header), short_form(header)
        if full:
            for level, key in ((0, full), (1, full), (2, full), (2, short)):
                found = self._levels[level].get(key)
                if found:
                    result = Match(tuple(sorted(found)))
                    break
        self._cache[header] = result
        return result

    def resolve_field(self, spec: str) -> str | None:
        """A field named in ``--map``: its name, label or synonym; None means ignore."""
        spec = spec.strip()
        if normalise(spec) in IGNORE_WORDS or spec in IGNORE_WORDS:
            return None
        names = {f.name for f in self.ledger.fields}
        if spec in names:
            return spec
        found = self.match(spec)
        if found.field:
            return found.field
        choices = ", ".join(f.name for f in self.ledger.fields)
        raise ImportFileError(
            translate(
                "Import", "--map: “{spec}” is not a field of this ledger ({choices})."
            ).format(spec=spec, choices=choices)
        )


@dataclass
class ColumnMapping:
    """Which column feeds which field, and what was left out and why."""

    headers: list[str]
    fields: dict[int, str] = field(default_factory=dict)
    ignored: list[tuple[int, str, str]] = field(default_factory=list)  # (column, header, reason)
    origin: dict[int, str] = field(default_factory=dict)  # auto / map / remembered
    header_key: str = ""

    def column_of(self, name: str) -> int | None:
        for col, fname in self.fields.items():
            if fname == name:
                return col
        return None


def column_letter(index: int) -> str:
    """0-based column index to Excel letters (0 → A)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def header_key(headers: Sequence[str]) -> str:
    """Stable key of a header set: the hash of the normalised header list."""
    text = "\x1f".join(normalise(h) for h in headers)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_overrides(pairs: Iterable[str]) -> list[tuple[str, str]]:
    """``["表头=field", …]`` → pairs; a malformed pair is a bad command line."""
    out: list[tuple[str, str]] = []
    for pair in pairs:
        if "=" not in pair:
            raise ImportFileError(
                translate("Import", "--map needs the form 表头=field, got “{pair}”.").format(
                    pair=pair
                )
            )
        head, _, target = pair.partition("=")
        if not head.strip():
            raise ImportFileError(
                translate("Import", "--map needs the form 表头=field, got “{pair}”.").format(
                    pair=pair
                )
            )
        out.append((head.strip(), target.strip()))
    return out


def map_columns(
    matcher: HeaderMatcher,
    headers: Sequence[str],
    data_columns: Iterable[int],
    *,
    overrides: Sequence[tuple[str, str]] = (),
    remembered: Mapping[int, str | None] | None = None,
) -> ColumnMapping:
    """Decide each column's field: ``--map`` first, then a remembered mapping, then matching."""
    mapping = ColumnMapping(headers=list(headers), header_key=header_key(headers))
    chosen: dict[int, str | None] = {}
    origin: dict[int, str] = {}
    for head, target in overrides:
        col = _find_column(headers, head)
        chosen[col] = matcher.resolve_field(target)
        origin[col] = "map"
    for col, fname in (remembered or {}).items():
        if col not in chosen and 0 <= col < len(headers):
            chosen[col] = fname
            origin[col] = "remembered"
    used: dict[str, int] = {f: c for c, f in chosen.items() if f}
    columns = sorted(set(range(len(headers))) | set(data_columns))
    for col in columns:
        head = headers[col] if col < len(headers) else ""
        label = head or translate("Import", "column {letter} (no header)").format(
            letter=column_letter(col)
        )
        if col in chosen:
            fname = chosen[col]
            if fname is None:
                mapping.ignored.append((col, label, translate("Import", "ignored by choice")))
            else:
                mapping.fields[col] = fname
                mapping.origin[col] = origin[col]
            continue
        if not head:
            if col in set(data_columns):
                mapping.ignored.append((col, label, translate("Import", "no header")))
            continue
        found = matcher.match(head)
        if found.field is None:
            reason = (
                translate("Import", "could be {fields}").format(fields=" / ".join(found.fields))
                if found.fields
                else translate("Import", "matches no field")
            )
            mapping.ignored.append((col, label, reason))
            continue
        if found.field in used:
            reason = translate("Import", "same field as column {letter}").format(
                letter=column_letter(used[found.field])
            )
            mapping.ignored.append((col, label, reason))
            continue
        used[found.field] = col
        mapping.fields[col] = found.field
        mapping.origin[col] = "auto"
    return mapping


def _find_column(headers: Sequence[str], head: str) -> int:
    key = normalise(head)
    for col, text in enumerate(headers):
        if text == head or (key and normalise(text) == key):
            return col
    if re.fullmatch(r"[A-Z]{1,3}", head):
        number = 0
        for char in head:
            number = number * 26 + ord(char) - 64
        return number - 1
    raise ImportFileError(
        translate("Import", "--map: the file has no column “{head}” (columns: {names}).").format(
            head=head, names="、".join(h for h in headers if h)
        )
    )


# --------------------------------------------------------------------------- memory


def load_remembered(store: Store, ledger: str, key: str) -> dict[int, str | None] | None:
    """The mapping the clerk confirmed last time for this exact header set."""
    with store.read() as s:
        row = s.scalars(
            select(ImportMapping).where(
                ImportMapping.ledger == ledger, ImportMapping.header_key == key
            )
        ).first()
        if row is None:
            return None
        try:
            data = json.loads(row.mapping_json)
            return {int(k): v for k, v in data.get("columns", {}).items()}
        except (ValueError, AttributeError, TypeError):
            return None


def remembered_headers(store: Store, ledger: str) -> list[str]:
    """Header texts the clerk mapped to a field before: they help find the header row."""
    found: list[str] = []
    with store.read() as s:
        for text in s.scalars(
            select(ImportMapping.mapping_json).where(ImportMapping.ledger == ledger)
        ):
            try:
                data = json.loads(text)
                headers = data.get("headers", [])
                for col, fname in data.get("columns", {}).items():
                    if fname and int(col) < len(headers) and headers[int(col)]:
                        found.append(str(headers[int(col)]))
            except (ValueError, AttributeError, TypeError):
                continue
    return found


def save_mapping(
    session: Any,
    ledger: str,
    key: str,
    columns: Mapping[int, str | None],
    headers: Sequence[str] = (),
) -> None:
    """Remember a confirmed mapping inside the caller's transaction (insert or replace)."""
    text = json.dumps(
        {
            "version": 1,
            "headers": list(headers),
            "columns": {str(k): v for k, v in sorted(columns.items())},
        },
        ensure_ascii=False,
    )
    row = session.scalars(
        select(ImportMapping).where(ImportMapping.ledger == ledger, ImportMapping.header_key == key)
    ).first()
    if row is None:
        session.add(
            ImportMapping(ledger=ledger, header_key=key, mapping_json=text, updated_at=audit.now())
        )
    else:
        row.mapping_json = text
        row.updated_at = audit.now()
