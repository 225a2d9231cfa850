"""The cells and networks, forward and backward in NumPy (torch twins where torch is the proof)."""
