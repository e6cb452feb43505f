"""The dashboard's charts, drawn from its tables so that a chart and its download say the same thing.

Labels are ours (sectors, statuses, funds, categories), never what someone typed; Thai labels get
a Thai font first and room to the left of the bars.
"""

from typing import Any

import plotly.graph_objects as go

from facilitation.core.i18n import t
from facilitation.exports.table_shape import Cell, Table

FONT = {"family": "Sarabun, Noto Sans Thai, Loma, Tahoma, sans-serif", "size": 15}
BAR_COLOUR = "#2e7d5b"
ROW_PX = 38


def _number(value: Cell) -> int:
    return value if isinstance(value, int) else 0


def _layout(figure: go.Figure, rows: int, **extra: Any) -> go.Figure:
    figure.update_layout(
        height=max(220, ROW_PX * rows + 90),
        margin={"l": 10, "r": 30, "t": 10, "b": 40},
        font=FONT,
        plot_bgcolor="#fff",
        paper_bgcolor="#fff",
        showlegend=False,
        **extra,
    )
    return figure


def bars(table: Table, column: int, lang: str) -> go.Figure:
    """A horizontal bar per row of `table`: its first cell the label, column `column` the length."""
    rows = list(reversed(table.rows))  # Plotly draws the first category at the bottom
    values = [_number(row[column]) for row in rows]
    figure = go.Figure(
        go.Bar(
            x=values,
            y=[str(row[0]) for row in rows],
            orientation="h",
            marker_color=BAR_COLOUR,
            text=[f"{value:,}" for value in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    axis = "dashboard_baht_axis" if table.columns[column].kind == "baht" else "dashboard_count_axis"
    top = max(values, default=0)
    return _layout(
        figure,
        len(rows),
        xaxis={"title": t(axis, lang), "range": [0, max(top, 1) * 1.18], "tickformat": ",d", "gridcolor": "#eee"},
        yaxis={"automargin": True, "ticklabelstandoff": 8},
    )


def heat_map(table: Table, lang: str) -> go.Figure:
    """The fund × category table as a matrix of baht: funds down, categories across, the total column left out."""
    # "เจ็บป่วย/นอนโรงพยาบาล": two short lines, so neighbouring categories' names stay apart.
    categories = [column.heading.replace("/", "/<br>") for column in table.columns[1:-1]]
    funds = [str(row[0]) for row in table.rows]
    cells = [[_number(value) for value in row[1:-1]] for row in table.rows]
    figure = go.Figure(
        go.Heatmap(
            z=cells,
            x=categories,
            y=funds,
            colorscale="Greens",
            text=[[f"{value:,}" if value else "" for value in row] for row in cells],
            texttemplate="%{text}",
            hovertemplate="%{y} → %{x}: %{z:,} " + t("dashboard_baht_axis", lang) + "<extra></extra>",
            xgap=2,
            ygap=2,
            showscale=False,
        )
    )
    return _layout(
        figure,
        max(len(funds), 2) + 1,
        xaxis={"side": "top", "automargin": True, "tickangle": 0},
        yaxis={"automargin": True, "autorange": "reversed", "ticklabelstandoff": 8},
    )
