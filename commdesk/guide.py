"""The user guide: one Markdown page per ledger and per task, in Chinese and English.

One source: the pages live in ``resources/guide/<lang>/<topic>.md``; the help
window shows them (F1) and the README's user-guide sections are generated from
them (``scripts/guide_readme.py``; a test checks the README is up to date).
The returns page also gets a section per audit rule, generated from the return
definition, so each issue can link to its rule's explanation. No Qt here.
"""

from __future__ import annotations

import re
from pathlib import Path

from commdesk.paths import resources_dir

LANGUAGES = ("zh", "en")
# Reading order: the README and the help window's contents list follow it.
TOPICS = (
    "first_run",
    "entering",
    "services",
    "facilities",
    "volunteers",
    "workers",
    "importing",
    "returns",
    "submitting",
    "overview",
    "consolidation",
    "backups",
    "settings",
    "accounts",
    "server",
    "privacy",
)
README_MARKERS = {
    "zh": ("<!-- guide:zh (generated from resources/guide/zh by scripts/guide_readme.py) -->",
           "<!-- /guide:zh -->"),
    "en": ("<!-- guide:en (generated from resources/guide/en by scripts/guide_readme.py) -->",
           "<!-- /guide:en -->"),
}  # fmt: skip
RULES_HEADING = {"zh": "审核规则", "en": "Audit rules"}
LEVELS = {
    "zh": {"error": "错误", "warning": "警告", "notice": "提示"},
    "en": {"error": "Error", "warning": "Warning", "notice": "Notice"},
}
_STRUCTURAL = (  # the audit's layout rules (returns.audit.structural_issues), one heading each
    (re.compile(r"^E-[^-]+-C[^-]+-LE-C[^-]+$"), "E-TABLE-COLUMN-LE-COLUMN"),
    (re.compile(r"^E-[^-]+-[^-]+-LE-[^-]+$"), "E-TABLE-ROW-LE-ROW"),
    (re.compile(r"^E-[^-]+-[^-]+-SUM$"), "E-TABLE-ROW-SUM"),
)
_STRUCTURAL_TEXT = {
    "zh": {
        "E-TABLE-COLUMN-LE-COLUMN": ("“其中”列大于总数列",
                                     "表中“其中”一列的数不能大于它所属的总数列。"),
        "E-TABLE-ROW-LE-ROW": ("“其中”行大于总数行", "表中“其中”一行的数不能大于它所属的总数行。"),
        "E-TABLE-ROW-SUM": ("合计不等于各行之和", "合计行必须等于它所合计的各行之和。"),
    },
    "en": {
        "E-TABLE-COLUMN-LE-COLUMN": ("A part column exceeds its whole",
                                     "A column counted 'of which' cannot exceed its total column."),
        "E-TABLE-ROW-LE-ROW": ("A part row exceeds its whole",
                               "A row counted 'of which' cannot exceed its total row."),
        "E-TABLE-ROW-SUM": ("Total differs from the sum of its rows",
                            "A total row must equal the sum of the rows it totals."),
    },
}  # fmt: skip


def guide_dir(lang: str) -> Path:
    return resources_dir() / "guide" / lang


def page_text(topic: str, lang: str) -> str:
    return (guide_dir(lang) / f"{topic}.md").read_text(encoding="utf-8")


def page_title(topic: str, lang: str) -> str:
    first = page_text(topic, lang).splitlines()[0]
    return first.removeprefix("# ").strip()


def rule_anchor(code: str) -> str:
    """The heading a rule's issue links to: its own code, or its layout rule's."""
    for pattern, anchor in _STRUCTURAL:
        if pattern.match(code):
            return anchor
    return code


def rules_markdown(lang: str, rules: list[tuple[str, str, str, str]]) -> str:
    """A section per rule: ``rules`` are (code, level, title, message) from the definition."""
    colon = "：" if lang == "zh" else ": "
    lines = [f"## {RULES_HEADING[lang]}", ""]
    for code, level, title, message in rules:
        heading = f"{title} ({code})" if title else code
        level_text = LEVELS[lang].get(level, level)
        lines += [f"### {heading}", "", f"**{level_text}**{colon}{rule_text(message)}", ""]
    for anchor, (title, text) in _STRUCTURAL_TEXT[lang].items():
        lines += [f"### {title} ({anchor})", "", f"**{LEVELS[lang]['error']}**{colon}{text}", ""]
    return "\n".join(lines)


def rule_text(message: str) -> str:
    """A rule's message without the figures the audit fills in ({count} → …)."""
    return re.sub(r"\{[a-z_]+\}", "…", message)


def readme_section(lang: str) -> str:
    """The README's user guide in ``lang``: every page, its headings one level down."""
    parts = []
    for topic in TOPICS:
        text = page_text(topic, lang).strip()
        parts.append(re.sub(r"^(#+) ", r"\1## ", text, flags=re.MULTILINE))
    return "\n\n".join(parts) + "\n"


def update_readme(text: str) -> str:
    """``text`` (the README) with both guide sections regenerated between their markers."""
    for lang, (start, end) in README_MARKERS.items():
        before, found, rest = text.partition(start)
        if not found:
            raise ValueError(f"README has no marker {start}")
        _old, found, after = rest.partition(end)
        if not found:
            raise ValueError(f"README has no marker {end}")
        text = f"{before}{start}\n\n{readme_section(lang)}\n{end}{after}"
    return text
