"""Phone: join a forum from its QR code, with no account."""

from dataclasses import replace

import streamlit as st

from facilitation.core.errors import ForumNotFound
from facilitation.core.i18n import format_date, t
from facilitation.core.tokens import DEVICE_COOKIE, is_token, new_token
from facilitation.forum.forums import get_forum
from facilitation.forum.participants import join_forum, joined_on_device
from facilitation.forum.plans import plan
from facilitation.forum.policy import Action, allows
from facilitation.present import cards
from models import ParticipantCreate, Sector, saved_id
from pages import inputs, ui

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

ui.set_visitor(replace(visitor, forum_language=forum.language))
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


def _device() -> str:
    """This phone's own token, so the console can count the phones more than one person joined on.

    Kept in a cookie as well as in the session: a reload or a join link opened again later
    is a new Streamlit session, but still the same phone. The cookie is written by this page
    (Streamlit sets none), or by the server with the light join page (facilitation/web), and
    read back from the request that opens the next session.
    """
    state = st.session_state
    cookie = st.context.cookies.get(DEVICE_COOKIE)
    remembered = cookie if isinstance(cookie, str) else ""  # a session with no request (AppTest) has no cookies
    if "join_device" not in state:
        state["join_device"] = remembered if is_token(remembered) else new_token()
    device: str = state["join_device"]
    if remembered != device:
        # `device` is a token this server drew or one of the exact shape above: nothing else reaches the script.
        st.html(
            f"<script>document.cookie = '{DEVICE_COOKIE}={device}; path=/; max-age=31536000; SameSite=Lax';</script>",
            unsafe_allow_javascript=True,
        )
    return device


device = _device()


def _join() -> None:
    state = st.session_state
    # Drawn before the first tap and kept until the join page is drawn again after it
    # joined someone (below), so a double tap or a retry joins the same person once.
    token = state.setdefault("join_token", new_token())
    data = ParticipantCreate(
        display_name=state.get("join_name", ""),
        organisation=state.get("join_organisation", ""),
        sector=inputs.chosen("join_sector"),
    )
    consent = bool(state.get("join_consent"))
    joined = ui.act(
        lambda session: join_forum(
            session=session, code=forum.code, token=token, data=data, consent=consent, device=device
        ),
        slot="join",
    )
    if joined is not None:
        state["join_used"] = token
        st.query_params.update({"code": forum.code, "p": token})


st.subheader(ui.tr("join_heading"))
already = ui.read(lambda session: joined_on_device(session=session, forum_id=saved_id(forum), device=device))
if already:
    st.info(ui.tr("join_already_on_phone", count=already))

with st.form("join_form", enter_to_submit=False):
    inputs.text(st.text_input, ui.tr("join_name"), key="join_name", limit=100, placeholder=ui.tr("join_optional"))
    inputs.text(
        st.text_input,
        ui.tr("join_organisation"),
        key="join_organisation",
        limit=200,
        placeholder=ui.tr("join_optional"),
    )
    inputs.choice(
        st.radio,
        ui.tr("join_sector"),
        list(Sector),
        key="join_sector",
        index=None,
        labels=lambda sector, language: t(f"sector_{sector.value}", language),
    )
    st.checkbox(ui.tr("join_consent"), key="join_consent")
    ui.show_flash("join")
    tapped = st.form_submit_button(ui.tr("join_button"), type="primary", on_click=_join, width="stretch")

if not tapped and st.session_state.get("join_token") == st.session_state.get("join_used"):
    # The join page drawn afresh after this tab's token joined someone (the join link
    # opened again, Back): that token is spent, so the next person on this phone gets
    # a new one. A second tap of a double tap never draws this page first: its
    # callback runs before, with the token the first tap used, and finds that person.
    st.session_state.pop("join_token", None)
