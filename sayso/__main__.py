"""`python -m sayso ...` runs the `sayso` command (handy where the console script is not on PATH)."""

from __future__ import annotations

import sys

from sayso.cli import main

if __name__ == "__main__":  # import-safe: worker processes of a folder import import it again
    sys.exit(main())
