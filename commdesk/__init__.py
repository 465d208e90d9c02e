"""CommDesk: offline ledgers and statistical returns for community committees."""

__version__ = "0.1.0"
