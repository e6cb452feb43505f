"""Projector: the join QR code and the forum as it happens, refreshed in place.

Opened on the wall by the projector's own link (read-only, this page only), or by
the facilitator from their menu to look at it on the laptop.
"""

from datetime import date
from html import escape

import streamlit as st

from facilitation.core.errors import NotAuthorised
from facilitation.forum.access import authorise_projector
from facilitation.forum.feed import LatestFeed, latest_feed
from facilitation.forum.follow_up import REVIEW_TOPICS, review_board
from facilitation.forum.forums import Headline, authorise_facilitator, headline
from facilitation.forum.plans import PlanRow, plan
from facilitation.forum.policy import accepts_input, stage_rules
from facilitation.forum.post_texts import room_words
from facilitation.forum.reveal import RevealView, reveal_view
from facilitation.forum.sides import sector_sides
from facilitation.forum.themes import theme_options
from facilitation.forum.timer import TimerStatus, TimerView, timer_view
from facilitation.forum.votes import latest_vote, room_vote
from facilitation.live.changes import Topic
from facilitation.present import wall
from facilitation.present.review_cards import review_board_html
from facilitation.present.sides import sides_html
from facilitation.present.theme_wall import theme_wall
from facilitation.present.vote_chart import RANKED_ON_WALL, ranking_figure, wall_header
from facilitation.present.word_cloud import cloud_html, ranked
from facilitation.tree.view import forum_tree
from models import Forum, Stage, Vote, VoteStatus, saved_id
from pages import live, stage_timer, ui

ui.ensure_routed(__file__)

# What each view shows, and the fewest seconds between two redraws each may cause: a hall
# posting and joining at once redraws the wall once a second, the facilitator's moves at once.
ROOM_SECONDS = 1.0
WORDS_SECONDS = 5.0
# A hall spending its dots moves the turnout many times a second: the wall redraws it at most this often.
VOTES_SECONDS = 2.0
WATCHED = {
    # The plan's cards carry each activity's progress bar: owners report from anywhere, any time.
    "feed": {Topic.STAGE: 0.0, Topic.PEOPLE: ROOM_SECONDS, Topic.POSTS: ROOM_SECONDS, Topic.PLAN: 0.0,
             Topic.COMMITMENTS: ROOM_SECONDS, Topic.TIMER: 0.0, Topic.REVEAL: 0.0, Topic.PROGRESS: ROOM_SECONDS},
    # Every post, merge or category the tree draws moves TREE (facilitation/live/changes.py).
    "tree": {Topic.STAGE: 0.0, Topic.PEOPLE: ROOM_SECONDS, Topic.TREE: 0.0, Topic.TIMER: 0.0},
    # The words settle slowly; a cloud laid out anew every second would never be read.
    "words": {Topic.STAGE: 0.0, Topic.PEOPLE: ROOM_SECONDS, Topic.POSTS: WORDS_SECONDS, Topic.TIMER: 0.0,
              Topic.REVEAL: 0.0, Topic.WORDS: 0.0},
    # A withdrawn post in a theme moves THEMES too (facilitation/forum/contributions.py).
    "themes": {Topic.STAGE: 0.0, Topic.PEOPLE: ROOM_SECONDS, Topic.THEMES: 0.0, Topic.TIMER: 0.0,
               Topic.REVEAL: 0.0},
    # Counts by sector: the room's joins, posts and commitments at most once a second.
    "vote": {Topic.STAGE: 0.0, Topic.PEOPLE: ROOM_SECONDS, Topic.TIMER: 0.0, Topic.VOTES: VOTES_SECONDS},
    "sides": {Topic.STAGE: 0.0, Topic.PEOPLE: ROOM_SECONDS, Topic.POSTS: ROOM_SECONDS, Topic.COMMITMENTS: ROOM_SECONDS,
              Topic.TIMER: 0.0, Topic.REVEAL: 0.0, Topic.WORDS: 0.0, Topic.VOTES: VOTES_SECONDS},
}  # fmt: skip
# The Review board (a follow-up forum) redraws for an item carried or a report, at most once a second.
for _topic in REVIEW_TOPICS:
    WATCHED["feed"].setdefault(_topic, ROOM_SECONDS)
# Every view hears a vote open, close or reveal at once: the wall then turns to the vote.
for _topics in WATCHED.values():
    _topics[Topic.VOTING] = 0.0
VIEWS = ("feed", "tree", "sankey", "words", "themes", "vote", "sides")
PLOT_CONFIG = {"displayModeBar": False, "displaylogo": False}
TREE_LABEL_PX = 20  # read from the back of a hall: what does not fit at this size folds into "+N more"
# Under the one-line header of a 1920×1080 screen the tree views have about 1470×950 pixels:
# the tree's canvas with its legend above it, or the Sankey, which folds what does not fit.
VIEW_WIDTH = 1440
TREE_HEIGHT = 780
SANKEY_HEIGHT = 860

visitor = ui.visitor()


def _authorised(session: ui.Session) -> Forum:
    if visitor.role == "projector":
        return authorise_projector(session=session, code=visitor.code, screen=visitor.secret)
    return authorise_facilitator(session=session, code=visitor.code, key=visitor.secret)


forum = ui.read(_authorised)
forum_id = saved_id(forum)
ui.page_setup(f"{ui.tr('nav_projector')} · {forum.title}", wide=True)
lang = ui.lang()
# Only the join link: the wall never holds the facilitator's key, even unseen.
links = ui.forum_links(forum.code)

# A vote opened or revealed turns the wall to it (see _turn_to_vote); the segmented control below
# is told before it is drawn, as a widget's value cannot change once it is on the page.
if turned := st.session_state.pop("projector_view_next", None):
    st.session_state["projector_view"] = turned
# The tree needs the width: its view keeps only a small QR code beside it.
view = st.session_state.get("projector_view") or "feed"
side, main = st.columns([1, 3] if view == "feed" else [1, 6], gap="large")
with side:
    if links is None:
        st.error(ui.tr("error_no_address"))
    else:
        st.image(links.qr_png, width="stretch")
        st.html(
            f'<div class="projector-side"><div class="plain-small">{escape(ui.tr("projector_scan"))}</div>'
            f'<div class="join-code" data-testid="join-code">{forum.code}</div>'
            f'<div class="join-url">{escape(links.join)}</div></div>'
        )


@st.fragment
def _live(view: str) -> None:
    # A tick reruns only this fragment, never the router: check the link here too, so
    # a screen whose link was replaced from the console stops showing the forum.
    def tick(session: ui.Session) -> tuple[Headline, TimerView, RevealView, Vote | None]:
        _authorised(session)
        return (
            headline(session=session, forum_id=forum_id),
            timer_view(session=session, forum_id=forum_id),
            reveal_view(session=session, forum_id=forum_id),
            latest_vote(session=session, forum_id=forum_id),
        )

    seen = live.seen(forum_id)  # before what the view reads: a later change redraws it
    try:
        top, timer, reveal, vote = ui.read(tick)
    except NotAuthorised:
        st.rerun(scope="app")  # the router then refuses the old link
    _turn_to_vote(vote, view)
    # Inside this fragment: a change redraws the view, not the QR code beside it. A new link
    # bumps the stage, so a screen whose link was replaced is checked and stopped at once.
    watched = WATCHED.get(view, WATCHED["tree"])  # the Sankey draws the tree's paths
    live.watch(forum.code, "projector", seen, watched, key="projector_live")
    stage = top.stage
    banner_class = "stage-banner" if accepts_input(stage) else "stage-banner closed"
    # The tree views get a one-line header so the whole tree fits a 1080-pixel screen.
    header = "projector-header compact" if view != "feed" else "projector-header"
    if timer.status != TimerStatus.STOPPED:
        header += " with-timer"  # room on the right for the clock in the corner
    st.html(
        f'<div class="{header}"><div class="plain-heading">{escape(top.title)}</div>'
        f'<div class="projector-status"><span class="{banner_class}" data-testid="stage">'
        f"{escape(ui.tr(f'stage_{stage}'))}</span>"
        f'<span><span class="big-number" data-testid="joined">{top.joined}</span> '
        f'<span class="joined-label">{escape(ui.tr("projector_joined"))}</span></span></div></div>'
    )
    stage_timer.countdown(timer, size="wall", key="projector_clock")
    if view == "vote":
        _vote_board()
        return
    # The words tell what was written: while the stage's posts are held, so are they.
    held = Stage(stage) in reveal.stages and not reveal.projector_posts(stage)
    if view == "sides":
        found = ui.read(lambda session: sector_sides(session=session, forum_id=forum_id, with_words=not held))
        st.html(sides_html(found, lang, held=held) + (wall.held_note(lang) if held else ""))
        return
    if view == "words":
        if held:
            st.html(f'<div class="projector-words">{wall.held_note(lang)}</div>')
            return
        words = ui.read(lambda session: room_words(session=session, forum_id=forum_id))
        cloud = cloud_html(ranked(words.posts, exclude=words.left_out), empty=ui.tr("words_empty"))
        st.html(f'<div class="projector-words">{cloud}</div>')
        return
    if view == "themes":
        # Names wait with the posts: while the stage's posts are held, each theme shows its count only.
        options = ui.read(lambda session: theme_options(session=session, forum_id=forum_id))
        st.html(f'<div class="projector-themes">{theme_wall(options, lang, held=held)}</div>')
        return
    if view != "feed":
        # Laid out for this canvas; fixed_size_chart never draws it narrower, so labels stay apart.
        tree = ui.read(
            lambda session: forum_tree(
                session=session,
                forum_id=forum_id,
                lang=lang,
                width=VIEW_WIDTH,
                height=TREE_HEIGHT,
                min_font=TREE_LABEL_PX,
            )
        )
        if view == "tree":
            ui.fixed_size_chart(tree.tree, width=tree.layout.width, key="projector_tree", config=PLOT_CONFIG)
        else:
            paths = tree.sankey(lang, width=VIEW_WIDTH, height=SANKEY_HEIGHT)
            ui.fixed_size_chart(paths, width=VIEW_WIDTH, key="projector_sankey", config=PLOT_CONFIG)
        return
    st.html(_board(stage, held=not reveal.projector_posts(stage)))


def _turn_to_vote(vote: Vote | None, view: str) -> None:
    """Turn the wall to the vote when one opens or its results are revealed (once; the laptop can turn it back)."""
    state = st.session_state
    marker = None if vote is None else (vote.id, str(vote.status), vote.revealed)
    first = "projector_vote_marker" not in state
    if not first and state["projector_vote_marker"] == marker:
        return
    state["projector_vote_marker"] = marker
    is_open = vote is not None and VoteStatus(vote.status) == VoteStatus.OPEN
    # A wall opened while a vote is open shows it; later, each vote opened or revealed.
    if vote is not None and view != "vote" and (is_open or (vote.revealed and not first)):
        state["projector_view_next"] = "vote"
        st.rerun(scope="app")


def _vote_board() -> None:
    """The vote: its turnout while open; its ranking once revealed (or all along, when live)."""
    shown = ui.read(lambda session: room_vote(session=session, forum_id=forum_id))
    if shown is None:
        st.html(f'<div class="wall-message">{escape(ui.tr("vote_wall_none"))}</div>')
        return
    if shown.results is None:
        note = ui.tr("vote_wall_waiting" if shown.is_open else "vote_wall_closed")
    else:
        note = ui.tr("vote_wall_live" if shown.is_open else "vote_wall_revealed")
        if len(shown.results) > RANKED_ON_WALL:
            note += " · " + ui.tr("vote_wall_more", count=len(shown.results) - RANKED_ON_WALL)
    st.html(wall_header(shown.vote.question, shown.turnout, note, lang, compact=shown.results is not None))
    if shown.results is not None:
        figure = ranking_figure(shown.results[:RANKED_ON_WALL], lang)
        ui.fixed_size_chart(figure, width=figure.layout.width, key="projector_vote_chart", config=PLOT_CONFIG)


def _board(stage: Stage, *, held: bool) -> str:
    """The stage's board, read from only what it shows: counts and the newest posts, the plan.

    `held`: the posts wait for the facilitator's reveal, so only their counts are read:
    no text reaches this page, not even hidden in its HTML.
    """
    rules = stage_rules(stage)
    if rules.review:
        board = ui.read(lambda session: review_board(session=session, forum_id=forum_id))
        return review_board_html(board, lang, today=date.today())
    per_kind = wall.POSTS_PER_COLUMN if rules.projector_feed else rules.projector_recent_posts

    def shown(session: ui.Session) -> tuple[LatestFeed | None, list[PlanRow]]:
        texts = 0 if held else per_kind
        feed = latest_feed(session=session, forum_id=forum_id, per_kind=texts) if per_kind else None
        return feed, plan(session=session, forum_id=forum_id) if rules.projector_plan else []

    feed, rows = ui.read(shown)
    if not rules.projector_plan:
        if feed is None:
            return ""
        return wall.held_feed_board(feed, lang) if held else wall.feed_board(feed, lang)
    with_commitments = rules.projector_commitments
    if feed is not None:
        return wall.plan_with_posts(rows, feed, per_kind, lang, with_commitments=with_commitments, held=held)
    return wall.plan_board(rows, lang, with_commitments=with_commitments)


with main:
    chosen = st.segmented_control(
        ui.tr("projector_view"),
        VIEWS,
        format_func=lambda view: ui.tr(f"projector_view_{view}"),
        # Once the wall has turned itself to the vote, its view is in the session's state: no default then.
        default=None if "projector_view" in st.session_state else "feed",
        key="projector_view",
        label_visibility="collapsed",
    )
    _live(chosen or "feed")
