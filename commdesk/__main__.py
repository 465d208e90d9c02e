"""``python -m commdesk``: same as the ``commdesk`` command."""

from commdesk.cli import main

raise SystemExit(main())
