"""How stored values read on screen: labels for codes, masked IDs, 是/否.

Shared by the table model and the forms so a value never looks different in
two places.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.ledgers import (
    BOOL,
    CHOICE,
    CHOICES,
    DATE,
    FLOAT,
    GENDER,
    ID_NUMBER,
    INT,
    TEAM,
    VOLUNTEERS,
    YEAR,
    Field,
)
from commdesk.domain.validators import mask_id

translate = QCoreApplication.translate

NUMERIC_KINDS = (INT, FLOAT, YEAR)


def yes_no(value: bool) -> str:
    return translate("Display", "Yes") if value else translate("Display", "No")


def gender_label(code: str | None) -> str:
    if code == "M":
        return translate("Display", "Male")
    if code == "F":
        return translate("Display", "Female")
    return ""


def format_number(value: float | int) -> str:
    """Whole numbers without ".0", others with at most two decimals."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def display_value(
    f: Field,
    value: Any,
    catalogues: Catalogues,
    *,
    team_names: dict[int, str] | None = None,
    show_full_ids: bool = False,
) -> str:
    if f.kind == BOOL:
        return yes_no(bool(value))
    if value is None or value == "":
        return ""
    if f.kind == CHOICE and f.catalogue:
        return catalogues[f.catalogue].label(str(value))
    if f.kind == CHOICES and f.catalogue:
        return "、".join(catalogues[f.catalogue].label(str(code)) for code in value)
    if f.kind == ID_NUMBER:
        return str(value) if show_full_ids else mask_id(str(value))
    if f.kind == GENDER:
        return gender_label(str(value))
    if f.kind == DATE:
        if isinstance(value, datetime):
            value = value.date()
        return value.isoformat() if isinstance(value, date) else str(value)
    if f.kind in NUMERIC_KINDS and isinstance(value, int | float):
        return format_number(value)
    if f.kind == TEAM:
        return (team_names or {}).get(int(value), "")
    if f.kind == VOLUNTEERS:
        return str(len(value))
    return str(value)
