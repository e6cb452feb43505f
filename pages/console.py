"""Facilitator console: stage control, the links to hand out, and the action plan editor."""

from collections.abc import Callable

import streamlit as st

from facilitation.core.i18n import format_date
from facilitation.forum.contributions import feed
from facilitation.forum.forums import STAGE_ORDER, authorise_facilitator, set_stage
from facilitation.forum.plans import PlanRow, create_action_item, delete_action_item, plan, update_action_item
from facilitation.forum.policy import Action, allows, stage_rules
from facilitation.present import cards
from models import ActionItemCreate, FundSource, Stage, saved_id
from pages import ui

ui.ensure_routed(__file__)

visitor = ui.visitor()
forum = ui.read(lambda session: authorise_facilitator(session=session, code=visitor.code, key=visitor.secret))
forum_id = saved_id(forum)
ui.page_setup(f"{ui.tr('nav_console')} · {forum.title}", wide=True)
lang = ui.lang()


def _set_stage(stage: Stage) -> None:
    if ui.act(lambda session: set_stage(session=session, forum=forum, stage=stage)) is not None:
        ui.flash("success", ui.tr("console_stage_moved", stage=ui.tr(f"stage_{stage}")))


def _plan_data(prefix: str) -> ActionItemCreate:
    state = st.session_state
    return ActionItemCreate(
        activity=state.get(f"{prefix}_activity", ""),
        objective=state.get(f"{prefix}_objective", ""),
        target_group=state.get(f"{prefix}_target", ""),
        lead_organisation=state.get(f"{prefix}_lead", ""),
        partners=state.get(f"{prefix}_partners", ""),
        budget_baht=int(state.get(f"{prefix}_budget") or 0),
        fund_source=state.get(f"{prefix}_fund") or FundSource.OTHER,
        start_date=state.get(f"{prefix}_start"),
        end_date=state.get(f"{prefix}_end"),
        indicator=state.get(f"{prefix}_indicator", ""),
        expected_result=state.get(f"{prefix}_expected", ""),
        contribution_ids=list(state.get(f"{prefix}_answers") or []),
    )


def _create_item() -> None:
    data = _plan_data("plan_new")
    made = ui.act(lambda session: create_action_item(session=session, forum_id=forum_id, data=data), slot="plan_new")
    if made is not None:
        for field in ("activity", "objective", "target", "lead", "partners", "indicator", "expected"):
            st.session_state[f"plan_new_{field}"] = ""
        st.session_state["plan_new_budget"] = 0
        st.session_state["plan_new_answers"] = []
        ui.flash("success", ui.tr("plan_added"), "plan_new")


def _update_item(item_id: int) -> None:
    data = _plan_data(f"plan_{item_id}")
    saved = ui.act(
        lambda session: update_action_item(session=session, forum_id=forum_id, item_id=item_id, data=data),
        slot=f"plan_{item_id}",
    )
    if saved is not None:
        ui.flash("success", ui.tr("plan_saved"), f"plan_{item_id}")


def _delete_item(item_id: int) -> None:
    if ui.act(lambda session: delete_action_item(session=session, forum_id=forum_id, item_id=item_id)) is None:
        return
    ui.flash("success", ui.tr("plan_deleted"))


def _plan_form(
    prefix: str, answer_options: dict[int, str], row: PlanRow | None, on_submit: Callable[..., None]
) -> None:
    item = row.item if row else None
    funds = list(FundSource)
    with st.form(f"{prefix}_form", enter_to_submit=False, border=row is None):
        st.text_input(
            ui.tr("plan_activity"), value=item.activity if item else "", key=f"{prefix}_activity", max_chars=300
        )
        st.text_area(
            ui.tr("plan_objective"), value=item.objective if item else "", key=f"{prefix}_objective", height=68
        )
        left, right = st.columns(2)
        left.text_input(ui.tr("plan_target_group"), value=item.target_group if item else "", key=f"{prefix}_target")
        right.text_input(ui.tr("plan_lead"), value=item.lead_organisation if item else "", key=f"{prefix}_lead")
        st.text_input(ui.tr("plan_partners"), value=item.partners if item else "", key=f"{prefix}_partners")
        left, middle, right = st.columns(3)
        left.number_input(
            ui.tr("plan_budget_baht"),
            min_value=0,
            step=1000,
            value=item.budget_baht if item else 0,
            key=f"{prefix}_budget",
        )
        middle.selectbox(
            ui.tr("plan_fund_source"),
            funds,
            index=funds.index(FundSource(item.fund_source)) if item else len(funds) - 1,
            format_func=lambda fund: ui.tr(f"fund_{fund.value}"),
            key=f"{prefix}_fund",
        )
        with right:
            start, end = st.columns(2)
            start.date_input(
                ui.tr("plan_start"), value=item.start_date if item else None, key=f"{prefix}_start", format="DD/MM/YYYY"
            )
            end.date_input(
                ui.tr("plan_end"), value=item.end_date if item else None, key=f"{prefix}_end", format="DD/MM/YYYY"
            )
        left, right = st.columns(2)
        left.text_input(ui.tr("plan_indicator"), value=item.indicator if item else "", key=f"{prefix}_indicator")
        right.text_input(
            ui.tr("plan_expected_result"), value=item.expected_result if item else "", key=f"{prefix}_expected"
        )
        st.multiselect(
            ui.tr("plan_answers"),
            list(answer_options),
            format_func=lambda cid: answer_options[cid],
            default=[c.id for c in row.answers if c.id in answer_options] if row else [],
            key=f"{prefix}_answers",
            placeholder=ui.tr("plan_answers_hint"),
        )
        ui.show_flash(prefix)
        st.form_submit_button(
            ui.tr("plan_save") if row else ui.tr("plan_add"),
            type="primary",
            on_click=on_submit,
            args=(row.item.id,) if row else (),
        )


ui.heading(forum.title)
area = forum.area_name_th if lang == "th" else forum.area_name_en
ui.plain(f"{area} · {format_date(forum.forum_date, lang)} · {forum.venue}", small=True)
ui.show_flash()

st.subheader(ui.tr("console_stage_heading"))
for column, stage in zip(st.columns(len(STAGE_ORDER)), STAGE_ORDER, strict=True):
    column.button(
        ui.tr(f"stage_{stage}"),
        key=f"console_stage_{stage}",
        type="primary" if stage == forum.stage else "secondary",
        disabled=stage == forum.stage,
        on_click=_set_stage,
        args=(stage,),
        width="stretch",
    )
st.caption(ui.tr(f"console_stage_help_{forum.stage}"))

links = ui.forum_links(forum.code, visitor.secret)
with st.expander(ui.tr("console_links"), expanded=stage_rules(forum.stage).console_links_open):
    if links is None:
        st.error(ui.tr("error_no_address"))
    else:
        qr, text = st.columns([1, 3])
        qr.image(links.qr_png, width=200)
        text.markdown(f"**{ui.tr('console_join_link')}** · {ui.tr('projector_code')} `{forum.code}`")
        text.code(links.join, language=None)
        text.link_button(ui.tr("console_open_projector"), links.projector, type="primary")
        text.markdown(f"**{ui.tr('console_facilitator_link')}**")
        text.caption(ui.tr("console_facilitator_link_help"))
        text.code(links.facilitator, language=None)

rows = ui.read(lambda session: plan(session=session, forum_id=forum_id))
contributions = ui.read(lambda session: feed(session=session, forum_id=forum_id))
answer_options = {
    item.id: f"{ui.tr(f'kind_{kind.value}')}: {item.text}" for kind, items in contributions.items() for item in items
}
plan_tab, share_tab = st.tabs(
    [ui.tr("console_tab_plan", count=len(rows)), ui.tr("console_tab_share", count=len(answer_options))]
)
editing = allows(forum.stage, Action.EDIT_ACTION_ITEM)
deleting = allows(forum.stage, Action.DELETE_ACTION_ITEM)
with plan_tab:
    if allows(forum.stage, Action.CREATE_ACTION_ITEM):
        st.markdown(f"#### {ui.tr('plan_new_heading')}")
        _plan_form("plan_new", answer_options, None, _create_item)
    else:
        st.info(ui.tr("console_closed"))
    if editing or deleting:
        for row in rows:
            item_id = saved_id(row.item)
            st.html(cards.plan_card(row, lang))
            with st.expander(ui.tr("plan_edit", number=row.number)):
                if editing:
                    _plan_form(f"plan_{item_id}", answer_options, row, _update_item)
                if deleting:
                    st.button(
                        ui.tr("plan_delete"), key=f"plan_delete_{item_id}", on_click=_delete_item, args=(item_id,)
                    )
    else:
        st.html(cards.plan_board(rows, lang))
with share_tab:
    st.html(cards.feed_board(contributions, lang, limit=200))
