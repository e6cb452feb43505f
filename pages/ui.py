"""Streamlit glue every page shares: the engine, who the visitor is, language, messages."""

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Literal, TypeVar

import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session as Session  # re-exported: pages type the session they hand to services
from streamlit.runtime.scriptrunner import get_script_run_ctx

from facilitation.core.db import make_engine, read_session, write_session
from facilitation.core.errors import ForumError, NotAuthorised, StaleEdit
from facilitation.core.i18n import t
from facilitation.core.migrate import upgrade
from facilitation.core.settings import get_settings
from facilitation.core.tokens import normalise_join_code
from facilitation.forum.access import authorise_projector
from facilitation.forum.forums import authorise_facilitator
from facilitation.forum.participants import identify
from facilitation.forum.progress import subject_for_link
from facilitation.links.addresses import progress_url, resolve_base_url
from facilitation.links.forum_links import ForumLinks
from facilitation.links.forum_links import forum_links as build_links
from facilitation.web.served import served
from models import saved_id

T = TypeVar("T")
STYLE = (Path(__file__).resolve().parent.parent / "assets" / "style.css").read_text(encoding="utf-8")


@st.cache_resource
def engine() -> Engine:
    """The process's one engine, on a database upgraded to the newest schema on first use."""
    created = make_engine(get_settings().database_url)
    upgrade(created)
    return created


# Which secret of the link opens which role: the facilitator's key, the projector's
# own read-only token, the participant's token.
ROLE_PARAMS = {"facilitator": "key", "projector": "screen", "participant": "p", "owner": "progress"}


@dataclass(frozen=True)
class Visitor:
    # owner: opened by a private progress link, which reaches its one item's progress page only
    role: Literal["anonymous", "participant", "facilitator", "projector", "owner"]
    code: str = ""
    secret: str = ""  # the facilitator key, projector token or participant token from the link
    forum_id: int = 0
    participant_id: int = 0
    forum_language: str = "th"
    refused: bool = False  # the link carried a key or token that matched nothing


def _remembered_params() -> None:
    # Switching pages in the menu drops the query string; put the visitor's own back
    # so the address bar stays a link that survives a reload.
    remembered = st.session_state.get("visitor_params")
    if remembered and not st.query_params.get("code") and not st.query_params.get("progress"):
        st.query_params.update(remembered)


def resolve_visitor() -> Visitor:
    """Who this browser is, from the link it holds; checked against the database every run."""
    _remembered_params()
    code = normalise_join_code(st.query_params.get("code"))
    key, screen, token = st.query_params.get("key"), st.query_params.get("screen"), st.query_params.get("p")
    visitor = Visitor(role="anonymous", code=code)
    if code and (key or screen or token):
        try:
            with read_session(engine()) as session:
                if key:
                    forum = authorise_facilitator(session=session, code=code, key=key)
                    visitor = Visitor("facilitator", code, key, saved_id(forum), 0, forum.language)
                elif screen:
                    forum = authorise_projector(session=session, code=code, screen=screen)
                    visitor = Visitor("projector", code, screen, saved_id(forum), 0, forum.language)
                else:
                    member = identify(session=session, code=code, token=token)
                    visitor = Visitor(
                        "participant",
                        code,
                        token or "",
                        saved_id(member.forum),
                        saved_id(member.participant),
                        member.forum.language,
                    )
        except NotAuthorised:
            visitor = Visitor(role="anonymous", code=code, refused=True)
    elif owner := st.query_params.get("progress"):
        # The link carries its token alone (no join code): the token names its one subject.
        try:
            with read_session(engine()) as session:
                subject = subject_for_link(session=session, token=owner)
            visitor = Visitor("owner", "", owner, subject.forum_id, 0, subject.forum_language)
        except NotAuthorised:
            visitor = Visitor(role="anonymous", code=code, refused=True)
    if visitor.role == "anonymous":
        st.session_state.pop("visitor_params", None)
    elif visitor.role == "owner":
        st.session_state["visitor_params"] = {"progress": visitor.secret}
    else:
        st.session_state["visitor_params"] = {"code": code, ROLE_PARAMS[visitor.role]: visitor.secret}
    set_visitor(visitor)
    return visitor


def ensure_routed(page_file: str) -> None:
    """Send a run that skipped app.py's router through it; call first on every page.

    From a server start until app.py's st.navigation has run once, Streamlit runs a
    requested page file directly (its older pages-folder mode), e.g. when a projector
    tab reconnects after a restart. Such a run goes to app.py, which checks the role
    and opens the page asked for only if this visitor may see it.
    """
    if st.session_state.pop("routed", False):
        return
    st.session_state["wanted_page"] = Path(page_file).name
    st.switch_page("app.py", query_params=st.query_params.to_dict())


def visitor() -> Visitor:
    """The visitor resolved by app.py for this run."""
    found: Visitor = st.session_state.get("visitor") or resolve_visitor()
    return found


# The language of the script run on this thread, with the run it was worked out in: every
# ui.tr asks for it, dozens of times a run, and reading the link and the session state each
# time cost a phone's run about 8 %. Thread-local, as each session's runs have their thread.
_run_language = threading.local()


def lang() -> str:
    """The UI language: the link's `lang`, else the forum's, else Thai (worked out once a run)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    # Streamlit gives every script run (a fragment's too) a new `cursors` dict: held here,
    # it names the run, and a later run can never be mistaken for it. Without one (no run,
    # or a Streamlit that no longer has it) the language is worked out on every call.
    run = getattr(ctx, "cursors", None)
    memo: tuple[object, str] | None = getattr(_run_language, "memo", None)
    if run is not None and memo is not None and memo[0] is run:
        return memo[1]
    chosen = _chosen_language()
    _run_language.memo = (run, chosen) if run is not None else None
    return chosen


def _chosen_language() -> str:
    chosen = st.query_params.get("lang") or st.session_state.get("lang")
    if chosen in ("th", "en"):
        return str(chosen)
    current = st.session_state.get("visitor")
    return current.forum_language if current else "th"


def _language_changed() -> None:
    """What `lang()` reads was written: the next call works it out again."""
    _run_language.memo = None


def set_visitor(visitor: Visitor) -> None:
    """Who this browser is for the rest of the run (its forum's language with it)."""
    st.session_state["visitor"] = visitor
    _language_changed()


def tr(key: str, **values: object) -> str:
    """A catalogue string in the visitor's language."""
    return t(key, lang(), **values)


def error_text(error: ForumError) -> str:
    """The translated message of a domain error."""
    return error.message(lang())


def drawn(form: str, current: T) -> T:
    """What the edit form `form` was first drawn from (its row's version and values), until it is sent.

    A form keyed by what it was drawn from keeps the words being typed across the page's
    redraws; sending it carries that version, so a row changed meanwhile is refused.
    """
    found: T = st.session_state.setdefault(f"drawn_{form}", current)
    return found


def forget_drawn(form: str) -> None:
    """After the form was sent (saved or refused): draw it next from the row as it is then."""
    st.session_state.pop(f"drawn_{form}", None)


# How long a message stays on screen across redraws nobody asked for: a live page reruns
# when the forum changes, and "sent" must not vanish before the person has read it.
FLASH_SECONDS = 8.0


def flash(kind: Literal["success", "error", "info"], message: str, slot: str = "main") -> None:
    """A message shown where `show_flash(slot)` is called, on the next run and any redraw soon after."""
    st.session_state[f"flash_{slot}"] = (kind, message, time.monotonic() + FLASH_SECONDS)


def clear_flash(slot: str = "main") -> None:
    """Take the message of `slot` down: a new action's outcome replaces it."""
    st.session_state.pop(f"flash_{slot}", None)


def show_flash(slot: str = "main") -> None:
    """Show the pending message of `slot`, until it has been up for FLASH_SECONDS."""
    pending = st.session_state.get(f"flash_{slot}")
    if not pending:
        return
    kind, message, until = pending
    if time.monotonic() > until:
        clear_flash(slot)
        return
    {"success": st.success, "error": st.error, "info": st.info}[kind](message)


def act(action: Callable[[Session], T], *, slot: str = "main", stale: str | None = None) -> T | None:
    """Run one user action in one write transaction; a domain error becomes a flash.

    `stale`: what to say instead when the action was refused because another screen acted
    first (StaleEdit) and nothing typed needs showing: a button, not a form.
    """
    clear_flash(slot)
    try:
        with write_session(engine()) as session:
            return action(session)
    except StaleEdit as error:
        if stale is None:
            flash("error", error_text(error), slot)
        else:
            flash("info", stale, slot)
        return None
    except ForumError as error:
        flash("error", error_text(error), slot)
        return None


def read(query: Callable[[Session], T]) -> T:
    """Run a read in a snapshot session."""
    with read_session(engine()) as session:
        return query(session)


def page_setup(title: str, *, wide: bool = False) -> None:
    """Page config and the shared style sheet."""
    st.set_page_config(
        page_title=title,
        page_icon="🌳",
        layout="wide" if wide else "centered",
        initial_sidebar_state="collapsed",
    )
    st.html(f"<style>{STYLE}</style>")


def language_switch(key: str) -> None:
    """A small ไทย / English switch that keeps the choice in the link."""
    current = lang()
    choice = st.segmented_control(
        "ภาษา / Language",
        options=["th", "en"],
        format_func=lambda code: "ไทย" if code == "th" else "English",
        default=current,
        key=key,
        label_visibility="collapsed",
    )
    if choice and choice != current:
        st.query_params["lang"] = choice
        st.session_state["lang"] = choice
        _language_changed()
        st.rerun()


def scroll_to_top() -> None:
    """Show this page from its top: the browser keeps the last page's scroll position otherwise.

    Creating a forum from the bottom of the start page opened the console halfway down.
    """
    st.html(
        "<script>const main = document.querySelector('[data-testid=\"stMain\"]');"
        " if (main) { main.scrollTo(0, 0); setTimeout(() => main.scrollTo(0, 0), 300); }</script>",
        unsafe_allow_javascript=True,
    )


def heading(text: str) -> None:
    """A page heading of text someone typed, shown as plain text."""
    st.html(f'<h1 class="plain-heading">{escape(text)}</h1>')


def plain(text: str, *, small: bool = False) -> None:
    """A line of text someone typed, shown as plain text (never Markdown)."""
    st.html(f'<div class="{"plain-small" if small else "plain"}">{escape(text)}</div>')


def forum_links(code: str, *, key: str | None = None, screen: str | None = None) -> ForumLinks | None:
    """The forum's links on the address the facilitator's browser used, when phones can reach it."""
    return build_links(
        code=code,
        key=key,
        screen=screen,
        browser_url=st.context.url,
        port=int(st.get_option("server.port")),
        path_prefix=str(st.get_option("server.baseUrlPath") or ""),
        light_join=served(),
    )


def progress_link(token: str) -> str | None:
    """An owner's private progress link on the address phones can reach, or None when there is none."""
    base = resolve_base_url(
        browser_url=st.context.url,
        port=int(st.get_option("server.port")),
        path_prefix=str(st.get_option("server.baseUrlPath") or ""),
    )
    return None if base is None else progress_url(base, token)


def fixed_size_chart(figure: object, *, width: float, key: str, config: Mapping[str, object] | None = None) -> None:
    """A Plotly chart never drawn narrower than `width` pixels: narrower screens scroll sideways.

    The tree's layout keeps labels apart at its own size; Streamlit would otherwise
    squeeze a wide figure into the column, and text (sized in pixels) would collide.
    """
    with st.container(key=f"{key}_box"):
        st.html(
            f"<style>.st-key-{key}_box {{ overflow-x: auto; }}"
            f" .st-key-{key}_box > div {{ min-width: {int(width)}px; }}</style>"
        )
        st.plotly_chart(figure, key=key, config=dict(config or {"displaylogo": False}), theme=None, width="stretch")
