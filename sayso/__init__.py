"""sayso: a keyboard-driven terminal reader for transcripts.

The package maps the project's folders into one namespace: `sayso.corpus` (corpus/,
the headless library), `sayso.tui` (tui/, the Textual app), `sayso.styles` (styles/,
the app's stylesheets) and `sayso.cli` (the `sayso` command). Importing `sayso` loads
neither front end.
"""

__version__ = "0.1.0"
