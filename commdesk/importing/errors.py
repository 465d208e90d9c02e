"""Exceptions of the importer: a file that cannot be imported at all, or a cancel."""

from __future__ import annotations


class ImportFileError(Exception):
    """Nothing can be imported from this file; the message is one line for the clerk.

    Named so it does not shadow Python's built-in ``ImportError``.
    """


class ImportCancelled(Exception):
    """The clerk cancelled a commit; the transaction was rolled back."""
