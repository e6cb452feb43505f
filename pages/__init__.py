"""One thin file per screen, plus the glue they share (ui.py)."""
