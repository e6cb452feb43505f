"""HTML for the projector's "state and community" view: the sectors side by side.

Each sector is a column of the same rows (people, posts of each kind as bars on one scale,
what it voted for once the vote's results are the room's, commitments and who made them, the
words its posts raised most), so the room reads across
the columns and sees where the state's and the community's welfare work meet and differ.
"""

from html import escape

from facilitation.core.i18n import t
from facilitation.forum.sides import SectorSide, Sides
from facilitation.present.palette import KIND_COLOURS, KIND_ICONS, SECTOR_COLOURS
from facilitation.present.word_cloud import ranked
from models import ContributionKind

WORDS_SHOWN = 5  # a sector's top words: read across the columns from the back of a hall


def _bars(side: SectorSide, scale: int, lang: str) -> str:
    rows = []
    for kind in ContributionKind:
        count = side.posts[kind]
        width = 0 if not scale else round(100 * count / scale)
        rows.append(
            f'<div class="side-kind" data-kind="{kind.value}">'
            f'<span class="side-kind-label">{KIND_ICONS[kind]} {escape(t(f"kind_{kind.value}", lang))}</span>'
            f'<span class="side-bar"><span style="width:{width}%;background:{KIND_COLOURS[kind]}"></span></span>'
            f'<span class="side-count" data-testid="count">{count}</span></div>'
        )
    return "".join(rows)


def _words(side: SectorSide, left_out: tuple[str, ...], lang: str, *, held: bool) -> str:
    if held:
        return ""
    top = ranked(side.words, exclude=left_out, limit=WORDS_SHOWN)
    shown = " · ".join(escape(word.text) for word in top) or escape(t("sides_none", lang))
    return f'<div class="side-words"><span class="side-label">{escape(t("sides_words", lang))}</span> {shown}</div>'


def _voted(side: SectorSide, shown: bool, lang: str) -> str:
    if not shown:
        return ""
    chose = " · ".join(escape(label) for label in side.voted_for) or escape(t("sides_none", lang))
    return (
        f'<div class="side-voted"><span class="side-label">{escape(t("sides_dots", lang, count=side.dots))}</span> '
        f"{chose}</div>"
    )


def _column(side: SectorSide, scale: int, left_out: tuple[str, ...], lang: str, *, held: bool, voted: bool) -> str:
    colour = SECTOR_COLOURS[side.sector]
    who = ", ".join(escape(name) for name in side.organisations)
    committed = escape(t("sides_commitments", lang, count=side.commitments))
    return (
        f'<section class="side" data-sector="{side.sector.value}" style="border-top-color:{colour}">'
        f'<h3 style="color:{colour}">{escape(t(f"sector_{side.sector.value}", lang))}</h3>'
        f'<div class="side-people"><span class="big-number">{side.people}</span> '
        f"{escape(t('sides_people', lang))}</div>"
        f'<div class="side-label">{escape(t("sides_posts", lang, count=side.total_posts))}</div>'
        f"{_bars(side, scale, lang)}"
        f"{_voted(side, voted, lang)}"
        f'<div class="side-committed">{committed}{f"<div class=side-who>{who}</div>" if who else ""}</div>'
        f"{_words(side, left_out, lang, held=held)}</section>"
    )


def sides_html(sides: Sides, lang: str, *, held: bool) -> str:
    """The sectors side by side; `held`: the posts wait for a reveal, so their words are not shown."""
    scale = max((count for side in sides.sides for count in side.posts.values()), default=0)
    voted = sides.vote_question is not None
    columns = "".join(_column(side, scale, sides.left_out, lang, held=held, voted=voted) for side in sides.sides)
    return f'<div class="sides-board" style="--sides:{len(sides.sides)}">{columns}</div>'
