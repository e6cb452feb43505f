"""A vote on the wall: its question and turnout as HTML, and its ranking as a Plotly bar chart.

Sized for a 1920×1080 projector read from the back of a hall: every text at least 24 px.
"""

from html import escape

import plotly.graph_objects as go

from facilitation.core.i18n import t
from facilitation.forum.votes import OptionResult, Turnout
from facilitation.present.thai_wrap import wrap_label
from facilitation.present.vote_bars import BAR_COLOUR, turnout_line

LABEL_PX = 24
LABEL_CHARS = 44  # per line of an option's words; two lines at most
WIDTH = 1300  # the wall's main column beside the QR code, at 1920 pixels
ROW_PX = 66
RANKED_ON_WALL = 10  # what fits under the header of a 1080-pixel screen; the phones list every option


def wall_header(question: str, turnout: Turnout | None, note: str, lang: str, *, compact: bool = False) -> str:
    """The question (as typed: plain text), the turnout in large type, and what the wall waits for.

    `compact`: the ranking follows, so the turnout takes one line of ordinary size.
    """
    heading = f'<div class="vote-question plain-heading">{escape(question)}</div>' if question else ""
    counted = turnout_line(turnout, lang) if turnout is not None else ""
    return (
        f'<div class="vote-wall{" compact" if compact else ""}">{heading}'
        f'<div class="vote-turnout" data-testid="vote-turnout">{escape(counted)}</div>'
        f'<div class="vote-note">{escape(note)}</div></div>'
    )


def ranking_figure(results: list[OptionResult], lang: str) -> go.Figure:
    """The options most dots first, top to bottom, each bar labelled with its dots."""
    shown = list(reversed(results))  # Plotly draws the first category at the bottom
    # Plotly reads a few HTML tags in labels: what people wrote is escaped, lines joined by <br>.
    labels = [
        f"{result.rank}. " + "<br>".join(escape(line, quote=False) for line in wrap_label(result.label, LABEL_CHARS, 2))
        for result in shown
    ]
    figure = go.Figure(
        go.Bar(
            x=[result.dots for result in shown],
            y=labels,
            orientation="h",
            marker_color=BAR_COLOUR,
            text=[t("vote_dots_count", lang, dots=result.dots) for result in shown],
            textposition="outside",
            textfont={"size": LABEL_PX},
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    top = max((result.dots for result in results), default=0)
    figure.update_layout(
        width=WIDTH,
        height=max(300, ROW_PX * len(results) + 80),
        margin={"l": 10, "r": 140, "t": 10, "b": 10},
        font={"size": LABEL_PX, "family": "Sarabun, Noto Sans Thai, Loma, sans-serif"},
        xaxis={"visible": False, "range": [0, max(top, 1) * 1.1]},
        yaxis={"tickfont": {"size": LABEL_PX}, "automargin": True, "ticklabelstandoff": 14},
        plot_bgcolor="#fff",
        paper_bgcolor="#fff",
        showlegend=False,
    )
    return figure
