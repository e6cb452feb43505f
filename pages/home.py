"""Start page: create a forum, load the sample forum, or type a join code."""

import datetime as dt

import streamlit as st

from facilitation.core.tokens import normalise_join_code
from facilitation.forum.areas import districts, provinces, tambons
from facilitation.forum.forums import CreatedForum, create_forum
from facilitation.sample.load import load_sample_forum
from models import ForumCreate, Language
from pages import ui

ui.ensure_routed(__file__)

ui.page_setup(ui.tr("app_title"))
ui.language_switch("home_lang")
st.title(ui.tr("app_title"))
st.caption(ui.tr("app_tagline"))
ui.show_flash()


def _open_console(created: CreatedForum | None) -> None:
    if created is not None:
        st.query_params.from_dict({"code": created.forum.code, "key": created.facilitator_token, "lang": ui.lang()})


def _create() -> None:
    state = st.session_state
    data = ForumCreate(
        title=state.get("home_title", ""),
        province_code=state.get("home_province") or "",
        district_code=state.get("home_district") or "",
        tambon_code=state.get("home_tambon") or "",
        forum_date=state.get("home_date") or dt.date.today(),
        venue=state.get("home_venue", ""),
        language=Language(state.get("home_language") or "th"),
    )
    _open_console(ui.act(lambda session: create_forum(session=session, data=data)))


def _sample() -> None:
    _open_console(ui.act(lambda session: load_sample_forum(session=session, language=Language(ui.lang()))))


def _join() -> None:
    code = normalise_join_code(st.session_state.get("home_code"))
    if code:
        st.query_params["code"] = code


with st.form("home_join_form", enter_to_submit=True, border=True):
    st.subheader(ui.tr("home_join_heading"))
    st.text_input(ui.tr("home_code_label"), key="home_code", max_chars=12, placeholder="K7M2QX")
    st.form_submit_button(ui.tr("home_join_button"), on_click=_join)

st.subheader(ui.tr("home_create_heading"))
lang = ui.lang()
province_options = {p.code: p.label(lang) for p in provinces()}
province = st.selectbox(
    ui.tr("home_province"),
    list(province_options),
    format_func=lambda code: province_options[code],
    index=None,
    placeholder=ui.tr("home_choose"),
    key="home_province",
)
district_options = {d.code: d.label(lang) for d in districts(province)} if province else {}
district = st.selectbox(
    ui.tr("home_district"),
    list(district_options),
    format_func=lambda code: district_options[code],
    index=None,
    placeholder=ui.tr("home_choose"),
    key="home_district",
    disabled=not province,
)
tambon_options = {s.code: s.label(lang) for s in tambons(district)} if district else {}
st.selectbox(
    ui.tr("home_tambon"),
    list(tambon_options),
    format_func=lambda code: tambon_options[code],
    index=None,
    placeholder=ui.tr("home_choose"),
    key="home_tambon",
    disabled=not district,
)

with st.form("home_create_form", enter_to_submit=False):
    st.text_input(ui.tr("home_title"), key="home_title", max_chars=200, placeholder=ui.tr("home_title_hint"))
    st.date_input(ui.tr("home_date"), key="home_date", value=dt.date.today(), format="DD/MM/YYYY")
    st.text_input(ui.tr("home_venue"), key="home_venue", max_chars=200)
    st.radio(
        ui.tr("home_language"),
        ["th", "en"],
        key="home_language",
        horizontal=True,
        format_func=lambda code: "ไทย" if code == "th" else "English",
    )
    st.form_submit_button(ui.tr("home_create_button"), type="primary", on_click=_create)

st.divider()
st.subheader(ui.tr("home_sample_heading"))
st.caption(ui.tr("home_sample_help"))
st.button(ui.tr("home_sample_button"), key="home_sample", on_click=_sample)
