"""HTML for the projector's themes view: each theme's name and how many posts it holds.

Laid out for one 1920×1080 screen read from the back of a hall: names at least 28 px, clamped
to two lines, counts larger still; at most THEMES_SHOWN cards, the biggest first, and "and N more"
for the rest. While the stage's posts are held for the reveal, the wall shows counts only: the
names (often the posts' own words) wait with the posts. Names go through `html.escape`.
"""

from html import escape

from facilitation.core.i18n import t
from facilitation.present.wall import held_note

THEMES_SHOWN = 12  # three rows of four


def theme_wall(options: list[tuple[int, str, int]], lang: str, *, held: bool) -> str:
    """Cards of (theme id, name, post count), largest first (ties in the order made), or a note when none."""
    if not options:
        return f'<div class="card-empty wall-empty" data-testid="themes-empty">{escape(t("themes_empty", lang))}</div>'
    numbered = [(number, *option) for number, option in enumerate(options, start=1)]
    ranked = sorted(numbered, key=lambda entry: (-entry[3], entry[0]))
    cards = []
    for number, theme_id, name, count in ranked[:THEMES_SHOWN]:
        label = t("projector_theme_number", lang, number=number) if held else name
        cards.append(
            f'<article class="theme-card" data-theme="{theme_id}"><div class="theme-name">{escape(label)}</div>'
            f'<div class="theme-count"><span class="big-number" data-testid="count">{count}</span> '
            f"{escape(t('projector_theme_posts', lang))}</div></article>"
        )
    more = len(ranked) - THEMES_SHOWN
    more_html = (
        f'<div class="card-more" data-testid="more">{escape(t("projector_themes_more", lang, count=more))}</div>'
        if more > 0
        else ""
    )
    note = held_note(lang) if held else ""
    return f'<div class="theme-board wall{" held" if held else ""}">{"".join(cards)}</div>{more_html}{note}'
