"""``commdesk import KIND FILE``: registered here; its options and handler are the
importer's command-line face, commdesk/importing/cli.py."""

from __future__ import annotations

from commdesk.cli.registry import Folder, command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP
from commdesk.importing import cli as face

run = command(
    "import",
    QT_TRANSLATE_NOOP("Cli", "import a legacy spreadsheet (xlsx, xls, ods, csv) into a ledger"),
    add_arguments=face.add_arguments,
    folder=Folder.CREATES,
)(face.run)
