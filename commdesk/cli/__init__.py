"""Command line: ``commdesk`` with no command starts the window.

``registry`` builds the parser and the dispatch from one list of commands; one
module here per command. ``contract`` holds the exit statuses every command keeps.
"""

from commdesk.cli.registry import build_parser, main

__all__ = ["build_parser", "main"]
