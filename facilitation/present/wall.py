"""HTML for the projector's board: what fits one 1080p screen, read from the back of a hall.

Every card here has a bounded height (texts are clamped to a few lines by the `wall`
styles), and each board shows a bounded number of them, so nothing is cut off at the
bottom of the screen; what does not fit is counted in an "and N more" line. Text
people typed goes through `html.escape`, as on every other card.
"""

from html import escape

from facilitation.core.i18n import format_baht, t
from facilitation.forum.contributions import FeedItem
from facilitation.forum.feed import KindFeed, LatestFeed
from facilitation.forum.plans import CommitmentView, PlanRow
from facilitation.present.cards import item_progress_bar, sector_badge
from facilitation.present.palette import KIND_COLOURS, KIND_ICONS
from facilitation.present.thai_wrap import wrap_label
from models import ContributionKind

# How many cards of each kind a Share column holds at 1920×1080 (measured in the browser).
POSTS_PER_COLUMN = 5
# Plan cards on one screen: two rows of three, or of two beside the newest posts.
PLAN_CARDS = 6
PLAN_CARDS_BESIDE_POSTS = 4
ANSWERS_PER_CARD = 2
# In Act each commitment is read whole, who first (up to COMMITMENT_MAX_LINES, the `wall` styles
# clamp it there): a card shows the newest up to COMMITMENTS_PER_CARD that fit COMMITMENT_LINES
# lines, counting COMMITMENT_COLUMNS a line, a few fewer than an Act card holds at 1920 px (30-34).
COMMITMENTS_PER_CARD = 3
COMMITMENT_LINES = 8
COMMITMENT_MAX_LINES = 4
COMMITMENT_COLUMNS = 28


def _more(count: int, key: str, lang: str, *, tag: str = "div") -> str:
    if count <= 0:
        return ""
    return f'<{tag} class="card-more" data-testid="more">{escape(t(key, lang, count=count))}</{tag}>'


def _who(commitment: CommitmentView) -> str:
    return commitment.organisation or commitment.author or "—"


def newest_commitments(row: PlanRow) -> list[CommitmentView]:
    """The newest commitments of an activity that fit its card on the wall (at least one, if any)."""
    shown: list[CommitmentView] = []
    used = 0
    for commitment in row.commitments[::-1][:COMMITMENTS_PER_CARD]:
        text = f"{_who(commitment)}: {commitment.text}"
        lines = len(wrap_label(text, COMMITMENT_COLUMNS, COMMITMENT_MAX_LINES))
        if shown and used + lines > COMMITMENT_LINES:
            break
        shown.append(commitment)
        used += lines
    return shown


def post_card(item: FeedItem, lang: str, *, lines: int = 3) -> str:
    """One post, clamped to `lines` lines, with who posted it on one line."""
    colour = KIND_COLOURS[item.kind]
    who = " · ".join(part for part in (item.author, item.organisation) if part)
    meta = f'<div class="card-meta">{sector_badge(item.sector, lang)} {escape(who)}</div>' if item.sector else ""
    return (
        f'<div class="card" style="border-left-color:{colour}" data-kind="{item.kind.value}">'
        f'<div class="card-text lines-{lines}">{escape(item.text)}</div>{meta}</div>'
    )


def _heading(kind: ContributionKind, count: int, lang: str) -> str:
    colour = KIND_COLOURS[kind]
    label = f"{KIND_ICONS[kind]} {escape(t(f'kind_{kind.value}', lang))}"
    return f'<h3 style="color:{colour}">{label} <span class="count" data-testid="count">{count}</span></h3>'


def feed_column(column: KindFeed, lang: str) -> str:
    """One kind: its count, its newest posts, and how many more there are."""
    cards = "".join(post_card(item, lang) for item in column.newest)
    if not column.count:
        cards = f'<div class="card-empty">{escape(t("feed_empty", lang))}</div>'
    return (
        f'<section class="feed-column" data-kind="{column.kind.value}">{_heading(column.kind, column.count, lang)}'
        f"{cards}{_more(column.more, 'feed_more', lang)}</section>"
    )


def held_note(lang: str) -> str:
    """The line the wall shows while posts wait for the facilitator's reveal."""
    return f'<div class="held-note" data-testid="held-note">🔒 {escape(t("reveal_hidden_note", lang))}</div>'


def held_column(column: KindFeed, lang: str) -> str:
    """One kind while the posts are held: its count only, never a text."""
    return (
        f'<section class="feed-column held" data-kind="{column.kind.value}">'
        f"{_heading(column.kind, column.count, lang)}</section>"
    )


def held_feed_board(feed: LatestFeed, lang: str) -> str:
    """The Share board before the reveal: each kind's count moving live, and why no text shows."""
    columns = "".join(held_column(column, lang) for column in feed.kinds)
    return f'<div class="feed-board wall held">{columns}</div>{held_note(lang)}'


def held_recent_posts(feed: LatestFeed, lang: str) -> str:
    """Plan's column of newest posts before the reveal: how many there are, no text."""
    heading = f'{escape(t("wall_recent_posts", lang))} <span class="count" data-testid="count">{feed.total}</span>'
    return f'<section class="feed-column wall recent held"><h3>{heading}</h3>{held_note(lang)}</section>'


def feed_board(feed: LatestFeed, lang: str) -> str:
    """Every kind side by side: the Share stage's board."""
    return f'<div class="feed-board wall">{"".join(feed_column(column, lang) for column in feed.kinds)}</div>'


def recent_posts(feed: LatestFeed, count: int, lang: str) -> str:
    """The newest `count` posts of any kind, in one column beside the plan."""
    items = feed.newest(count)
    cards = "".join(post_card(item, lang, lines=2) for item in items)
    if not items:
        cards = f'<div class="card-empty">{escape(t("feed_empty", lang))}</div>'
    heading = f'{escape(t("wall_recent_posts", lang))} <span class="count" data-testid="count">{feed.total}</span>'
    return (
        f'<section class="feed-column wall recent"><h3>{heading}</h3>{cards}'
        f"{_more(feed.total - len(items), 'feed_more', lang)}</section>"
    )


def plan_card(row: PlanRow, lang: str, *, with_commitments: bool) -> str:
    """An activity as the room reads it from afar: what, who leads, money, and what it answers or who committed."""
    item = row.item
    facts = " · ".join(
        part
        for part in (
            item.lead_organisation,
            format_baht(item.budget_baht, lang) if item.budget_baht else "",
        )
        if part
    )
    facts_html = f'<div class="fact">{escape(facts)}</div>' if facts else ""
    if row.themes:  # the themes it answers, on one line (the wall's facts are clamped to one)
        names = " · ".join(theme.name for theme in row.themes)
        facts_html += f'<div class="fact themes" data-testid="plan-themes">🗂 {escape(names)}</div>'
    answers = "".join(
        f'<li style="color:{KIND_COLOURS[ContributionKind(answer.kind)]}">{escape(answer.text)}</li>'
        for answer in row.answers[:ANSWERS_PER_CARD]
    )
    answers_html = f'<ul class="answers">{answers}</ul>{_more(len(row.answers) - ANSWERS_PER_CARD, "feed_more", lang)}'
    commitments_html = ""
    if with_commitments:
        # In Act the room watches who commits: the commitments take the answers' place.
        answers = ""
        # How many more there are goes beside the count, leaving the card's lines to the commitments.
        newest = newest_commitments(row)
        entries = "".join(f"<li><b>{escape(_who(c))}</b>: {escape(c.text)}</li>" for c in newest)
        commitments_html = (
            f'<div class="fact-label">🤝 {escape(t("plan_commitments", lang))} '
            f'<span class="count" data-testid="count">{len(row.commitments)}</span>'
            f"{_more(len(row.commitments) - len(newest), 'feed_more', lang, tag='span')}</div>"
            f'<ul class="commitments">{entries}</ul>'
        )
    return (
        f'<article class="plan-card" data-item="{item.id}"><h4>{row.number}. {escape(item.activity)}</h4>'
        f"{item_progress_bar(row.progress, lang)}{facts_html}{answers_html if answers else ''}{commitments_html}"
        "</article>"
    )


def plan_board(rows: list[PlanRow], lang: str, *, with_commitments: bool, cards: int = PLAN_CARDS) -> str:
    """The newest `cards` activities of the plan, and how many earlier ones are not shown."""
    if not rows:
        return f'<div class="card-empty wall-empty">{escape(t("plan_empty", lang))}</div>'
    shown = rows[-cards:]
    board = "".join(plan_card(row, lang, with_commitments=with_commitments) for row in shown)
    return f'<div class="plan-board wall">{board}</div>{_more(len(rows) - len(shown), "wall_earlier_activities", lang)}'


def plan_with_posts(
    rows: list[PlanRow], feed: LatestFeed, posts: int, lang: str, *, with_commitments: bool, held: bool = False
) -> str:
    """The plan as it forms, with the newest posts (or, `held`, their count) in a column beside it (the Plan stage)."""
    plan = plan_board(rows, lang, with_commitments=with_commitments, cards=PLAN_CARDS_BESIDE_POSTS)
    column = held_recent_posts(feed, lang) if held else recent_posts(feed, posts, lang)
    return f'<div class="wall-split"><div>{plan}</div>{column}</div>'
