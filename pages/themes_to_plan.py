"""The console's step from the room's ranking of themes to draft action items.

The button carries a creation key drawn with it: a second tap on the same button makes
nothing new, and the key is replaced once the drafts are made.
"""

import streamlit as st

from facilitation.core.tokens import new_token
from facilitation.forum.themes_to_plan import MAX_DRAFTS, ThemeRanking, draft_items_from_themes, theme_ranking
from pages import ui

KEY = "plan_from_themes_key"


def _draft(forum_id: int, creation_key: str) -> None:
    count = int(st.session_state.get("plan_from_themes_count") or 0)
    made = ui.act(
        lambda session: draft_items_from_themes(
            session=session, forum_id=forum_id, count=count, creation_key=creation_key
        ),
        slot="plan_from_themes",
    )
    if made is not None:
        st.session_state[KEY] = new_token()
        ui.flash("success", ui.tr("plan_from_themes_done", count=len(made)), "plan_from_themes")


def _line(number: int, ranking: ThemeRanking, index: int) -> str:
    found = ranking.themes[index]
    weight = (
        ui.tr("plan_from_themes_dots", count=found.dots)
        if found.dots is not None
        else ui.tr("themes_post_count", count=found.posts)
    )
    planned = f" · {ui.tr('plan_from_themes_planned')}" if found.planned else ""
    return f"{number}. {found.name} · {weight}{planned}"


def controls(forum_id: int, *, enabled: bool) -> None:
    """The ranked themes, and the button that drafts activities for the top N of them."""
    ranking = ui.read(lambda session: theme_ranking(session=session, forum_id=forum_id))
    if not ranking.themes:
        return
    with st.expander(ui.tr("plan_from_themes_heading")):
        source = (
            ui.tr("plan_from_themes_by_vote", question=ranking.question or "—")
            if ranking.vote_id is not None
            else ui.tr("plan_from_themes_by_posts")
        )
        st.caption(source)
        for index in range(len(ranking.themes)):
            ui.plain(_line(index + 1, ranking, index), small=True)
        st.number_input(
            ui.tr("plan_from_themes_count"),
            min_value=1,
            max_value=min(MAX_DRAFTS, len(ranking.themes)),
            value=min(3, len(ranking.themes)),
            key="plan_from_themes_count",
            disabled=not enabled,
        )
        ui.show_flash("plan_from_themes")
        creation_key: str = st.session_state.setdefault(KEY, new_token())
        st.button(
            ui.tr("plan_from_themes_button"),
            key=f"plan_from_themes_{creation_key}",
            on_click=_draft,
            args=(forum_id, creation_key),
            disabled=not enabled,
        )
