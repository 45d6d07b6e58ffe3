"""Screens and modal dialogs of the sayso app, one per module."""
