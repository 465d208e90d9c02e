"""One service module per ledger; see :mod:`commdesk.store.services.base`."""
