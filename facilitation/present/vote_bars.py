"""A vote's results and turnout as plain HTML: bars a phone draws without a charting library.

Labels are what people wrote (a post's words): escaped, never markup.
"""

from html import escape

from facilitation.core.i18n import t
from facilitation.forum.votes import OptionResult, Turnout

BAR_COLOUR = "#1b5e20"


def result_bars(results: list[OptionResult], lang: str) -> str:
    """One row per option, most dots first: its rank, its words, a bar as long as its share of the top."""
    top = max((result.dots for result in results), default=0) or 1
    rows = []
    for result in results:
        width = round(100 * result.dots / top)
        rows.append(
            f'<div class="vote-bar" role="listitem" data-testid="vote-bar" data-dots="{result.dots}">'
            f'<div class="vote-bar-head"><span class="vote-rank">{result.rank}</span>'
            f'<span class="vote-label">{escape(result.label)}</span>'
            f'<span class="vote-dots">{escape(t("vote_dots_count", lang, dots=result.dots))}</span></div>'
            f'<div class="vote-track"><div class="vote-fill" style="width:{width}%;background:{BAR_COLOUR}">'
            "</div></div></div>"
        )
    return f'<div class="vote-bars" role="list">{"".join(rows)}</div>'


def turnout_line(turnout: Turnout, lang: str) -> str:
    """How many have voted, and the dots spent of every joined person's budget."""
    return t(
        "vote_turnout",
        lang,
        voters=turnout.voters,
        joined=turnout.joined,
        spent=turnout.dots_spent,
        total=turnout.dots_total,
    )
