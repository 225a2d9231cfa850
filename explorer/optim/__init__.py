"""Optimizers as pure steps, and the race between them on the counting-ones loss surface."""
