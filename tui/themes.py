"""sayso's two themes, as data.  Colours here; every .tcss uses only the variables they define."""

from __future__ import annotations

from textual.theme import Theme

SAYSO_DARK = Theme(
    name="sayso-dark",
    primary="#5fafd7",
    secondary="#87af87",
    accent="#d7af5f",
    warning="#d7875f",
    error="#d75f5f",
    success="#87af5f",
    foreground="#d0d0d0",
    background="#1c1c1c",
    surface="#262626",
    panel="#303030",
    dark=True,
    variables={
        "speaker-0": "#5fafd7",
        "speaker-1": "#d7af5f",
        "speaker-2": "#87af87",
        "speaker-3": "#d787af",
        "speaker-4": "#af87d7",
        "speaker-5": "#5fd7af",
        "sentence-background": "#3a3a3a",
        "muted-foreground": "#8a8a8a",
        "dim-foreground": "#626262",
        "hit-background": "#875f00",
        "quote-background": "#005f5f",
        "footer-key-foreground": "#d7af5f",
    },
)

SAYSO_LIGHT = Theme(
    name="sayso-light",
    primary="#005f87",
    secondary="#5f875f",
    accent="#875f00",
    warning="#af5f00",
    error="#af0000",
    success="#5f8700",
    foreground="#1c1c1c",
    background="#ffffff",
    surface="#eeeeee",
    panel="#e4e4e4",
    dark=False,
    variables={
        "speaker-0": "#005f87",
        "speaker-1": "#875f00",
        "speaker-2": "#005f00",
        "speaker-3": "#870087",
        "speaker-4": "#5f00af",
        "speaker-5": "#00875f",
        "sentence-background": "#dadada",
        "muted-foreground": "#6c6c6c",
        "dim-foreground": "#a8a8a8",
        "hit-background": "#ffd75f",
        "quote-background": "#afd7d7",
        "footer-key-foreground": "#875f00",
    },
)

THEMES = (SAYSO_DARK, SAYSO_LIGHT)
