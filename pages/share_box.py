"""The phone's share box: posts go to /posts/{code} (facilitation/web/share_api.py) over plain HTTP.

Sending a post runs no page: the box says "sent" when the server has stored it and lists
what it sent until the page's own list shows it, at the page's next run (a stage change,
a language switch, or the person asking for it to edit a post). Where nothing serves the
endpoint (the app run with `streamlit run`, a test, a proxy that does not pass it on) the
page draws its own Streamlit form instead.
"""

from pathlib import Path

import streamlit as st

from facilitation.core.i18n import t
from facilitation.core.text import CONTRIBUTION_MAX
from facilitation.present.palette import KIND_COLOURS
from facilitation.web.served import served
from models import ContributionKind
from pages import ui

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "share"
HTML = """<div class="share-box" data-state="ready"><form novalidate>
<fieldset><legend></legend><div class="share-kinds" role="radiogroup"></div></fieldset>
<label class="share-label" for="share-box-text"></label>
<textarea id="share-box-text" name="text" rows="4"></textarea>
<div class="share-count" aria-hidden="true"></div>
<div class="share-note" hidden></div>
<div class="share-status" role="status" aria-live="polite" hidden></div>
<button type="submit"></button>
</form>
<section class="share-sent" hidden><h4 class="share-sent-heading"></h4><div class="share-sent-list"></div>
<button type="button" class="share-sent-open"></button></section></div>"""

_box = st.components.v2.component(
    "welfare_forum.share_box",
    html=HTML,
    css=(ASSETS / "share.css").read_text(encoding="utf-8"),
    js=(ASSETS / "share.js").read_text(encoding="utf-8"),
)
UNREACHABLE = "share_box_unreachable"


def usable() -> bool:
    """Whether this session draws the box: the endpoint is served and the browser reached it."""
    return served() and not st.session_state.get(UNREACHABLE, False)


def share_box(*, code: str, token: str, who: int, listed: list[int], closed: bool, key: str = "share_box") -> None:
    """Draw the box for the participant holding `token`; `listed`: the ids of the posts the page lists.

    `closed`: the forum takes no more posts.
    """
    lang = ui.lang()
    result = _box(
        key=key,
        data={
            "endpoint": f"posts/{code}",
            "code": code,
            "token": token,
            "who": who,
            "lang": lang,
            "limit": CONTRIBUTION_MAX,
            "closed": closed,
            "listed": listed,
            "kinds": [
                {"value": kind.value, "label": t(f"kind_{kind.value}", lang), "colour": KIND_COLOURS[kind]}
                for kind in ContributionKind
            ],
            "labels": {
                "kind": ui.tr("share_kind"),
                "text": ui.tr("share_text"),
                "placeholder": ui.tr("share_placeholder"),
                "submit": ui.tr("share_submit"),
                "sending": ui.tr("share_sending"),
                "offline": ui.tr("share_offline"),
                "empty": ui.tr("error_text_empty_field", field=ui.tr("share_text")),
                "closed": ui.tr("phone_closed_form_note"),
                "closed_button": ui.tr("phone_closed_form_button"),
                "sent_heading": ui.tr("share_sent_heading", count="{count}"),
                "sent_open": ui.tr("share_sent_open"),
                "waiting": ui.tr("share_waiting_mark"),
            },
        },
        on_list_change=lambda: None,
        on_unreachable_change=lambda: None,
    )
    typed = result.unreachable
    if typed is not None:
        # The words the box held go into the page's own form, which is drawn from now on.
        st.session_state[UNREACHABLE] = True
        if isinstance(typed, str) and typed:
            st.session_state["share_text"] = typed
        st.rerun()
