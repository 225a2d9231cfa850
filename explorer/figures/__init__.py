"""Figure builders: data in, `go.Figure` out. One module per page, named after it; one theme
(`theme.py`: the look); `serialise.py` turns a figure into the JSON the browser gets."""
