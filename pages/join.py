"""Phone: join a forum from its QR code, with no account."""

from dataclasses import replace

import streamlit as st

from facilitation.core.errors import ForumNotFound
from facilitation.core.i18n import format_date
from facilitation.core.tokens import new_token
from facilitation.forum.forums import get_forum
from facilitation.forum.participants import join_forum
from facilitation.forum.plans import plan
from facilitation.forum.policy import Action, allows
from facilitation.present import cards
from models import ParticipantCreate, Sector, saved_id
from pages import ui

ui.ensure_routed(__file__)

visitor = ui.visitor()
try:
    forum = ui.read(lambda session: get_forum(session=session, code=visitor.code))
except ForumNotFound:
    ui.page_setup(ui.tr("app_title"))
    st.error(ui.tr("error_forum_not_found"))
    if st.button(ui.tr("join_try_other_code"), key="join_other_code"):
        st.query_params.clear()
        st.rerun()
    st.stop()

st.session_state["visitor"] = replace(visitor, forum_language=forum.language)
ui.page_setup(forum.title)
ui.language_switch("join_lang")
lang = ui.lang()
ui.heading(forum.title)
ui.plain(
    f"{forum.area_name_th if lang == 'th' else forum.area_name_en} · {format_date(forum.forum_date, lang)}", small=True
)
if visitor.refused:
    st.warning(ui.tr("join_link_refused"))

if not allows(forum.stage, Action.JOIN):
    st.info(ui.tr("join_closed"))
    rows = ui.read(lambda session: plan(session=session, forum_id=saved_id(forum)))
    st.html(cards.plan_board(rows, lang))
    st.stop()


def _join() -> None:
    state = st.session_state
    # Drawn before the first tap and kept until it succeeds, so a double tap or a
    # retry after a dropped connection joins the same person once.
    token = state.setdefault("join_token", new_token())
    data = ParticipantCreate(
        display_name=state.get("join_name", ""),
        organisation=state.get("join_organisation", ""),
        sector=state.get("join_sector"),
    )
    consent = bool(state.get("join_consent"))
    joined = ui.act(
        lambda session: join_forum(session=session, code=forum.code, token=token, data=data, consent=consent),
        slot="join",
    )
    if joined is not None:
        # The token stays drawn: a second tap that raced this one joins the same person.
        st.query_params.update({"code": forum.code, "p": token})


st.subheader(ui.tr("join_heading"))
with st.form("join_form", enter_to_submit=False):
    st.text_input(ui.tr("join_name"), key="join_name", max_chars=100, placeholder=ui.tr("join_optional"))
    st.text_input(
        ui.tr("join_organisation"), key="join_organisation", max_chars=200, placeholder=ui.tr("join_optional")
    )
    st.radio(
        ui.tr("join_sector"),
        list(Sector),
        key="join_sector",
        index=None,
        format_func=lambda sector: ui.tr(f"sector_{sector.value}"),
    )
    st.checkbox(ui.tr("join_consent"), key="join_consent")
    ui.show_flash("join")
    st.form_submit_button(ui.tr("join_button"), type="primary", on_click=_join, width="stretch")
