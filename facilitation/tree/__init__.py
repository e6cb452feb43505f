"""The welfare tree: its data, a deterministic layout, the Plotly figures, the facilitator's tools and its exports."""
