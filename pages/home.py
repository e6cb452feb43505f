"""Start page: create a forum, load the sample forum, import one from an archive, or type a join code."""

import datetime as dt
from collections.abc import Callable

import streamlit as st

from facilitation.core.errors import TextEmpty
from facilitation.core.tokens import new_token, normalise_join_code
from facilitation.forum.access import organiser_password_set, require_organiser
from facilitation.forum.archive_import import ImportedForum, import_archive
from facilitation.forum.archive_schema import ARCHIVE_MAX_MB
from facilitation.forum.areas import districts, provinces, tambons
from facilitation.forum.forums import CreatedForum, create_forum
from facilitation.sample.follow_up import load_sample_series
from models import ForumCreate, Language
from pages import inputs, ui

ui.ensure_routed(__file__)

ui.page_setup(ui.tr("app_title"))
ui.language_switch("home_lang")
st.title(ui.tr("app_title"))
st.caption(ui.tr("app_tagline"))
ui.show_flash()


def _open_console(created: CreatedForum | ImportedForum | None) -> None:
    if created is not None:
        for name in ("home_create_key", "home_sample_key", "home_import_key"):
            st.session_state.pop(name, None)  # the next forum made in this browser gets new keys
        st.query_params.from_dict({"code": created.forum.code, "key": created.facilitator_token, "lang": ui.lang()})
        st.session_state["console_from_top"] = True  # the console is drawn where this page was scrolled to


def _as_organiser(make: Callable[[ui.Session], CreatedForum]) -> None:
    # Checked in the same transaction as the creation: no forum without the password.
    password = st.session_state.get("home_organiser_password")

    def action(session: ui.Session) -> CreatedForum:
        require_organiser(password=password)
        return make(session)

    _open_console(ui.act(action))


def _forum_data() -> ForumCreate:
    state = st.session_state
    forum_date = inputs.picked_date("home_date", field="home_date")
    if forum_date is None:  # an emptied date box: say so rather than quietly take today
        raise TextEmpty(field="home_date")
    return ForumCreate(
        title=state.get("home_title", ""),
        province_code=inputs.chosen("home_province") or "",
        district_code=inputs.chosen("home_district") or "",
        tambon_code=inputs.chosen("home_tambon") or "",
        forum_date=forum_date,
        venue=state.get("home_venue", ""),
        language=Language(state.get("home_language") or "th"),
    )


def _creation_key(name: str) -> str:
    """The key drawn with a create button, kept until a forum is made (then a new one is drawn)."""
    key: str = st.session_state.setdefault(name, new_token())
    return key


def _create(creation_key: str) -> None:
    # The form is read inside the action, so a date that cannot be one is a message too.
    # The key comes from the button as drawn: a double tap sends it twice and finds
    # the forum the first tap made.
    _as_organiser(lambda session: create_forum(session=session, data=_forum_data(), creation_key=creation_key))


def _sample(creation_key: str) -> None:
    _as_organiser(
        # The sample and its follow-up forum a few months on: every page, Review included, has something to show.
        lambda session: load_sample_series(session=session, language=Language(ui.lang()), creation_key=creation_key)
    )


def _import(creation_key: str) -> None:
    uploaded = st.session_state.get("home_import_file")
    if uploaded is None:
        ui.flash("error", ui.tr("archive_import_no_file"))
        return
    data, password = uploaded.getvalue(), st.session_state.get("home_import_password")
    imported = ui.act(
        lambda session: import_archive(
            session=session, data=data, organiser_password=password, creation_key=creation_key
        )
    )
    if imported is not None:
        counts = imported.counts
        said = ui.tr(
            "archive_imported",
            participants=imported.participants,
            posts=counts.get("contributions", 0),
            items=counts.get("action_items", 0),
        )
        ui.flash("info", said)  # shown on the console it opens
        _open_console(imported)


def _join() -> None:
    code = normalise_join_code(st.session_state.get("home_code"))
    if code:
        st.query_params["code"] = code


with st.form("home_join_form", enter_to_submit=True, border=True):
    st.subheader(ui.tr("home_join_heading"))
    st.text_input(ui.tr("home_code_label"), key="home_code", max_chars=12, placeholder="K7M2QX")
    st.form_submit_button(ui.tr("home_join_button"), on_click=_join)

st.subheader(ui.tr("home_create_heading"))
if organiser_password_set():
    st.text_input(
        ui.tr("home_organiser_password"),
        type="password",
        key="home_organiser_password",
        help=ui.tr("home_organiser_password_help"),
    )
province_options = {p.code: p for p in provinces()}
province = inputs.choice(
    st.selectbox,
    ui.tr("home_province"),
    list(province_options),
    labels=lambda code, language: province_options[code].label(language),
    index=None,
    placeholder=ui.tr("home_choose"),
    key="home_province",
)
district_options = {d.code: d for d in districts(province)} if province else {}
district = inputs.choice(
    st.selectbox,
    ui.tr("home_district"),
    list(district_options),
    labels=lambda code, language: district_options[code].label(language),
    index=None,
    placeholder=ui.tr("home_choose"),
    key="home_district",
    disabled=not province,
)
tambon_options = {s.code: s for s in tambons(district)} if district else {}
inputs.choice(
    st.selectbox,
    ui.tr("home_tambon"),
    list(tambon_options),
    labels=lambda code, language: tambon_options[code].label(language),
    index=None,
    placeholder=ui.tr("home_choose"),
    key="home_tambon",
    disabled=not district,
)

with st.form("home_create_form", enter_to_submit=False):
    inputs.text(st.text_input, ui.tr("home_title"), key="home_title", limit=200, placeholder=ui.tr("home_title_hint"))
    inputs.date_field(st.container(), ui.tr("home_date"), key="home_date", value=dt.date.today())
    inputs.text(st.text_input, ui.tr("home_venue"), key="home_venue", limit=200)
    st.radio(
        ui.tr("home_language"),
        ["th", "en"],
        key="home_language",
        horizontal=True,
        format_func=lambda code: "ไทย" if code == "th" else "English",
    )
    st.form_submit_button(
        ui.tr("home_create_button"), type="primary", on_click=_create, args=(_creation_key("home_create_key"),)
    )

st.divider()
st.subheader(ui.tr("home_sample_heading"))
st.caption(ui.tr("home_sample_help"))
st.button(ui.tr("home_sample_button"), key="home_sample", on_click=_sample, args=(_creation_key("home_sample_key"),))

st.divider()
st.subheader(ui.tr("archive_import_heading"))
st.caption(ui.tr("archive_import_help", limit=ARCHIVE_MAX_MB))
with st.form("home_import_form", enter_to_submit=False):
    st.file_uploader(
        ui.tr("archive_import_file"), type=["json"], key="home_import_file", max_upload_size=ARCHIVE_MAX_MB
    )
    if organiser_password_set():
        st.text_input(
            ui.tr("home_organiser_password"),
            type="password",
            key="home_import_password",
            help=ui.tr("home_organiser_password_help"),
        )
    st.form_submit_button(ui.tr("archive_import_button"), on_click=_import, args=(_creation_key("home_import_key"),))
