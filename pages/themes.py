"""The console's Themes tab: group the room's posts into named themes, with suggestions to accept or reject.

Every widget that edits a theme is keyed by the theme's id and version: a theme changed in
another tab (renamed, a post moved in) is drawn fresh, and a button drawn from its older version
is refused by the service instead of acting on a theme its facilitator did not see.
"""

from html import escape

import streamlit as st

from facilitation.core.errors import StaleEdit
from facilitation.core.tokens import new_token
from facilitation.forum.theme_similarity import Suggestion
from facilitation.forum.theme_suggestions import accept_suggestion, reject_suggestion, theme_suggestions
from facilitation.forum.themes import (
    ThemeBoard,
    ThemePostView,
    ThemeView,
    create_theme,
    merge_themes,
    move_post,
    rename_theme,
    ungroup_theme,
)
from facilitation.present.palette import KIND_ICONS
from models import Theme
from pages import ui

SUGGESTIONS_SHOWN = 10
POSTS_PER_SUGGESTION = 6
NO_THEME = 0  # the "move to" choice that takes a post out of its theme


def _post_line(post: ThemePostView) -> str:
    return f"{KIND_ICONS[post.kind]} {post.text}"


def _new_key() -> str:
    key: str = st.session_state.setdefault("themes_new_key", new_token())
    return key


def _group(forum_id: int, creation_key: str, post_ids: list[int]) -> None:
    state = st.session_state
    chosen = [pid for pid in post_ids if state.get(f"themes_pick_{pid}")]
    name: str = state.get("themes_new_name", "")
    made = ui.act(
        lambda session: create_theme(
            session=session, forum_id=forum_id, name=name, contribution_ids=chosen, creation_key=creation_key
        ),
        slot="themes_new",
    )
    if made is not None:
        state["themes_new_key"] = new_token()
        state["themes_new_name"] = ""
        for pid in chosen:
            state.pop(f"themes_pick_{pid}", None)
        ui.flash("success", ui.tr("themes_grouped"), "themes_new")


def _rename(forum_id: int, theme_id: int, version: int) -> None:
    state = st.session_state
    typed: str = state.get(f"themes_name_{theme_id}_{version}", "")
    stale: list[Theme] = []

    def save(session: ui.Session) -> object:
        try:
            return rename_theme(session=session, forum_id=forum_id, theme_id=theme_id, name=typed, version=version)
        except StaleEdit as error:
            if isinstance(error.current, Theme):
                stale.append(error.current)
            raise

    saved = ui.act(save, slot=f"themes_{theme_id}")
    if saved is not None:
        state.pop(f"themes_kept_{theme_id}", None)
        ui.flash("success", ui.tr("themes_renamed"), f"themes_{theme_id}")
    elif stale:
        # Drawn again over the name as it is now, with what was typed kept in the box.
        state[f"themes_kept_{theme_id}"] = (typed, stale[0].name)


def _merge(forum_id: int, theme_id: int, version: int) -> None:
    into = st.session_state.get(f"themes_merge_into_{theme_id}_{version}")
    if not into:
        return
    done = ui.act(
        lambda session: merge_themes(
            session=session, forum_id=forum_id, theme_id=theme_id, version=version, into_id=int(into)
        ),
        slot="themes_list",
        stale=ui.tr("themes_changed"),
    )
    if done is not None:
        ui.flash("success", ui.tr("themes_merged"), "themes_list")


def _ungroup(forum_id: int, theme_id: int, version: int) -> None:
    done = ui.act(
        lambda session: ungroup_theme(session=session, forum_id=forum_id, theme_id=theme_id, version=version),
        slot="themes_list",
        stale=ui.tr("themes_changed"),
    )
    if done is not None:
        ui.flash("success", ui.tr("themes_ungrouped"), "themes_list")


def _move(forum_id: int, theme_id: int, version: int) -> None:
    state = st.session_state
    post_id = state.get(f"themes_move_post_{theme_id}_{version}")
    target = state.get(f"themes_move_to_{theme_id}_{version}")
    if post_id is None or target is None:
        return

    def move(session: ui.Session) -> bool:
        move_post(
            session=session,
            forum_id=forum_id,
            contribution_id=int(post_id),
            theme_id=None if target == NO_THEME else int(target),
        )
        return True

    if ui.act(move, slot=f"themes_{theme_id}") is not None:
        ui.flash("success", ui.tr("themes_moved"), "themes_list")


def _accept(forum_id: int, suggestion: Suggestion) -> None:
    name: str = st.session_state.get(f"themes_suggestion_name_{suggestion.key[:16]}", suggestion.name)
    made = ui.act(
        lambda session: accept_suggestion(session=session, forum_id=forum_id, post_ids=suggestion.post_ids, name=name),
        slot="themes_suggestions",
    )
    if made is not None:
        ui.flash("success", ui.tr("themes_grouped"), "themes_suggestions")


def _reject(forum_id: int, suggestion: Suggestion) -> None:
    def reject(session: ui.Session) -> bool:
        reject_suggestion(session=session, forum_id=forum_id, post_ids=suggestion.post_ids)
        return True

    if ui.act(reject, slot="themes_suggestions") is not None:
        ui.flash("info", ui.tr("themes_rejected"), "themes_suggestions")


def _suggestions(forum_id: int, board: ThemeBoard, *, enabled: bool) -> None:
    # Worked out only while the box is open: the console redraws far more often than it is read.
    box = st.expander(ui.tr("themes_suggestions_heading"), key="themes_suggestions_open", on_change="rerun")
    ui.show_flash("themes_suggestions")
    if not box.open:
        return
    with box:
        st.caption(ui.tr("themes_suggestions_help"))
        found = ui.read(lambda session: theme_suggestions(session=session, forum_id=forum_id))
        if not found:
            st.caption(ui.tr("themes_suggestions_empty"))
        texts = {post.id: post for post in board.ungrouped}
        for suggestion in found[:SUGGESTIONS_SHOWN]:
            short = suggestion.key[:16]
            with st.container(border=True, key=f"themes_suggestion_{short}"):
                for pid in suggestion.post_ids[:POSTS_PER_SUGGESTION]:
                    if pid in texts:
                        ui.plain(_post_line(texts[pid]), small=True)
                more = len(suggestion.post_ids) - POSTS_PER_SUGGESTION
                if more > 0:
                    st.caption(ui.tr("themes_more_posts", count=more))
                name, accept, reject = st.columns([3, 1, 1], vertical_alignment="bottom")
                name.text_input(
                    ui.tr("themes_name"), value=suggestion.name, key=f"themes_suggestion_name_{short}", max_chars=120
                )
                accept.button(
                    ui.tr("themes_accept"),
                    key=f"themes_accept_{short}",
                    type="primary",
                    on_click=_accept,
                    args=(forum_id, suggestion),
                    disabled=not enabled,
                )
                reject.button(
                    ui.tr("themes_reject"),
                    key=f"themes_reject_{short}",
                    on_click=_reject,
                    args=(forum_id, suggestion),
                    disabled=not enabled,
                )


def _ungrouped(forum_id: int, board: ThemeBoard, *, enabled: bool) -> None:
    st.markdown(f"#### {ui.tr('themes_ungrouped_heading', count=len(board.ungrouped))}")
    if not board.ungrouped:
        st.caption(ui.tr("themes_all_grouped"))
        ui.show_flash("themes_new")
        return
    creation_key = _new_key()
    post_ids = [post.id for post in board.ungrouped]
    with st.form("themes_group_form", enter_to_submit=False):
        for post in board.ungrouped:
            pick, text = st.columns([1, 20], vertical_alignment="center")
            # The label is ours; the post's words go beside it as plain text, never as Markdown.
            pick.checkbox(ui.tr("themes_pick"), key=f"themes_pick_{post.id}", label_visibility="collapsed")
            with text:
                ui.plain(_post_line(post), small=True)
        st.text_input(ui.tr("themes_name"), key="themes_new_name", max_chars=120)
        ui.show_flash("themes_new")
        # Keyed by the creation key: a tap replayed after the theme was made names a button no longer drawn.
        st.form_submit_button(
            ui.tr("themes_group"),
            type="primary",
            on_click=_group,
            args=(forum_id, creation_key, post_ids),
            key=f"themes_group_{creation_key}",
            disabled=not enabled,
        )


def _theme(forum_id: int, theme: ThemeView, board: ThemeBoard, *, enabled: bool) -> None:
    theme_id, version = theme.id, theme.version
    with st.container(border=True, key=f"themes_theme_{theme_id}"):
        st.html(
            f'<div class="plain-heading theme-name" data-theme="{theme_id}">{escape(theme.name)} '
            f'<span class="count">· {escape(ui.tr("themes_post_count", count=theme.count))}</span></div>'
        )
        for post in theme.posts:
            ui.plain(_post_line(post), small=True)
        ui.show_flash(f"themes_{theme_id}")
        kept = st.session_state.get(f"themes_kept_{theme_id}")
        if kept is not None:
            ui.plain(ui.tr("themes_current_name", name=kept[1]), small=True)
        with st.expander(ui.tr("themes_edit")):
            with st.form(f"themes_rename_form_{theme_id}_{version}", enter_to_submit=False, border=False):
                st.text_input(
                    ui.tr("themes_name"),
                    value=kept[0] if kept is not None else theme.name,
                    key=f"themes_name_{theme_id}_{version}",
                    max_chars=120,
                )
                st.form_submit_button(
                    ui.tr("themes_rename"),
                    on_click=_rename,
                    args=(forum_id, theme_id, version),
                    key=f"themes_rename_{theme_id}_{version}",
                    disabled=not enabled,
                )
            others = {other.id: other.name for other in board.themes if other.id != theme_id}
            if theme.posts:
                posts = {post.id: _post_line(post) for post in theme.posts}
                targets = {**others, NO_THEME: ui.tr("themes_no_theme")}
                which, target, move = st.columns([3, 2, 1], vertical_alignment="bottom")
                which.selectbox(
                    ui.tr("themes_move_post"),
                    list(posts),
                    format_func=posts.__getitem__,
                    key=f"themes_move_post_{theme_id}_{version}",
                )
                target.selectbox(
                    ui.tr("themes_move_to"),
                    list(targets),
                    format_func=targets.__getitem__,
                    key=f"themes_move_to_{theme_id}_{version}",
                )
                move.button(
                    ui.tr("themes_move"),
                    key=f"themes_move_{theme_id}_{version}",
                    on_click=_move,
                    args=(forum_id, theme_id, version),
                    disabled=not enabled,
                )
            if others:
                into, merge = st.columns([5, 1], vertical_alignment="bottom")
                into.selectbox(
                    ui.tr("themes_merge_into"),
                    list(others),
                    format_func=others.__getitem__,
                    key=f"themes_merge_into_{theme_id}_{version}",
                )
                merge.button(
                    ui.tr("themes_merge"),
                    key=f"themes_merge_{theme_id}_{version}",
                    on_click=_merge,
                    args=(forum_id, theme_id, version),
                    disabled=not enabled,
                )
            st.button(
                ui.tr("themes_ungroup"),
                key=f"themes_ungroup_{theme_id}_{version}",
                on_click=_ungroup,
                args=(forum_id, theme_id, version),
                disabled=not enabled,
            )


def controls(forum_id: int, board: ThemeBoard, *, enabled: bool) -> None:
    """The Themes tab: suggestions, the posts in no theme to group, and each theme with its tools."""
    st.caption(ui.tr("themes_help"))
    if not enabled:
        st.info(ui.tr("console_closed"))
    _suggestions(forum_id, board, enabled=enabled)
    _ungrouped(forum_id, board, enabled=enabled)
    st.markdown(f"#### {ui.tr('themes_heading', count=len(board.themes))}")
    ui.show_flash("themes_list")
    if not board.themes:
        st.caption(ui.tr("themes_empty"))
    for theme in board.themes:
        _theme(forum_id, theme, board, enabled=enabled)
