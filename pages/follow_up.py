"""The console's follow-up parts: the earlier items to carry into the plan, the series, and starting a follow-up.

Each carry button is keyed by the earlier item and the version it was drawn from: a button drawn
before the item was edited (in the earlier forum's console) names a version no longer drawn.
"""

import datetime as dt

import streamlit as st

from facilitation.core.errors import TextEmpty
from facilitation.core.tokens import new_token
from facilitation.forum.access import organiser_password_set, require_organiser
from facilitation.forum.follow_up import ReviewBoard, carry_item, forum_series, start_follow_up
from facilitation.forum.forums import CreatedForum
from facilitation.present.review_cards import review_card, series_rows
from models import Forum, saved_id
from pages import inputs, ui

START_KEY = "followup_start_key"


def _carry(forum_id: int, item_id: int, version: int) -> None:
    carried = ui.act(
        lambda session: carry_item(session=session, forum_id=forum_id, earlier_item_id=item_id, seen=version),
        slot="review_carry",
        stale=ui.tr("review_carry_stale"),
    )
    if carried is not None:
        said = "review_carried" if carried.created else "review_carried_already"
        ui.flash("success", ui.tr(said, activity=carried.item.activity), "review_carry")


def carry_list(forum_id: int, board: ReviewBoard, *, enabled: bool) -> None:
    """The earlier forum's open items, each with its card and a button that carries it into this plan."""
    st.markdown(f"#### {ui.tr('review_carry_heading')}")
    st.caption(ui.tr("review_carry_help"))
    ui.show_flash("review_carry")
    waiting = [entry for entry in board.open_items if entry.carried_into is None]
    if not waiting:
        st.caption(ui.tr("review_carry_none"))
    today = dt.date.today()
    for entry in waiting:
        item_id, version = saved_id(entry.item), entry.item.version
        st.html(review_card(entry, ui.lang(), today=today))
        st.button(
            ui.tr("review_carry_button", number=entry.number),
            key=f"review_carry_{item_id}_{version}",
            on_click=_carry,
            args=(forum_id, item_id, version),
            disabled=not enabled,
        )


def _start(forum: Forum, creation_key: str) -> None:
    state = st.session_state

    def start(session: ui.Session) -> CreatedForum:
        # Checked in the same transaction as the creation, as on the start page: no forum without it.
        require_organiser(password=state.get("followup_password"))
        forum_date = inputs.picked_date("followup_date", field="home_date")
        if forum_date is None:  # an emptied date box: say so rather than quietly take a day
            raise TextEmpty(field="home_date")
        return start_follow_up(
            session=session,
            earlier_forum_id=saved_id(forum),
            title=state.get("followup_title", ""),
            forum_date=forum_date,
            venue=state.get("followup_venue", ""),
            creation_key=creation_key,
        )

    made = ui.act(start, slot="followup_start")
    if made is None:
        return
    state.pop(START_KEY, None)  # the next follow-up started from this tab gets a new key
    # The new forum's console: its own key is in this address, so the facilitator bookmarks it.
    st.query_params.from_dict({"code": made.forum.code, "key": made.facilitator_token, "lang": ui.lang()})
    state["console_from_top"] = True
    ui.flash("success", ui.tr("followup_started", title=made.forum.title))


def controls(forum: Forum, *, key: str | None) -> None:
    """The forum's series as a timeline, and the form that starts a follow-up forum in the same area."""
    series = ui.read(lambda session: forum_series(session=session, forum_id=saved_id(forum), key=key))
    st.markdown(f"#### {ui.tr('followup_series_heading')}")
    st.caption(ui.tr("followup_series_help"))
    st.dataframe(series_rows(series, ui.lang()), hide_index=True, width="stretch")
    for each in series:
        if each.forum_id == forum.id or not each.key_opens:
            continue
        links = ui.forum_links(each.code, key=key)
        if links is not None and links.facilitator:
            st.link_button(
                ui.tr("followup_open_console", title=each.title), links.facilitator, key=f"followup_open_{each.code}"
            )
    st.markdown(f"#### {ui.tr('followup_start_heading')}")
    st.caption(ui.tr("followup_start_help"))
    creation_key: str = st.session_state.setdefault(START_KEY, new_token())
    with st.form("followup_form", enter_to_submit=False):
        inputs.text(st.text_input, ui.tr("home_title"), key="followup_title", limit=200)
        # A few months on is when the earlier forum's activities have something to report.
        suggested = max(dt.date.today(), forum.forum_date + dt.timedelta(days=120))
        inputs.date_field(st.container(), ui.tr("home_date"), key="followup_date", value=suggested)
        inputs.text(st.text_input, ui.tr("home_venue"), key="followup_venue", limit=200, value=forum.venue)
        if organiser_password_set():
            st.text_input(
                ui.tr("home_organiser_password"),
                type="password",
                key="followup_password",
                help=ui.tr("home_organiser_password_help"),
            )
        ui.show_flash("followup_start")
        st.form_submit_button(
            ui.tr("followup_start_button"),
            type="primary",
            on_click=_start,
            args=(forum, creation_key),
            key=f"followup_start_{creation_key}",
        )
