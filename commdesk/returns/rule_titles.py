"""Audit rules in words: a short title per rule code, in the UI language.

Rule codes (W-SERVICE-HOURS) are stable keys for ``--note RULE=TEXT`` and the
explanations; the clerk reads a title with the code in brackets. The titles
are defined here, away from the screens that show them, so they are marked
with ``QT_TRANSLATE_NOOP`` and translated where shown. A county's own rule
without a title here is shown by its code alone.
"""

from __future__ import annotations

import re

from commdesk.domain.i18n import QT_TRANSLATE_NOOP, Marked, translated

RULE_TITLES: dict[str, Marked] = {
    "E-T1-104-T5": QT_TRANSLATE_NOOP("AuditRules", "Committee members agree with table 5"),
    "E-T1-106-T5": QT_TRANSLATE_NOOP("AuditRules", "Community workers agree with table 5"),
    "E-T1-108-T4": QT_TRANSLATE_NOOP("AuditRules", "Registered volunteers agree with table 4"),
    "E-T1-110-T4": QT_TRANSLATE_NOOP("AuditRules", "Volunteer teams agree with table 4"),
    "E-T3-VOLUNTEER-PEOPLE": QT_TRANSLATE_NOOP(
        "AuditRules", "Volunteers taking part cover every record with volunteers"
    ),
    "E-PROFILE-HOUSEHOLDS": QT_TRANSLATE_NOOP("AuditRules", "Households are filled in"),
    "E-PROFILE-POPULATION": QT_TRANSLATE_NOOP("AuditRules", "Resident population is filled in"),
    "E-PROFILE-DIVISION-CODE": QT_TRANSLATE_NOOP("AuditRules", "Division code has 12 digits"),
    "W-PERSONS-PER-HOUSEHOLD": QT_TRANSLATE_NOOP("AuditRules", "Unusual persons per household"),
    "W-T3-CHANGE": QT_TRANSLATE_NOOP("AuditRules", "Large change from the last return"),
    "W-SERVICE-HOURS": QT_TRANSLATE_NOOP("AuditRules", "Unusually long service hours"),
    "W-SERVICE-PEOPLE": QT_TRANSLATE_NOOP("AuditRules", "Unusually many people served"),
    "W-NO-COMPREHENSIVE-FACILITY": QT_TRANSLATE_NOOP(
        "AuditRules", "No comprehensive service facility"
    ),
    "N-PERIOD-OPEN": QT_TRANSLATE_NOOP("AuditRules", "Period not yet over"),
}
# Rules derived from the layout of every table (see returns.audit.structural_issues).
STRUCTURAL_TITLES: tuple[tuple[re.Pattern[str], Marked], ...] = (
    (
        re.compile(r"^E-[^-]+-C[^-]+-LE-C[^-]+$"),
        QT_TRANSLATE_NOOP("AuditRules", "A part column exceeds its whole"),
    ),
    (
        re.compile(r"^E-[^-]+-[^-]+-LE-[^-]+$"),
        QT_TRANSLATE_NOOP("AuditRules", "A part row exceeds its whole"),
    ),
    (
        re.compile(r"^E-[^-]+-[^-]+-SUM$"),
        QT_TRANSLATE_NOOP("AuditRules", "Total differs from the sum of its rows"),
    ),
)


def rule_title(code: str) -> str:
    """The rule's title in the UI language, or "" for a rule without one."""
    title = RULE_TITLES.get(code)
    if title is None:
        title = next((t for pattern, t in STRUCTURAL_TITLES if pattern.match(code)), None)
    return translated(title) if title is not None else ""


def rule_name(code: str) -> str:
    """What the clerk reads for a rule: "服务时长偏长 (W-SERVICE-HOURS)", or the bare code."""
    title = rule_title(code)
    return f"{title} ({code})" if title else code
