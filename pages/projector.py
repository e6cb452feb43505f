"""Projector: the join QR code and the forum as it happens, refreshed in place.

Opened on the wall by the projector's own link (read-only, this page only), or by
the facilitator from their menu to look at it on the laptop.
"""

from html import escape

import streamlit as st

from facilitation.core.errors import NotAuthorised
from facilitation.exports.summary import build_summary
from facilitation.forum.access import authorise_projector
from facilitation.forum.forums import Headline, authorise_facilitator, headline
from facilitation.forum.policy import accepts_input, stage_rules
from facilitation.present import cards
from facilitation.tree.view import forum_tree
from models import Forum, saved_id
from pages import ui

ui.ensure_routed(__file__)

REFRESH_SECONDS = 2
VIEWS = ("feed", "tree", "sankey")
PLOT_CONFIG = {"displayModeBar": False, "displaylogo": False}

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

# The tree needs the width: its view keeps only a small QR code beside it.
view = st.session_state.get("projector_view") or "feed"
side, main = st.columns([1, 3] if view == "feed" else [1, 6], gap="large")
with side:
    if links is None:
        st.error(ui.tr("error_no_address"))
    else:
        st.image(links.qr_png, width="stretch")
        st.html(
            f'<div class="plain-small">{escape(ui.tr("projector_scan"))}</div>'
            f'<div class="join-code" data-testid="join-code">{forum.code}</div>'
            f'<div class="join-url">{escape(links.join)}</div>'
        )


@st.fragment(run_every=REFRESH_SECONDS)
def _live(view: str) -> None:
    # A tick reruns only this fragment, never the router: check the link here too, so
    # a screen whose link was replaced from the console stops showing the forum.
    def tick(session: ui.Session) -> Headline:
        _authorised(session)
        return headline(session=session, forum_id=forum_id)

    try:
        top = ui.read(tick)
    except NotAuthorised:
        st.rerun(scope="app")  # the router then refuses the old link
    stage = top.stage
    banner_class = "stage-banner" if accepts_input(stage) else "stage-banner closed"
    # The tree views get a one-line header so the whole tree fits a 1080-pixel screen.
    header = "projector-header compact" if view != "feed" else "projector-header"
    st.html(
        f'<div class="{header}"><div class="plain-heading">{escape(top.title)}</div>'
        f'<div class="projector-status"><span class="{banner_class}" data-testid="stage">'
        f"{escape(ui.tr(f'stage_{stage}'))}</span>"
        f'<span><span class="big-number" data-testid="joined">{top.joined}</span> '
        f"{escape(ui.tr('projector_joined'))}</span></div></div>"
    )
    if view != "feed":
        # Laid out for this canvas; fixed_size_chart never draws it narrower, so labels stay apart.
        tree = ui.read(
            lambda session: forum_tree(session=session, forum_id=forum_id, lang=lang, width=1440, height=780)
        )
        if view == "tree":
            ui.fixed_size_chart(tree.tree, width=tree.layout.width, key="projector_tree", config=PLOT_CONFIG)
        else:
            st.plotly_chart(tree.sankey(lang), key="projector_sankey", config=PLOT_CONFIG, theme=None)
        return
    summary = ui.read(lambda session: build_summary(session=session, forum_id=forum_id))
    rules = stage_rules(stage)
    if rules.projector_feed:
        st.html(cards.feed_board(summary.contributions, lang))
    if rules.projector_plan:
        st.html(cards.plan_board(summary.plan, lang, with_commitments=rules.projector_commitments))
    if rules.projector_recent_posts:
        st.html(cards.feed_board(summary.contributions, lang, limit=rules.projector_recent_posts))


with main:
    chosen = st.segmented_control(
        ui.tr("projector_view"),
        VIEWS,
        format_func=lambda view: ui.tr(f"projector_view_{view}"),
        default="feed",
        key="projector_view",
        label_visibility="collapsed",
    )
    _live(chosen or "feed")
