"""``commdesk consolidate FILE_OR_DIR … --period P --out FILE``: registered here; its
options and handler are commdesk/returns/consolidate_cli.py."""

from __future__ import annotations

from commdesk.cli.registry import command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP
from commdesk.returns import consolidate_cli as face

run = command(
    "consolidate",
    QT_TRANSLATE_NOOP(
        "Cli", "consolidate committees' return workbooks into the township's return (汇总)"
    ),
    add_arguments=face.add_arguments,
    # Committees' figures and the township roster (units, signatories): no resident's data.
    personal_data=False,
)(face.run)
