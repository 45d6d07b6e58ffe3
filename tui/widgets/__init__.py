"""Widgets of the sayso app: side panes that post messages, and the transcript reader."""
