"""Strings of the gate inspector's gain slider (the hand-wired cell's gate sharpness)."""

STRINGS = {
    "gt.gain.slider": ("gate sharpness = ", "门的陡峭程度 = "),
}
