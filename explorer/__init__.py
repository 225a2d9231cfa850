"""RNN Explorer's model package: NumPy float64 math, data loading, figures and text.

Pure Python: never imports streamlit. Pages call it; tests check it against torch and the tutorials.
"""
