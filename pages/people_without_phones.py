"""The console's tab for people without phones: register a person, choose them, type their posts and commitments.

The registration form carries a key drawn with it (`people_form_key`), and so do its widgets
and its button: a double click sends the key twice and the service returns the person the
first made; once someone is registered a new key draws an empty form. The forms that enter
for a person are keyed by that person, so words typed for one are never sent for the next.
A refused entry (the forum closed meanwhile, a text too long) keeps what was typed.
"""

import streamlit as st

from facilitation.core.i18n import t
from facilitation.core.text import CONTRIBUTION_MAX
from facilitation.core.tokens import new_token
from facilitation.forum.people_without_phones import (
    Person,
    commit_for_person,
    dot_for_person,
    entries_for,
    person_dots,
    post_for_person,
    register_person,
)
from facilitation.forum.plans import PlanRow
from facilitation.forum.policy import Action, allows
from facilitation.present import cards
from models import CommitmentCreate, ContributionCreate, ContributionKind, Forum, ParticipantCreate, Sector, saved_id
from pages import inputs, ui

FORM_KEY = "people_form_key"
CHOSEN = "people_chosen"


def person_label(person: Person, lang: str) -> str:
    """How the console names a registered person: their number, name, organisation and sector."""
    name = person.display_name or t("phone_anonymous", lang)
    parts = [f"{person.number}. {name}", person.organisation, t(f"sector_{person.sector.value}", lang)]
    return " · ".join(part for part in parts if part)


def _kind_in(kind: ContributionKind, language: str) -> str:
    return t(f"kind_{kind.value}", language)


def _register(code: str, key: str, form_key: str) -> None:
    state = st.session_state
    data = ParticipantCreate(
        display_name=state.get(f"people_name_{form_key}", ""),
        organisation=state.get(f"people_organisation_{form_key}", ""),
        sector=inputs.chosen(f"people_sector_{form_key}"),
    )
    consent = bool(state.get(f"people_consent_{form_key}"))
    made = ui.act(
        lambda session: register_person(
            session=session, code=code, key=key, data=data, consent=consent, form_key=form_key
        ),
        slot="people_new",
    )
    if made is None:
        return  # refused: the same form, with what was typed, stays on screen
    state[FORM_KEY] = new_token()
    state[CHOSEN] = saved_id(made.participant)
    # The name is not in the message: a message is Markdown, and what people typed never is.
    ui.flash("success" if made.created else "info", ui.tr("people_registered"), "people_new")


def _post(code: str, key: str, person_id: int) -> None:
    state = st.session_state
    data = ContributionCreate(
        kind=inputs.chosen(f"people_kind_{person_id}") or ContributionKind.OTHER,
        text=state.get(f"people_text_{person_id}", ""),
    )
    posted = ui.act(
        lambda session: post_for_person(session=session, code=code, key=key, participant_id=person_id, data=data),
        slot="people_post",
    )
    if posted is None:
        return
    state[f"people_text_{person_id}"] = ""
    if posted.created:
        ui.flash("success", ui.tr("people_post_sent"), "people_post")
    else:
        ui.flash("info", ui.tr("people_post_already"), "people_post")


def _commit(code: str, key: str, person_id: int) -> None:
    state = st.session_state
    data = CommitmentCreate(
        action_item_id=inputs.chosen(f"people_commit_item_{person_id}") or 0,
        organisation=state.get(f"people_commit_org_{person_id}", ""),
        text=state.get(f"people_commit_text_{person_id}", ""),
    )
    made = ui.act(
        lambda session: commit_for_person(session=session, code=code, key=key, participant_id=person_id, data=data),
        slot="people_commit",
    )
    if made is not None:
        state[f"people_commit_text_{person_id}"] = ""
        ui.flash("success", ui.tr("people_committed"), "people_commit")


def _registration(forum: Forum, key: str) -> None:
    open_ = allows(forum.stage, Action.REGISTER_PERSON)
    form_key: str = st.session_state.setdefault(FORM_KEY, new_token())
    st.markdown(f"#### {ui.tr('people_register_heading')}")
    with st.form(f"people_form_{form_key}", enter_to_submit=False):
        left, right = st.columns(2)
        inputs.text(left.text_input, ui.tr("join_name"), key=f"people_name_{form_key}", limit=100)
        inputs.text(right.text_input, ui.tr("join_organisation"), key=f"people_organisation_{form_key}", limit=200)
        inputs.choice(
            st.radio,
            ui.tr("people_sector"),
            list(Sector),
            key=f"people_sector_{form_key}",
            index=None,
            labels=lambda sector, language: t(f"sector_{sector.value}", language),
            horizontal=True,
        )
        st.checkbox(ui.tr("people_consent"), key=f"people_consent_{form_key}")
        ui.show_flash("people_new")
        if not open_:
            st.warning(ui.tr("people_closed"))
        # Keyed by the form's key: a click replayed after the person was registered names a
        # button no longer drawn, and Streamlit drops it.
        st.form_submit_button(
            ui.tr("people_register"),
            type="primary",
            on_click=_register,
            args=(forum.code, key, form_key),
            key=f"people_register_{form_key}",
            disabled=not open_,
        )


def _post_form(forum: Forum, key: str, person: Person) -> None:
    posting = allows(forum.stage, Action.POST)
    with st.form(f"people_post_form_{person.id}", enter_to_submit=False):
        inputs.choice(
            st.radio,
            ui.tr("share_kind"),
            list(ContributionKind),
            key=f"people_kind_{person.id}",
            labels=_kind_in,
            horizontal=True,
        )
        inputs.text(st.text_area, ui.tr("share_text"), key=f"people_text_{person.id}", limit=CONTRIBUTION_MAX)
        ui.show_flash("people_post")
        if not posting:
            st.warning(ui.tr("people_closed"))
        st.form_submit_button(
            ui.tr("people_post_submit"),
            type="primary",
            on_click=_post,
            args=(forum.code, key, person.id),
            key=f"people_post_submit_{person.id}",
            disabled=not posting,
        )


def _commit_form(forum: Forum, key: str, person: Person, rows: list[PlanRow]) -> None:
    committing = allows(forum.stage, Action.COMMIT)
    text_key = f"people_commit_text_{person.id}"
    unsent = str(st.session_state.get(text_key, "")).strip()
    st.markdown(f"#### {ui.tr('people_commit_heading')}")
    if not committing and not unsent:
        ui.show_flash("people_commit")
        st.caption(ui.tr("people_commit_act_only"))
        return
    if not rows:
        st.caption(ui.tr("plan_empty"))
        return
    numbers = {saved_id(row.item): row.number for row in rows}
    activities = {saved_id(row.item): row.item.activity for row in rows}
    # Drawn while something typed was not sent, even after Act: the words stay to copy or send later.
    with st.form(f"people_commit_form_{person.id}", enter_to_submit=False):
        inputs.choice(
            st.selectbox,
            ui.tr("people_commit_item"),
            list(numbers),
            key=f"people_commit_item_{person.id}",
            labels=lambda item_id, language: f"{numbers[item_id]}. {activities[item_id]}",
        )
        inputs.text(
            st.text_input,
            ui.tr("act_organisation"),
            value=person.organisation,
            key=f"people_commit_org_{person.id}",
            limit=200,
        )
        inputs.text(st.text_area, ui.tr("act_text"), key=text_key, limit=CONTRIBUTION_MAX)
        ui.show_flash("people_commit")
        if not committing:
            st.warning(ui.tr("people_commit_act_only"))
        st.form_submit_button(
            ui.tr("people_commit_submit"),
            type="primary",
            on_click=_commit,
            args=(forum.code, key, person.id),
            key=f"people_commit_submit_{person.id}",
            disabled=not committing,
        )


def _tap(code: str, key: str, person_id: int, option_id: int, seen: int, adding: bool) -> None:
    done = ui.act(
        lambda session: dot_for_person(
            session=session, code=code, key=key, participant_id=person_id, option_id=option_id, seen=seen, adding=adding
        ),
        slot="people_dots",
    )
    if done is not None:
        ui.flash("success", ui.tr("people_dots_saved", used=done.dots.used, budget=done.dots.budget), "people_dots")


def _dots(forum: Forum, key: str, person: Person) -> None:
    """The open vote's options with this person's dots: + and − keyed by the dots each button was drawn with."""
    found = ui.read(lambda session: person_dots(session=session, forum_id=saved_id(forum), participant_id=person.id))
    if found is None:
        return
    view, mine = found
    voting = allows(forum.stage, Action.VOTE)
    st.markdown(f"#### {ui.tr('people_dots_heading', used=mine.used, budget=mine.budget)}")
    ui.show_flash("people_dots")
    for option in view.options:
        option_id = saved_id(option)
        seen = mine.dots.get(option_id, 0)
        label, minus, plus = st.columns([6, 1, 1], vertical_alignment="center")
        with label:
            ui.plain(f"{'●' * seen}{'○' if not seen else ''} {option.label}", small=True)
        for column, adding, sign in ((minus, False, "−"), (plus, True, "+")):
            column.button(
                sign,
                key=f"people_dot_{person.id}_{option_id}_{'add' if adding else 'back'}_{seen}",
                on_click=_tap,
                args=(forum.code, key, person.id, option_id, seen, adding),
                disabled=not voting
                or (adding and (mine.used >= mine.budget or seen >= mine.cap))
                or (not adding and not seen),
                width="stretch",
            )


def _entered(forum: Forum, person: Person) -> None:
    lang = ui.lang()
    entries = ui.read(lambda session: entries_for(session=session, forum_id=saved_id(forum), participant_id=person.id))
    mark = ui.tr("people_entered_mark")
    st.markdown(f"#### {ui.tr('people_posts_heading', count=len(entries.posts))}")
    for post in entries.posts:
        kind = ContributionKind(post.kind)
        st.html(cards.text_card(post.text, kind=kind, meta=f"{_kind_in(kind, lang)} · ✍ {mark}"))
    if entries.commitments:
        st.markdown(f"#### {ui.tr('people_commitments_heading', count=len(entries.commitments))}")
        for entry in entries.commitments:
            meta = f"{entry.activity} · {entry.organisation or person.organisation or '—'} · ✍ {mark}"
            st.html(cards.text_card(entry.text, meta=meta))


def controls(forum: Forum, *, key: str, people: list[Person], rows: list[PlanRow]) -> None:
    """The tab: register someone, choose whom to enter for, their post and commitment forms and entries."""
    st.caption(ui.tr("people_intro"))
    _registration(forum, key)
    st.divider()
    if not people:
        st.caption(ui.tr("people_none"))
        return
    by_id = {person.id: person for person in people}
    chosen = inputs.choice(
        st.selectbox,
        ui.tr("people_choose"),
        list(by_id),
        key=CHOSEN,
        index=None,
        labels=lambda person_id, language: person_label(by_id[person_id], language),
        placeholder=ui.tr("people_choose_hint"),
    )
    person = by_id.get(chosen) if chosen is not None else None
    if person is None:
        return
    st.markdown(f"#### {ui.tr('people_post_heading')}")
    _post_form(forum, key, person)
    _dots(forum, key, person)
    _commit_form(forum, key, person, rows)
    _entered(forum, person)
