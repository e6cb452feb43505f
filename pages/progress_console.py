"""The console's Progress tab: each activity and commitment with its progress, owners' links, weights, and reports.

An owner's link is shown (QR code and a text to paste into a chat) only to the console tab that
made it: the database keeps its hash alone. Making it again revokes the one before.
"""

from datetime import datetime
from html import escape

import streamlit as st

from facilitation.core.i18n import THAI_TIME, format_clock, format_date
from facilitation.forum.progress import (
    NewOwnerLink,
    ProgressForm,
    Reported,
    owner_link,
    report_progress_for,
    set_weight,
)
from facilitation.forum.progress_board import CommitmentLine, ItemLine, progress_board
from facilitation.links.qr import qr_png
from facilitation.present import cards
from models import Forum, ProgressReport, ProgressStatus, ProgressSubject, saved_id
from pages import progress_form, ui

LINKS = "progress_links"  # session state: "kind:id" → the token this tab made (shown until the tab closes)


def _make_link(forum_id: int, kind: ProgressSubject, subject_id: int) -> None:
    made: NewOwnerLink | None = ui.act(
        lambda session: owner_link(session=session, forum_id=forum_id, subject_kind=kind, subject_id=subject_id),
        slot="progress",
    )
    if made is not None:
        st.session_state.setdefault(LINKS, {})[f"{kind.value}:{subject_id}"] = made.token
        ui.flash("success", ui.tr("progress_link_done"), "progress")


def _save_weight(forum_id: int, commitment_id: int, seen: int) -> None:
    weight = int(st.session_state.get(f"progress_weight_{commitment_id}_v{seen}") or 0)
    saved = ui.act(
        lambda session: set_weight(
            session=session, forum_id=forum_id, commitment_id=commitment_id, weight=weight, seen=seen
        ),
        slot="progress",
        stale=ui.tr("progress_weight_stale"),
    )
    if saved is not None:
        ui.flash("success", ui.tr("progress_weight_saved"), "progress")


def _latest(report: ProgressReport | None) -> str:
    if report is None:
        return cards.progress_bar(ProgressStatus.NOT_STARTED, 0, ui.lang())
    return cards.progress_entry(report, ui.lang())


def _link(
    forum_id: int, kind: ProgressSubject, subject_id: int, label: str, made_at: datetime | None, title: str
) -> None:
    """The make/renew button of one owner's link, and the link itself if this tab made it."""
    token = st.session_state.get(LINKS, {}).get(f"{kind.value}:{subject_id}")
    left, right = st.columns([3, 2])
    if made_at is None:
        left.caption(ui.tr("progress_link_none"))
    else:
        day = format_date(made_at.astimezone(THAI_TIME).date(), ui.lang(), short=True)
        left.caption(ui.tr("progress_link_made", time=f"{day} {format_clock(made_at, ui.lang())}"))
    right.button(
        ui.tr("progress_link_make" if made_at is None else "progress_link_renew"),
        key=f"progress_link_{kind.value}_{subject_id}",
        on_click=_make_link,
        args=(forum_id, kind, subject_id),
        help=ui.tr("progress_link_renew_help") if made_at is not None else None,
    )
    if token is None:
        return
    url = ui.progress_link(token)
    if url is None:
        st.error(ui.tr("error_no_address"))
        return
    qr, text = st.columns([1, 3])
    qr.image(qr_png(url), width=160)
    text.caption(ui.tr("progress_link_for", who=label))
    text.code(ui.tr("progress_link_chat", activity=title, url=url), language=None)


def _commitment(forum_id: int, line: CommitmentLine, title: str) -> None:
    commitment = line.commitment
    who = commitment.organisation or commitment.author or "—"
    st.html(
        f'<div class="fact"><span class="fact-label">🤝</span> <b>{escape(who)}</b>: {escape(commitment.text)}</div>'
        f"{_latest(line.latest)}"
    )
    _link(forum_id, ProgressSubject.COMMITMENT, commitment.id, who, line.link_made, title)
    version = line.weight_version
    weight, save = st.columns([2, 1], vertical_alignment="bottom")
    # Keyed by the commitment and the version drawn: a weight saved meanwhile draws a fresh box.
    weight.number_input(
        ui.tr("progress_weight"),
        value=line.weight,
        step=1,
        key=f"progress_weight_{commitment.id}_v{version}",
        help=ui.tr("progress_weight_help"),
    )
    save.button(
        ui.tr("progress_weight_save"),
        key=f"progress_weight_save_{commitment.id}_v{version}",
        on_click=_save_weight,
        args=(forum_id, commitment.id, version),
    )


def _item(forum_id: int, line: ItemLine) -> None:
    item_id = saved_id(line.item)
    title = line.item.activity
    progress = line.progress
    bar = cards.progress_bar(progress.status, progress.percent, ui.lang()) if progress else ""
    # The activity's words as plain text, outside the expander: its label would read them as Markdown.
    st.html(f'<div class="plan-card" data-item="{item_id}"><h4>{line.number}. {escape(title)}</h4>{bar}</div>')
    box = st.expander(
        ui.tr("progress_item_open", number=line.number), key=f"progress_open_{item_id}", on_change="rerun"
    )
    if not box.open:
        # Drawn afresh from the newest reports when opened again.
        ui.forget_drawn(f"progress_console_{ProgressSubject.ACTION_ITEM.value}_{item_id}")
        for commitment in line.commitments:
            ui.forget_drawn(f"progress_console_{ProgressSubject.COMMITMENT.value}_{commitment.commitment.id}")
        return
    with box:
        st.markdown(f"**{ui.tr('progress_item_own')}** · {escape(line.item.lead_organisation or '—')}")
        st.html(_latest(line.latest))
        _link(forum_id, ProgressSubject.ACTION_ITEM, item_id, line.item.lead_organisation or "—", line.link_made, title)
        if line.commitments:
            st.markdown(f"**{ui.tr('plan_commitments')}**")
            st.caption(ui.tr("progress_rollup_help"))
        for commitment in line.commitments:
            _commitment(forum_id, commitment, title)
        st.markdown(f"**{ui.tr('progress_report_for')}**")
        subjects = [(ProgressSubject.ACTION_ITEM, item_id, line.latest, title)]
        subjects += [
            (ProgressSubject.COMMITMENT, c.commitment.id, c.latest, c.commitment.organisation or c.commitment.author)
            for c in line.commitments
        ]
        chosen = st.selectbox(
            ui.tr("progress_report_about"),
            range(len(subjects)),
            format_func=lambda index: subjects[index][3] or "—",
            key=f"progress_about_{item_id}",
        )
        kind, subject_id, latest, _ = subjects[chosen or 0]

        def send(session: ui.Session, form: ProgressForm) -> Reported:
            return report_progress_for(session=session, forum_id=forum_id, form=form)

        progress_form.draw(
            name=f"progress_console_{kind.value}_{subject_id}",
            kind=kind,
            subject_id=subject_id,
            latest=latest,
            send=send,
        )


def controls(forum: Forum) -> None:
    """The tab: every activity of the plan with its progress; open one to hand out links, weigh and report."""
    forum_id = saved_id(forum)
    lines = ui.read(lambda session: progress_board(session=session, forum_id=forum_id))
    st.caption(ui.tr("progress_console_help"))
    ui.show_flash("progress")
    if not lines:
        st.info(ui.tr("plan_empty"))
        return
    for line in lines:
        _item(forum_id, line)
