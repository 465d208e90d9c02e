"""Paper: print preview, printing and PDF files of returns, rosters and certificates.

QtGui only (no widgets, no QtPrintSupport): the GUI hands a QPrinter to
:func:`paint_document`, the CLI and tests write files with :func:`write_pdf`.
Describe the printout with the blocks of :mod:`commdesk.paper.blocks`.
"""
