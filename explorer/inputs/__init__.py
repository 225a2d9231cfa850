"""What goes into a model: built-in and uploaded sequences, texts, typed text, presets, weights files."""
