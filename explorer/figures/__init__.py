"""Figure builders: data in, `go.Figure` out. One theme (`theme.py`), one module per view."""
