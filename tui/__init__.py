"""sayso's terminal app and command line.  Importing this package does not load Textual;
`tui.app` does, and only the app needs it."""

import os

# Textual paints at most 60 frames a second by default, so a search result that is ready
# just after the frame that echoed the keystroke waits up to 17 ms for the next one; 120
# halves that wait.  Frames are only drawn when something changed, so an idle screen costs
# nothing more.  Set here because Textual reads it once, when it is first imported; a value
# the user set wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
