"""How gradients travel back through time: exact BPTT through every cell, and gradient checks."""
