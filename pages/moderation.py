"""The console's moderation tab: the queue of waiting posts, hiding and restoring, the settings and the audit log.

Every button is keyed by the post (or setting) and the version it was drawn from and
carries that version: pressed twice, or in a tab drawn before another acted, it is refused
and the tab says what the post is now. The tab follows the queue by itself: a fragment
checks the forum's queue and posts counters every few seconds and reads the tab again
only when one moved.
"""

import streamlit as st

from facilitation.core.i18n import format_clock
from facilitation.forum.moderation import (
    ModeratedPost,
    ModerationView,
    approve_post,
    hide_post,
    moderation_view,
    reject_post,
    restore_post,
)
from facilitation.forum.moderation_log import BY_FILTER
from facilitation.forum.moderation_rules import set_moderation_words, set_pre_approval
from facilitation.live.changes import Topic, counters
from facilitation.present import cards
from models import ContributionKind
from pages import ui

# How often the tab looks for new waiting posts (one console per forum: a cheap read).
QUEUE_SECONDS = 5
SLOT = "moderation"
KEPT_WORDS = "moderation_words_kept"


def _done(result: object, message: str) -> None:
    if result is not None:
        ui.flash("success", ui.tr(message), SLOT)


def _approve(forum_id: int, post_id: int, version: int) -> None:
    result = ui.act(
        lambda session: approve_post(session=session, forum_id=forum_id, contribution_id=post_id, version=version),
        slot=SLOT,
    )
    _done(result, "moderation_approved_done")


def _reject(forum_id: int, post_id: int, version: int) -> None:
    reason: str = st.session_state.get(f"moderation_reason_{post_id}_{version}", "")
    result = ui.act(
        lambda session: reject_post(
            session=session, forum_id=forum_id, contribution_id=post_id, version=version, reason=reason
        ),
        slot=SLOT,
    )
    _done(result, "moderation_rejected_done")


def _hide(forum_id: int, post_id: int, version: int) -> None:
    reason: str = st.session_state.get(f"moderation_hide_reason_{post_id}_{version}", "")
    result = ui.act(
        lambda session: hide_post(
            session=session, forum_id=forum_id, contribution_id=post_id, version=version, reason=reason
        ),
        slot=SLOT,
    )
    _done(result, "moderation_hidden_done")


def _restore(forum_id: int, post_id: int, version: int) -> None:
    result = ui.act(
        lambda session: restore_post(session=session, forum_id=forum_id, contribution_id=post_id, version=version),
        slot=SLOT,
    )
    _done(result, "moderation_restored_done")


def _pre_approval(forum_id: int, on: bool, version: int) -> None:
    result = ui.act(
        lambda session: set_pre_approval(session=session, forum_id=forum_id, on=on, version=version),
        slot=SLOT,
        stale=ui.tr("moderation_setting_stale"),
    )
    _done(result, "moderation_setting_saved")


def _save_words(forum_id: int, version: int) -> None:
    typed: str = st.session_state.get(f"moderation_words_{version}", "")
    result = ui.act(
        lambda session: set_moderation_words(session=session, forum_id=forum_id, typed=typed, version=version),
        slot=SLOT,
    )
    if result is None:
        st.session_state[KEPT_WORDS] = typed  # refused: the next box, over the current words, starts from these
    else:
        st.session_state.pop(KEPT_WORDS, None)
    _done(result, "moderation_words_saved")


def _kind(kind: ContributionKind) -> str:
    return ui.tr(f"kind_{kind.value}")


def _card(post: ModeratedPost) -> None:
    who = post.author or ui.tr("moderation_no_author")
    meta = f"#{post.id} · {_kind(post.kind)} · {who} · {format_clock(post.created_at, ui.lang())}"
    st.html(cards.text_card(post.text, kind=post.kind, meta=meta))


def _queue(forum_id: int, view: ModerationView, enabled: bool) -> None:
    st.markdown(f"#### {ui.tr('moderation_queue_heading', count=len(view.pending))}")
    if not view.pending:
        st.caption(ui.tr("moderation_queue_empty"))
    for post in view.pending:
        _card(post)
        if post.held_by == BY_FILTER:
            ui.plain(ui.tr("moderation_held_filter", words=post.held_words), small=True)
        else:
            st.caption(ui.tr("moderation_held_pre_approval"))
        if not enabled:
            continue
        approve, reason, reject = st.columns([1, 2, 1], vertical_alignment="bottom")
        approve.button(
            ui.tr("moderation_approve"), key=f"moderation_approve_{post.id}_{post.version}", type="primary",
            on_click=_approve, args=(forum_id, post.id, post.version),
        )  # fmt: skip
        reason.text_input(ui.tr("moderation_reason"), key=f"moderation_reason_{post.id}_{post.version}", max_chars=200)
        reject.button(
            ui.tr("moderation_reject"), key=f"moderation_reject_{post.id}_{post.version}",
            on_click=_reject, args=(forum_id, post.id, post.version),
        )  # fmt: skip


def _hide_one(forum_id: int, view: ModerationView, enabled: bool) -> None:
    st.markdown(f"#### {ui.tr('moderation_hide_heading')}")
    if not view.visible:
        st.caption(ui.tr("moderation_visible_empty"))
        return
    if not enabled:
        return
    posts = {post.id: post for post in view.visible}
    chosen = st.selectbox(
        ui.tr("moderation_hide_choose"),
        list(posts),
        format_func=lambda cid: f"#{cid} · {_kind(posts[cid].kind)}: {posts[cid].text}",
        key="moderation_hide_choose",
    )
    post = posts.get(chosen) if chosen is not None else None
    if post is None:
        return
    # Keyed by the chosen post and its version: a reason typed for one post never goes with another.
    reason, button = st.columns([3, 1], vertical_alignment="bottom")
    reason.text_input(ui.tr("moderation_reason"), key=f"moderation_hide_reason_{post.id}_{post.version}", max_chars=200)
    button.button(
        ui.tr("moderation_hide"), key=f"moderation_hide_{post.id}_{post.version}",
        on_click=_hide, args=(forum_id, post.id, post.version),
    )  # fmt: skip


def _hidden(forum_id: int, view: ModerationView, enabled: bool) -> None:
    st.markdown(f"#### {ui.tr('moderation_hidden_heading', count=len(view.hidden))}")
    if not view.hidden:
        st.caption(ui.tr("moderation_hidden_empty"))
    for post in view.hidden:
        _card(post)
        ui.plain(f"{ui.tr('moderation_reason')}: {post.reason or '—'}", small=True)
        if enabled:
            st.button(
                ui.tr("moderation_restore"), key=f"moderation_restore_{post.id}_{post.version}",
                on_click=_restore, args=(forum_id, post.id, post.version),
            )  # fmt: skip


def _settings(forum_id: int, view: ModerationView, enabled: bool) -> None:
    rules = view.rules
    with st.expander(ui.tr("moderation_settings_heading"), key="moderation_settings_open"):
        on = rules.pre_approval
        st.caption(ui.tr("moderation_pre_approval_state_on" if on else "moderation_pre_approval_state_off"))
        st.button(
            ui.tr("moderation_pre_approval_turn_off" if on else "moderation_pre_approval_turn_on"),
            key=f"moderation_pre_approval_{rules.setting_version}", disabled=not enabled,
            on_click=_pre_approval, args=(forum_id, not on, rules.setting_version),
        )  # fmt: skip
        st.caption(ui.tr("moderation_words_help"))
        if rules.words:
            ui.plain(ui.tr("moderation_words_now", words=", ".join(rules.words)), small=True)
        kept = st.session_state.get(KEPT_WORDS)
        with st.form(f"moderation_words_form_{rules.words_version}", enter_to_submit=False, border=False):
            st.text_area(
                ui.tr("moderation_words"),
                value=kept if kept is not None else ", ".join(rules.words),
                key=f"moderation_words_{rules.words_version}",
                disabled=not enabled,
            )
            st.form_submit_button(
                ui.tr("moderation_words_save"), on_click=_save_words, args=(forum_id, rules.words_version),
                disabled=not enabled,
            )  # fmt: skip


def _log(view: ModerationView) -> None:
    with st.expander(ui.tr("moderation_log_heading", count=view.log_total), key="moderation_log_open"):
        if not view.log:
            st.caption(ui.tr("moderation_log_empty"))
            return
        lang = ui.lang()
        # A dataframe shows every cell as plain text: a post's words are never markup here.
        st.dataframe(
            {
                ui.tr("moderation_log_at"): [format_clock(line.at, lang) for line in view.log],
                ui.tr("moderation_log_action"): [ui.tr(f"moderation_action_{line.action.value}") for line in view.log],
                ui.tr("moderation_log_post"): [
                    f"#{line.contribution_id} {line.post_text}" if line.contribution_id else "—" for line in view.log
                ],
                ui.tr("moderation_log_by"): [ui.tr(f"moderation_by_{line.by_role}") for line in view.log],
                ui.tr("moderation_log_reason"): [line.reason or line.detail for line in view.log],
            },
            hide_index=True,
            width="stretch",
            key="moderation_log_table",
        )


def _current(forum_id: int) -> ModerationView:
    """The tab's view, read again only when the queue or the posts moved since it was read."""
    state = st.session_state
    found = ui.read(lambda session: counters(session=session, forum_ids=[forum_id])).get(forum_id, {})
    seen = (found.get(Topic.QUEUE.value, 0), found.get(Topic.POSTS.value, 0), forum_id)
    cached = state.get("moderation_view")
    if cached is None or cached[0] != seen:
        cached = (seen, ui.read(lambda session: moderation_view(session=session, forum_id=forum_id)))
        state["moderation_view"] = cached
    view: ModerationView = cached[1]
    return view


@st.fragment(run_every=QUEUE_SECONDS)
def controls(forum_id: int, *, enabled: bool) -> None:
    """The whole tab: it follows new waiting posts by itself."""
    view = _current(forum_id)
    ui.show_flash(SLOT)
    _queue(forum_id, view, enabled)
    _hide_one(forum_id, view, enabled)
    _hidden(forum_id, view, enabled)
    _settings(forum_id, view, enabled)
    _log(view)
