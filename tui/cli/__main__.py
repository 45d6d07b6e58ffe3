"""`python -m tui.cli ...` runs the `sayso` command (handy where the console script is not on PATH)."""

from __future__ import annotations

import sys

from tui.cli import main

sys.exit(main())
