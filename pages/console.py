"""Facilitator console: stage control, the links to hand out, and the action plan editor."""

from collections.abc import Callable

import streamlit as st

from facilitation.core.errors import StaleEdit
from facilitation.core.i18n import format_baht, format_date, t
from facilitation.core.tokens import new_token
from facilitation.forum.access import new_facilitator_key, new_projector_link, open_projector_link, projector_token
from facilitation.forum.contributions import feed
from facilitation.forum.follow_up import review_board, stages_of
from facilitation.forum.forums import authorise_facilitator, participant_count, set_stage
from facilitation.forum.moderation import queue_size
from facilitation.forum.participants import shared_phones
from facilitation.forum.people_without_phones import registered_people
from facilitation.forum.plans import (
    ITEM_FIELDS,
    PlanRow,
    create_action_item,
    delete_action_item,
    deleted_items,
    drawn_values,
    plan,
    restore_action_item,
    update_action_item,
)
from facilitation.forum.policy import Action, accepts_input, allows, stage_rules
from facilitation.forum.themes import theme_board
from facilitation.live.changes import connected
from facilitation.present import cards
from models import ActionItemCreate, FundSource, Stage, saved_id
from pages import (
    follow_up,
    inputs,
    left_out_words,
    moderation,
    overlaps,
    people_without_phones,
    progress_console,
    reveal,
    stage_timer,
    themes,
    themes_to_plan,
    ui,
    vote_console,
)

ui.ensure_routed(__file__)

# How often the console recounts the phones connected right now.
CONNECTED_SECONDS = 10

visitor = ui.visitor()
forum = ui.read(lambda session: authorise_facilitator(session=session, code=visitor.code, key=visitor.secret))
forum_id = saved_id(forum)
ui.page_setup(f"{ui.tr('nav_console')} · {forum.title}", wide=True)
lang = ui.lang()


def _set_stage(seen: Stage, stage: Stage) -> None:
    # `seen` is the stage this tab showed when it drew the button: a tab left open
    # while another one moved the forum is refused instead of moving it back.
    if ui.act(lambda session: set_stage(session=session, forum=forum, stage=stage, seen=seen)) is not None:
        ui.flash("success", ui.tr("console_stage_moved", stage=ui.tr(f"stage_{stage}")))


def _plan_data(prefix: str) -> ActionItemCreate:
    state = st.session_state
    return ActionItemCreate(
        activity=state.get(f"{prefix}_activity", ""),
        objective=state.get(f"{prefix}_objective", ""),
        target_group=state.get(f"{prefix}_target", ""),
        area=state.get(f"{prefix}_area", ""),
        lead_organisation=state.get(f"{prefix}_lead", ""),
        partners=state.get(f"{prefix}_partners", ""),
        budget_baht=int(state.get(f"{prefix}_budget") or 0),
        fund_source=inputs.chosen(f"{prefix}_fund") or FundSource.OTHER,
        start_date=inputs.picked_date(f"{prefix}_start", field="plan_start"),
        end_date=inputs.picked_date(f"{prefix}_end", field="plan_end"),
        indicator=state.get(f"{prefix}_indicator", ""),
        expected_result=state.get(f"{prefix}_expected", ""),
        contribution_ids=list(inputs.chosen(f"{prefix}_answers") or []),
        theme_ids=list(inputs.chosen(f"{prefix}_themes") or []),
    )


def _creation_key() -> str:
    """The key of the "add" form on screen: drawn with the form, replaced once an item is added."""
    key: str = st.session_state.setdefault("plan_new_key", new_token())
    return key


def _create_item(creation_key: str) -> None:
    # The key comes from the button as it was drawn: a second tap on the same form
    # sends the same key, and the service returns the item the first tap made.
    data = inputs.read_form(lambda: _plan_data("plan_new"), slot="plan_new")
    if data is None:
        return
    made = ui.act(
        lambda session: create_action_item(session=session, forum_id=forum_id, data=data, creation_key=creation_key),
        slot="plan_new",
    )
    if made is not None:
        st.session_state["plan_new_key"] = new_token()
        for field in ("activity", "objective", "target", "area", "lead", "partners", "indicator", "expected"):
            st.session_state[f"plan_new_{field}"] = ""
        st.session_state["plan_new_budget"] = 0
        st.session_state["plan_new_answers"] = []
        st.session_state["plan_new_themes"] = []
        ui.flash("success", ui.tr("plan_added"), "plan_new")


def _same(left: object, right: object) -> bool:
    if isinstance(left, list) and isinstance(right, list):
        return sorted(left) == sorted(right)
    return left == right


def _update_item(item_id: int, seen: int, base: ActionItemCreate) -> None:
    # Only the boxes the person changed from what the form showed are sent, so a
    # value this tab merely displayed (an old budget) is never written back.
    slot = f"plan_{item_id}"
    typed = inputs.read_form(lambda: _plan_data(f"plan_{item_id}_v{seen}"), slot=slot)
    if typed is None:
        return
    # Sent: whatever happens, the form is drawn next from the item as it is then.
    ui.forget_drawn(f"plan_{item_id}")
    changed = [name for name in ITEM_FIELDS if not _same(getattr(typed, name), getattr(base, name))]
    if not changed:
        ui.flash("info", ui.tr("plan_unchanged"), slot)
        return

    stale: list[bool] = []

    def save(session: ui.Session) -> object:
        try:
            return update_action_item(
                session=session, forum_id=forum_id, item_id=item_id, seen=seen, data=typed, changed=changed
            )
        except StaleEdit:
            stale.append(True)
            # Someone saved first: the form is drawn again from the newer item, with
            # what this person typed kept in the boxes they changed.
            st.session_state[f"plan_draft_{item_id}"] = {
                "typed": {name: getattr(typed, name) for name in changed},
                "drawn": base.model_dump(),
            }
            raise

    if ui.act(save, slot=slot) is not None:
        st.session_state.pop(f"plan_draft_{item_id}", None)
        ui.flash("success", ui.tr("plan_saved"), slot)
    elif stale:
        # The stale note above the form says it, with the values now: not twice.
        ui.clear_flash(slot)


def _ask_delete(item_id: int) -> None:
    st.session_state["plan_confirm_delete"] = item_id


def _cancel_delete() -> None:
    st.session_state.pop("plan_confirm_delete", None)


def _delete_item(item_id: int) -> None:
    _cancel_delete()
    if ui.act(lambda session: delete_action_item(session=session, forum_id=forum_id, item_id=item_id)) is None:
        return
    st.session_state["plan_undo"] = item_id
    ui.flash("success", ui.tr("plan_deleted"), "plan_list")


def _restore_item(item_id: int) -> None:
    if ui.act(lambda session: restore_action_item(session=session, forum_id=forum_id, item_id=item_id)) is None:
        return
    st.session_state.pop("plan_undo", None)
    ui.flash("success", ui.tr("plan_restored"), "plan_list")


# The catalogue key of each plan field's label, for the "saved values now" note.
FIELD_LABELS = {
    "activity": "plan_activity",
    "objective": "plan_objective",
    "target_group": "plan_target_group",
    "area": "plan_area",
    "lead_organisation": "plan_lead",
    "partners": "plan_partners",
    "budget_baht": "plan_budget_baht",
    "fund_source": "plan_fund_source",
    "start_date": "plan_start",
    "end_date": "plan_end",
    "indicator": "plan_indicator",
    "expected_result": "plan_expected_result",
    "contribution_ids": "plan_answers",
    "theme_ids": "plan_themes",
}


def _shown_value(name: str, value: object, answer_options: dict[int, str]) -> str:
    if name == "budget_baht" and isinstance(value, int):
        return format_baht(value, lang)
    if name == "fund_source" and value:
        return ui.tr(f"fund_{FundSource(str(value)).value}")
    if name in ("start_date", "end_date"):
        return format_date(value, lang)  # type: ignore[arg-type]
    if name == "contribution_ids" and isinstance(value, list):
        return " · ".join(answer_options.get(cid, str(cid)) for cid in value) or "—"
    if name == "theme_ids" and isinstance(value, list):
        return " · ".join(theme_names.get(tid, str(tid)) for tid in value) or "—"
    return str(value) if value not in (None, "") else "—"


def _stale_note(item_id: int, current: ActionItemCreate, answer_options: dict[int, str]) -> ActionItemCreate:
    """After a refused save: show the saved values now, and return what the form shows (typed text kept)."""
    draft = st.session_state.get(f"plan_draft_{item_id}")
    if not draft:
        return current
    now = current.model_dump()
    names = [n for n in ITEM_FIELDS if n in draft["typed"] or not _same(now[n], draft["drawn"].get(n))]
    st.error(ui.tr("error_stale_edit"))
    ui.plain(ui.tr("plan_current_values"), small=True)
    for name in names:
        ui.plain(f"{ui.tr(FIELD_LABELS[name])}: {_shown_value(name, now[name], answer_options)}", small=True)
    return current.model_copy(update=draft["typed"])


def _plan_form(
    prefix: str,
    answer_options: dict[int, str],
    item: ActionItemCreate | None,
    on_submit: Callable[..., None],
    *,
    args: tuple[object, ...],
    submit_key: str,
    slot: str,
) -> None:
    """The plan form: empty to add an item, or drawn from `item`'s values to edit one.

    `prefix` names every widget: an edit form's holds the item's id and version, so a
    newer version is drawn fresh and never shows the last one's state.
    """
    funds = list(FundSource)
    with st.form(f"{prefix}_form", enter_to_submit=False, border=item is None):
        inputs.text(
            st.text_input,
            ui.tr("plan_activity"),
            value=item.activity if item else "",
            key=f"{prefix}_activity",
            limit=300,
        )
        st.text_area(
            ui.tr("plan_objective"), value=item.objective if item else "", key=f"{prefix}_objective", height=68
        )
        # In the order of the Thai action-plan form: who and where, when and with what money,
        # how success is seen, then who leads.
        left, right = st.columns(2)
        left.text_input(ui.tr("plan_target_group"), value=item.target_group if item else "", key=f"{prefix}_target")
        right.text_input(ui.tr("plan_area"), value=item.area if item else "", key=f"{prefix}_area")
        left, middle, right = st.columns(3)
        with left:
            start, end = st.columns(2)
            inputs.date_field(
                start, ui.tr("plan_start"), value=item.start_date if item else None, key=f"{prefix}_start"
            )
            inputs.date_field(end, ui.tr("plan_end"), value=item.end_date if item else None, key=f"{prefix}_end")
        # No min_value: the browser's own refusal is an English tooltip and a dead button;
        # the service refuses a negative or absurd budget in the reader's language.
        middle.number_input(
            ui.tr("plan_budget_baht"),
            step=1000,
            value=item.budget_baht if item else 0,
            key=f"{prefix}_budget",
        )
        inputs.choice(
            right.selectbox,
            ui.tr("plan_fund_source"),
            funds,
            index=funds.index(FundSource(item.fund_source)) if item else len(funds) - 1,
            labels=lambda fund, language: t(f"fund_{fund.value}", language),
            key=f"{prefix}_fund",
        )
        left, right = st.columns(2)
        left.text_input(ui.tr("plan_indicator"), value=item.indicator if item else "", key=f"{prefix}_indicator")
        right.text_input(
            ui.tr("plan_expected_result"), value=item.expected_result if item else "", key=f"{prefix}_expected"
        )
        left, right = st.columns(2)
        left.text_input(ui.tr("plan_lead"), value=item.lead_organisation if item else "", key=f"{prefix}_lead")
        right.text_input(ui.tr("plan_partners"), value=item.partners if item else "", key=f"{prefix}_partners")
        inputs.choice(
            st.multiselect,
            ui.tr("plan_answers"),
            list(answer_options),
            labels=_answer_label,
            default=[cid for cid in item.contribution_ids if cid in answer_options] if item else [],
            key=f"{prefix}_answers",
            placeholder=ui.tr("plan_answers_hint"),
        )
        themes_here = _theme_options(item)
        if themes_here:
            inputs.choice(
                st.multiselect,
                ui.tr("plan_themes"),
                list(themes_here),
                labels=lambda tid, language: themes_here[tid],
                default=[tid for tid in item.theme_ids if tid in themes_here] if item else [],
                key=f"{prefix}_themes",
                placeholder=ui.tr("plan_themes_hint"),
            )
        ui.show_flash(slot)
        st.form_submit_button(
            ui.tr("plan_save") if prefix != "plan_new" else ui.tr("plan_add"),
            type="primary",
            on_click=on_submit,
            args=args,
            key=submit_key,
        )


if st.session_state.pop("console_from_top", False):
    ui.scroll_to_top()
ui.language_switch("console_lang")
ui.heading(forum.title)
area = forum.area_name_th if lang == "th" else forum.area_name_en
ui.plain(f"{area} · {format_date(forum.forum_date, lang)} · {forum.venue}", small=True)
ui.show_flash()

st.subheader(ui.tr("console_stage_heading"))
# Review first in a follow-up forum only.
stages = ui.read(lambda session: stages_of(session=session, forum_id=forum_id))
for column, stage in zip(st.columns(len(stages)), stages, strict=True):
    column.button(
        ui.tr(f"stage_{stage}"),
        key=f"console_stage_{stage}",
        type="primary" if stage == forum.stage else "secondary",
        disabled=stage == forum.stage,
        on_click=_set_stage,
        args=(forum.stage, stage),
        width="stretch",
    )
st.caption(ui.tr(f"console_stage_help_{forum.stage}"))
stage_timer.controls(forum_id, enabled=allows(forum.stage, Action.RUN_TIMER))
reveal.controls(forum_id, Stage(forum.stage), enabled=allows(forum.stage, Action.REVEAL_POSTS))


@st.fragment(run_every=CONNECTED_SECONDS)
def _connected() -> None:
    # One console per forum: a slow timer here costs nothing next to the phones it counts.
    def counts(session: ui.Session) -> tuple[int, dict[str, int]]:
        return participant_count(session=session, forum_id=forum_id), connected(session=session, forum_id=forum_id)

    joined, screens = ui.read(counts)
    st.caption(
        ui.tr("console_connected", phones=screens["phone"], joined=joined, projectors=screens["projector"]),
        help=ui.tr("console_connected_help"),
    )


_connected()


def _new_facilitator_key() -> None:
    made = ui.act(lambda session: new_facilitator_key(session=session, code=forum.code, key=visitor.secret))
    if made is not None:
        # This tab goes on with the new key; every other tab holding the old one is refused.
        st.query_params["key"] = made.facilitator_key
        st.session_state["console_renew_confirm"] = False
        ui.flash("success", ui.tr("console_new_key_done"))


def _new_projector_link() -> None:
    if ui.act(lambda session: new_projector_link(session=session, code=forum.code, key=visitor.secret)) is not None:
        st.session_state["console_renew_confirm"] = False
        ui.flash("success", ui.tr("console_new_projector_done"))


screen = ui.read(lambda session: projector_token(session=session, code=forum.code, key=visitor.secret))
if screen is None:  # a forum made before projector links gets its first one here
    screen = ui.act(lambda session: open_projector_link(session=session, code=forum.code, key=visitor.secret))
links = ui.forum_links(forum.code, key=visitor.secret, screen=screen)
phones = ui.read(lambda session: shared_phones(session=session, forum_id=forum_id))
with st.expander(ui.tr("console_links"), expanded=stage_rules(forum.stage).console_links_open):
    if links is None:
        st.error(ui.tr("error_no_address"))
    else:
        qr, text = st.columns([1, 3])
        qr.image(links.qr_png, width=200)
        text.markdown(f"**{ui.tr('console_join_link')}** · {ui.tr('projector_code')} `{forum.code}`")
        text.code(links.join, language=None)
        if links.projector:
            text.link_button(ui.tr("console_open_projector"), links.projector, type="primary")
        text.caption(ui.tr("console_projector_help"))
        text.markdown(f"**{ui.tr('console_facilitator_link')}**")
        text.caption(ui.tr("console_facilitator_link_help"))
        text.code(links.facilitator or "", language=None)
    st.caption(ui.tr("console_shared_phones", phones=len(phones)))
    for number, people in enumerate(phones, start=1):
        st.caption(f"📱 {number} · {ui.tr('console_joined_on_phone', count=people)}")
    st.checkbox(ui.tr("console_renew_confirm"), key="console_renew_confirm")
    renewing = bool(st.session_state.get("console_renew_confirm"))
    left, right = st.columns(2)
    left.button(
        ui.tr("console_new_projector"), key="console_new_projector", disabled=not renewing, on_click=_new_projector_link
    )
    right.button(ui.tr("console_new_key"), key="console_new_key", disabled=not renewing, on_click=_new_facilitator_key)

rows = ui.read(lambda session: plan(session=session, forum_id=forum_id))
contributions = ui.read(lambda session: feed(session=session, forum_id=forum_id))
answer_texts = {item.id: (kind, item.text) for kind, items in contributions.items() for item in items}
# Posts an item answers that are no longer on the board (withdrawn by their author): the item's
# form still lists them, marked, so saving other changes never drops a link nobody chose to drop.
gone_answers = {
    answer.id: (answer.kind, answer.text) for row in rows for answer in row.answers if answer.id not in answer_texts
}


def _answer_label(cid: int, language: str) -> str:
    if cid in answer_texts:
        kind, text = answer_texts[cid]
        return f"{t(f'kind_{kind.value}', language)}: {text}"
    kind, text = gone_answers[cid]
    gone = "plan_answer_hidden" if not text else "plan_answer_withdrawn"  # a hidden post's words are left out
    return f"{t(f'kind_{kind.value}', language)}: {text} ({t(gone, language)})"


answer_options = {cid: _answer_label(cid, lang) for cid in answer_texts}


def _item_options(row: PlanRow) -> dict[int, str]:
    """What an item's form can link: the board's posts and the withdrawn ones it already answers."""
    extra = {answer.id: _answer_label(answer.id, lang) for answer in row.answers if answer.id in gone_answers}
    return {**answer_options, **extra}


board = ui.read(lambda session: theme_board(session=session, forum_id=forum_id))
theme_names = {theme.id: theme.name for theme in board.themes}
# Themes an item answers that were ungrouped since: its form still lists them, marked, so saving
# other changes never drops a link nobody chose to drop.
dissolved = ui.tr("plan_theme_dissolved")
gone_themes = {theme.id: f"{theme.name} ({dissolved})" for row in rows for theme in row.themes if theme.dissolved}


def _theme_options(item: ActionItemCreate | None) -> dict[int, str]:
    """What the plan form can tie to: the live themes, and the ungrouped ones this item is already tied to."""
    linked = item.theme_ids if item else []
    return {**theme_names, **{tid: gone_themes[tid] for tid in linked if tid in gone_themes}}


waiting = ui.read(lambda session: queue_size(session=session, forum_id=forum_id))
if waiting:
    # Said above the tabs, not in a tab's label: a label that changes makes a new tab set, and
    # the console would jump back to the plan after each post approved.
    st.warning(ui.tr("console_queue_waiting", count=waiting), icon="⏳")
without_phones = ui.read(lambda session: registered_people(session=session, forum_id=forum_id))
review = ui.read(lambda session: review_board(session=session, forum_id=forum_id))
carrying = allows(forum.stage, Action.CARRY_ITEM)
if stage_rules(forum.stage).review:
    # What the room reviews, above the tabs: the facilitator carries open items while it is on the wall.
    follow_up.carry_list(forum_id, review, enabled=carrying)
tabs = st.tabs(
    [
        ui.tr("console_tab_plan", count=len(rows)),
        # No count in these labels: a label that changes makes a new tab set, and the console
        # would jump back to the plan after each post approved, theme made, overlap marked or person registered
        # (the plan's own count changes only from the plan's tab).
        ui.tr("console_tab_share"),
        ui.tr("console_tab_moderation"),
        ui.tr("console_tab_themes"),
        ui.tr("console_tab_vote"),
        ui.tr("console_tab_overlaps"),
        ui.tr("console_tab_people"),
        ui.tr("followup_tab"),
        ui.tr("progress_console_tab"),
    ]
)
plan_tab, share_tab, moderation_tab, themes_tab, vote_tab, overlaps_tab, people_tab, follow_tab, progress_tab = tabs
editing = allows(forum.stage, Action.EDIT_ACTION_ITEM)
deleting = allows(forum.stage, Action.DELETE_ACTION_ITEM)
with plan_tab:
    if allows(forum.stage, Action.CREATE_ACTION_ITEM):
        st.markdown(f"#### {ui.tr('plan_new_heading')}")
        new_key = _creation_key()
        # The button is keyed by the form's creation key: a tap replayed after the
        # item was added names a button no longer drawn, and Streamlit drops it.
        _plan_form(
            "plan_new",
            answer_options,
            None,
            _create_item,
            args=(new_key,),
            submit_key=f"plan_new_add_{new_key}",
            slot="plan_new",
        )
    else:
        # Review takes input but not new items yet: the plan starts from what is carried into it.
        st.info(ui.tr("console_closed" if not accepts_input(forum.stage) else "review_plan_waits"))
    themes_to_plan.controls(forum_id, enabled=allows(forum.stage, Action.CREATE_ACTION_ITEM))
    ui.show_flash("plan_list")
    gone = ui.read(lambda session: deleted_items(session=session, forum_id=forum_id))
    restoring = allows(forum.stage, Action.RESTORE_ACTION_ITEM)
    undo = st.session_state.get("plan_undo")
    if restoring and undo in {saved_id(item) for item in gone}:
        st.button(ui.tr("plan_undo"), key=f"plan_undo_{undo}", on_click=_restore_item, args=(undo,))
    if editing or deleting:
        confirming = st.session_state.get("plan_confirm_delete")
        for row in rows:
            item_id, version = saved_id(row.item), row.item.version
            st.html(cards.plan_card(row, lang))
            # The form is drawn only while its expander is open, from the version it was
            # opened on: a save made meanwhile in another tab neither wipes what is being
            # typed here nor is overwritten by it (the save is refused and both are shown).
            if confirming == item_id:
                st.session_state[f"plan_open_{item_id}"] = True
            box = st.expander(ui.tr("plan_edit", number=row.number), key=f"plan_open_{item_id}", on_change="rerun")
            if not box.open:
                ui.forget_drawn(f"plan_{item_id}")
                continue
            with box:
                if editing:
                    options = _item_options(row)
                    seen, base = ui.drawn(f"plan_{item_id}", (version, drawn_values(row)))
                    if seen != version:
                        st.info(ui.tr("plan_changed_since_opened"))
                    shown = _stale_note(item_id, base, options)
                    _plan_form(
                        f"plan_{item_id}_v{seen}",
                        options,
                        shown,
                        _update_item,
                        args=(item_id, seen, base),
                        submit_key=f"plan_{item_id}_v{seen}_save",
                        slot=f"plan_{item_id}",
                    )
                if deleting and confirming == item_id:
                    st.warning(ui.tr("plan_delete_confirm", number=row.number))
                    yes, no = st.columns(2)
                    yes.button(
                        ui.tr("plan_delete_yes"),
                        key=f"plan_delete_yes_{item_id}",
                        type="primary",
                        on_click=_delete_item,
                        args=(item_id,),
                    )
                    no.button(ui.tr("plan_delete_no"), key=f"plan_delete_no_{item_id}", on_click=_cancel_delete)
                elif deleting:
                    st.button(ui.tr("plan_delete"), key=f"plan_delete_{item_id}", on_click=_ask_delete, args=(item_id,))
    else:
        st.html(cards.plan_board(rows, lang))
    if gone and restoring:
        with st.expander(ui.tr("plan_deleted_heading", count=len(gone))):
            for item in gone:
                text, button = st.columns([4, 1])
                with text:
                    ui.plain(item.activity)
                button.button(
                    ui.tr("plan_restore"),
                    key=f"plan_restore_{saved_id(item)}",
                    on_click=_restore_item,
                    args=(saved_id(item),),
                )
with share_tab:
    st.markdown(f"**{ui.tr('console_share_count', count=len(answer_options))}**")
    # Beside the posts it is about: which words the room's word cloud leaves out.
    left_out_words.controls(forum_id, enabled=allows(forum.stage, Action.LEAVE_OUT_WORDS))
    st.html(cards.feed_board(contributions, lang, limit=200))
with moderation_tab:
    moderation.controls(forum_id, enabled=allows(forum.stage, Action.MODERATE_POSTS))
with themes_tab:
    themes.controls(forum_id, board, enabled=allows(forum.stage, Action.GROUP_THEMES))
with vote_tab:
    vote_console.controls(
        forum_id, opening=allows(forum.stage, Action.OPEN_VOTE), running=allows(forum.stage, Action.RUN_VOTE)
    )
with overlaps_tab:
    overlaps.controls(forum_id, overlaps.flags(forum_id, rows), enabled=allows(forum.stage, Action.MARK_OVERLAPS))
with people_tab:
    people_without_phones.controls(forum, key=visitor.secret, people=without_phones, rows=rows)
with follow_tab:
    if review.earlier is not None and not stage_rules(forum.stage).review:
        follow_up.carry_list(forum_id, review, enabled=carrying)
    follow_up.controls(forum, key=visitor.secret)
with progress_tab:
    # Open in every stage, Closed too: owners report after the forum (policy.IN_EVERY_STAGE).
    progress_console.controls(forum)
