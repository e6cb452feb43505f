"""The console's Vote tab: open a dot vote over some posts, follow its turnout, close it, reveal its results.

Opening carries the form's creation key (sent twice, one vote); Close and Reveal are keyed by
the vote's version and carry it, so a double tap or a tab drawn before another pressed is
refused and the tab shows the vote as it is.
"""

import hashlib

import streamlit as st

from facilitation.core.i18n import format_clock, t
from facilitation.core.tokens import new_token
from facilitation.forum.vote_options import THEMES, Candidate, vote_candidates
from facilitation.forum.votes import (
    MAX_DOTS,
    VoteSettings,
    VoteView,
    close_vote,
    console_vote,
    open_vote,
    reveal_results,
    shown_to_room,
)
from facilitation.present.vote_bars import result_bars, turnout_line
from models import ContributionKind, OptionSubject, ResultsShown, saved_id
from pages import inputs, ui

KEY = "vote_new_key"


def _group_label(group: str, language: str) -> str:
    if group == THEMES:
        return t("vote_group_themes", language)
    return t(f"kind_{group}", language) if group in set(ContributionKind) else group


def _options_key(groups: list[str]) -> str:
    # The options box is drawn afresh for each choice of kinds: a keyed box keeps its own
    # value, so one keyed by nothing would keep the last kinds' posts ticked.
    return "vote_options_" + hashlib.sha1(",".join(sorted(groups)).encode()).hexdigest()[:8]


def _open(forum_id: int, creation_key: str, options_key: str) -> None:
    state = st.session_state
    subjects = [(OptionSubject(kind), int(subject)) for kind, subject in
                (str(value).split(":", 1) for value in state.get(options_key) or [])]  # fmt: skip
    settings = VoteSettings(
        question=state.get("vote_question", ""),
        dots_per_person=int(state.get("vote_dots") or 0),
        cap_per_option=int(state.get("vote_cap") or 0),
        results_shown=inputs.chosen("vote_results") or ResultsShown.HIDDEN,
        subjects=subjects,
    )
    made = ui.act(
        lambda session: open_vote(session=session, forum_id=forum_id, settings=settings, creation_key=creation_key),
        slot="vote",
    )
    if made is not None:
        state[KEY] = new_token()
        state["vote_question"] = ""
        ui.flash("success", ui.tr("vote_opened_done"), "vote")


def _close(forum_id: int, vote_id: int, version: int) -> None:
    done = ui.act(
        lambda session: close_vote(session=session, forum_id=forum_id, vote_id=vote_id, version=version),
        slot="vote",
        stale=ui.tr("vote_stale"),
    )
    if done is not None:
        ui.flash("success", ui.tr("vote_closed_done"), "vote")


def _reveal(forum_id: int, vote_id: int, version: int) -> None:
    done = ui.act(
        lambda session: reveal_results(session=session, forum_id=forum_id, vote_id=vote_id, version=version),
        slot="vote",
        stale=ui.tr("vote_stale"),
    )
    if done is not None:
        ui.flash("success", ui.tr("vote_revealed_done"), "vote")


def _state_line(view: VoteView) -> str:
    vote, lang = view.vote, ui.lang()
    status = ui.tr("vote_state_open") if view.is_open else ui.tr("vote_state_closed")
    if vote.revealed and vote.revealed_at is not None:
        shown = ui.tr("vote_state_revealed", time=format_clock(vote.revealed_at, lang))
    elif shown_to_room(vote):
        shown = ui.tr("vote_results_live")
    else:
        shown = ui.tr("vote_state_hidden")
    settings = ui.tr("vote_settings", budget=vote.dots_per_person, cap=vote.cap_per_option)
    return f"{status} · {shown} · {settings}"


def _current(view: VoteView, forum_id: int, *, running: bool) -> None:
    vote = view.vote
    vote_id, version = saved_id(vote), vote.version
    if vote.question:
        ui.plain(vote.question)
    st.markdown(f'<span data-testid="vote-state">{_state_line(view)}</span>', unsafe_allow_html=True)
    if view.turnout is not None:
        st.caption(turnout_line(view.turnout, ui.lang()))
    if running:
        left, right = st.columns(2)
        if view.is_open:
            left.button(ui.tr("vote_close"), key=f"vote_close_{vote_id}_{version}", type="primary",
                        on_click=_close, args=(forum_id, vote_id, version))  # fmt: skip
        if not shown_to_room(vote):
            right.button(ui.tr("vote_reveal"), key=f"vote_reveal_{vote_id}_{version}", type="secondary",
                         on_click=_reveal, args=(forum_id, vote_id, version))  # fmt: skip
    # The results on the facilitator's screen only, folded while the room does not see them.
    with st.expander(ui.tr("vote_console_results"), expanded=shown_to_room(vote)):
        st.html(result_bars(view.results or [], ui.lang()))


def _option_label(value: str, candidates: dict[str, Candidate], language: str) -> str:
    found = candidates.get(value)
    return value if found is None else f"{_group_label(found.group, language)}: {found.label}"


def _open_form(forum_id: int) -> None:
    st.markdown(f"#### {ui.tr('vote_open_heading')}")
    every = ui.read(lambda session: vote_candidates(session=session, forum_id=forum_id))
    groups = list(dict.fromkeys(candidate.group for candidate in every))
    if len(every) < 2:
        st.caption(ui.tr("vote_too_few_posts"))
        return
    # A room that grouped its posts ranks the themes; one that did not, its posts.
    default = [THEMES] if THEMES in groups else groups
    chosen_groups = inputs.choice(
        st.multiselect, ui.tr("vote_groups"), groups, key="vote_groups", labels=_group_label, default=default
    )
    candidates = {f"{c.subject_kind}:{c.subject_id}": c for c in every if c.group in (chosen_groups or [])}
    options_key = _options_key(list(chosen_groups or []))
    st.multiselect(
        ui.tr("vote_options"),
        list(candidates),
        default=list(candidates),
        format_func=lambda value: _option_label(value, candidates, ui.lang()),
        key=options_key,
        placeholder=ui.tr("vote_options_hint"),
    )
    creation_key: str = st.session_state.setdefault(KEY, new_token())
    with st.form("vote_open_form", enter_to_submit=False):
        st.text_input(ui.tr("vote_question"), key="vote_question", placeholder=ui.tr("vote_question_placeholder"))
        left, middle = st.columns(2)
        # No min_value: the browser's refusal is an English tooltip; the service says it in the reader's language.
        left.number_input(ui.tr("vote_dots", limit=MAX_DOTS), value=3, step=1, key="vote_dots")
        middle.number_input(ui.tr("vote_cap"), value=2, step=1, key="vote_cap")
        inputs.choice(
            st.radio, ui.tr("vote_results"), list(ResultsShown), key="vote_results", horizontal=True,
            labels=lambda shown, language: t(f"vote_results_{shown.value}", language),
        )  # fmt: skip
        # Keyed by the creation key: a tap replayed after the vote opened names a button no longer drawn.
        st.form_submit_button(ui.tr("vote_open_submit"), type="primary", key=f"vote_open_{creation_key}",
                              on_click=_open, args=(forum_id, creation_key, options_key))  # fmt: skip


def controls(forum_id: int, *, opening: bool, running: bool) -> None:
    """The vote tab: the current vote with its buttons, and the form to open the next one."""
    view = ui.read(lambda session: console_vote(session=session, forum_id=forum_id))
    ui.show_flash("vote")
    if view is not None:
        _current(view, forum_id, running=running)
    if view is not None and view.is_open:
        return
    if opening:
        _open_form(forum_id)
    else:
        st.caption(ui.tr("vote_open_in_plan"))
