"""sayso's terminal app and command line.  Importing this package does not load Textual;
`tui.app` does, and only the app needs it."""
