"""sayso: a keyboard-driven terminal reader for transcripts.

The package maps the project's folders into one namespace: `sayso.corpus` (corpus/,
the headless library), `sayso.tui` (tui/, the Textual app), `sayso.styles` (styles/,
the app's stylesheets) and `sayso.cli` (the `sayso` command). Importing `sayso` loads
neither front end.
"""

import logging

__version__ = "0.1.0"

# sayso logs only where asked (--debug, SAYSO_LOG: sayso.diagnostics); without this, Python's last-resort
# handler would print an error's traceback to stderr, over the app's screen.
logging.getLogger("sayso").addHandler(logging.NullHandler())
