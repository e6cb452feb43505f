"""The console's overlaps: two organisations about to do the same thing for the same people.

Each flag shows both sides and a suggestion; its buttons are keyed by the pair and the
version of its mark, and carry that version, so a tap from a tab drawn before another tab
marked the pair is refused and the flag drawn again as it is now.
"""

import streamlit as st

from facilitation.core.i18n import format_date
from facilitation.forum.overlaps import OverlapFlag, Side, mark_overlap, overlaps
from facilitation.forum.plans import PlanRow
from models import OverlapDecision
from pages import ui

CHOICES = (OverlapDecision.MERGED, OverlapDecision.COORDINATED, OverlapDecision.NOT_OVERLAP)


def _mark(forum_id: int, flag: OverlapFlag, decision: OverlapDecision) -> None:
    first, second = flag.first.key, flag.second.key
    slot = f"overlap_{first}_{second}"
    made = ui.act(
        lambda session: mark_overlap(
            session=session, forum_id=forum_id, first=first, second=second, decision=decision, version=flag.version
        ),
        slot=slot,
        stale=ui.tr("overlap_stale"),
    )
    if made is not None:
        ui.flash("success", ui.tr("overlap_marked", decision=ui.tr(f"overlap_{decision.value}")), slot)


def _side(side: Side) -> str:
    when = " – ".join(format_date(day, ui.lang()) for day in (side.start, side.end) if day)
    facts = [
        ui.tr("overlap_item", number=side.item_number, activity=side.activity),
        side.what if side.key.startswith("commitment:") else "",
        f"{ui.tr('plan_target_group')}: {side.target_group}" if side.target_group else "",
        f"{ui.tr('plan_area')}: {side.area}" if side.area else "",
        when,
    ]
    return " · ".join(fact for fact in facts if fact)


def _flag(forum_id: int, flag: OverlapFlag, *, enabled: bool) -> None:
    slot = f"overlap_{flag.first.key}_{flag.second.key}"
    with st.container(border=True, key=f"overlap_box_{flag.first.key}_{flag.second.key}".replace(":", "_")):
        for side in (flag.first, flag.second):
            st.markdown(f"**{ui.tr('overlap_by')}**")
            ui.plain(side.organisation)
            ui.plain(_side(side), small=True)
        ui.plain(ui.tr(f"overlap_suggest_{flag.suggestion}", percent=round(flag.similarity * 100)), small=True)
        if not flag.is_open:
            ui.plain(ui.tr("overlap_marked_as", decision=ui.tr(f"overlap_{flag.decision.value}")), small=True)
        ui.show_flash(slot)
        buttons = st.columns(len(CHOICES) + 1)
        shown = [*CHOICES, OverlapDecision.OPEN] if not flag.is_open else list(CHOICES)
        for column, decision in zip(buttons, shown, strict=False):
            column.button(
                ui.tr(f"overlap_do_{decision.value}"),
                key=f"{slot}_{decision.value}_v{flag.version}",
                disabled=not enabled or decision == flag.decision,
                on_click=_mark,
                args=(forum_id, flag, decision),
                width="stretch",
            )


def flags(forum_id: int, rows: list[PlanRow]) -> list[OverlapFlag]:
    """Every flag in the plan the console drew (`rows`), with the facilitator's marks as they are now."""
    return ui.read(lambda session: overlaps(session=session, forum_id=forum_id, rows=rows))


def controls(forum_id: int, flags: list[OverlapFlag], *, enabled: bool) -> None:
    """Every flag, open ones first, each with both sides, a suggestion and the three marks."""
    st.caption(ui.tr("overlap_help"))
    if not flags:
        st.info(ui.tr("overlap_none"))
        return
    st.markdown(f"**{ui.tr('overlap_open_count', count=sum(flag.is_open for flag in flags))}**")
    for flag in sorted(flags, key=lambda flag: not flag.is_open):
        _flag(forum_id, flag, enabled=enabled)
