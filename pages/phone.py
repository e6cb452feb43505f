"""Phone: the participant's page. It follows the forum's stage: Share, Plan, Act, Closed."""

import streamlit as st

from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import (
    add_contribution,
    edit_contribution,
    my_contributions,
    withdraw_contribution,
)
from facilitation.forum.forums import pulse
from facilitation.forum.participants import identify
from facilitation.forum.plans import plan
from facilitation.forum.policy import Action, allows, stage_rules
from facilitation.present import cards
from models import CommitmentCreate, Contribution, ContributionCreate, ContributionKind, ContributionUpdate, saved_id
from pages import ui

ui.ensure_routed(__file__)

# A phone reads only the forum's stage and revision on a timer, and redraws the
# whole page only when one of them changed.
POLL_SECONDS = 3

visitor = ui.visitor()
member = ui.read(lambda session: identify(session=session, code=visitor.code, token=visitor.secret))
forum, me = member.forum, member.participant
st.session_state["phone_seen"] = (forum.stage, forum.revision)
ui.page_setup(forum.title)
lang = ui.lang()


@st.fragment(run_every=POLL_SECONDS)
def _follow_forum() -> None:
    current = ui.read(lambda session: pulse(session=session, forum_id=saved_id(forum)))
    if (current.stage, current.revision) != st.session_state.get("phone_seen"):
        st.rerun(scope="app")


def _kind_label(kind: ContributionKind) -> str:
    return ui.tr(f"kind_{kind.value}")


def _post() -> None:
    state = st.session_state
    data = ContributionCreate(kind=state.get("share_kind") or ContributionKind.OTHER, text=state.get("share_text", ""))
    posted = ui.act(lambda session: add_contribution(session=session, participant=me, data=data), slot="share")
    if posted is not None:
        state["share_text"] = ""
        ui.flash(
            "success" if posted.created else "info", ui.tr("share_sent" if posted.created else "share_already"), "share"
        )


def _save_edit(contribution_id: int) -> None:
    state = st.session_state
    data = ContributionUpdate(kind=state[f"mine_kind_{contribution_id}"], text=state[f"mine_text_{contribution_id}"])
    saved = ui.act(
        lambda session: edit_contribution(session=session, participant=me, contribution_id=contribution_id, data=data),
        slot="mine",
    )
    if saved is not None:
        ui.flash("success", ui.tr("mine_saved"), "mine")


def _withdraw(contribution_id: int) -> None:
    done = ui.act(
        lambda session: withdraw_contribution(session=session, participant=me, contribution_id=contribution_id),
        slot="mine",
    )
    if done is not None:
        ui.flash("info", ui.tr("mine_withdrawn"), "mine")


def _commit(item_id: int) -> None:
    state = st.session_state
    data = CommitmentCreate(
        action_item_id=item_id,
        organisation=state.get(f"act_org_{item_id}", ""),
        text=state.get(f"act_text_{item_id}", ""),
    )
    made = ui.act(lambda session: add_commitment(session=session, participant=me, data=data), slot=f"act_{item_id}")
    if made is not None:
        state[f"act_text_{item_id}"] = ""
        ui.flash("success", ui.tr("act_thanks"), f"act_{item_id}")


def _share_form() -> None:
    with st.form("share_form", enter_to_submit=False):
        st.radio(
            ui.tr("share_kind"), list(ContributionKind), key="share_kind", format_func=_kind_label, horizontal=True
        )
        st.text_area(ui.tr("share_text"), key="share_text", max_chars=500, placeholder=ui.tr("share_placeholder"))
        ui.show_flash("share")
        st.form_submit_button(ui.tr("share_submit"), type="primary", on_click=_post, width="stretch")


def _edit_form(contribution: Contribution) -> None:
    cid = saved_id(contribution)
    with st.form(f"mine_form_{cid}", enter_to_submit=False, border=False):
        kinds = list(ContributionKind)
        st.radio(
            ui.tr("share_kind"),
            kinds,
            index=kinds.index(ContributionKind(contribution.kind)),
            key=f"mine_kind_{cid}",
            format_func=_kind_label,
            horizontal=True,
        )
        st.text_area(ui.tr("share_text"), value=contribution.text, key=f"mine_text_{cid}", max_chars=500)
        st.form_submit_button(ui.tr("mine_save"), on_click=_save_edit, args=(cid,))


def _my_contributions(*, editing: bool, withdrawing: bool) -> None:
    mine = ui.read(lambda session: my_contributions(session=session, participant=me))
    st.subheader(ui.tr("mine_heading", count=len(mine)))
    ui.show_flash("mine")
    if not mine:
        st.caption(ui.tr("mine_empty"))
    for contribution in mine:
        cid = saved_id(contribution)
        st.html(cards.text_card(contribution.text, kind=contribution.kind, meta=_kind_label(contribution.kind)))
        if not (editing or withdrawing):
            continue
        with st.expander(ui.tr("mine_edit")):
            if editing:
                _edit_form(contribution)
            if withdrawing:
                st.button(ui.tr("mine_withdraw"), key=f"mine_withdraw_{cid}", on_click=_withdraw, args=(cid,))


def _refused_commitment(item_id: int) -> None:
    # A phone that still showed the form when the stage moved on: say why it was
    # refused, and keep the words so they can be copied.
    ui.show_flash(f"act_{item_id}")
    unsent = st.session_state.get(f"act_text_{item_id}", "").strip()
    if unsent:
        st.warning(ui.tr("act_unsent"))
        ui.plain(unsent)


def _plan(*, committing: bool) -> None:
    rows = ui.read(lambda session: plan(session=session, forum_id=saved_id(forum)))
    st.subheader(ui.tr("plan_heading"))
    if not rows:
        st.caption(ui.tr("plan_empty"))
    for row in rows:
        st.html(cards.plan_card(row, lang))
        item_id = saved_id(row.item)
        if not committing:
            _refused_commitment(item_id)
            continue
        with st.expander(ui.tr("act_commit", number=row.number)):
            with st.form(f"act_form_{item_id}", enter_to_submit=False, border=False):
                st.text_input(ui.tr("act_organisation"), value=me.organisation, key=f"act_org_{item_id}", max_chars=200)
                st.text_area(
                    ui.tr("act_text"), key=f"act_text_{item_id}", max_chars=500, placeholder=ui.tr("act_placeholder")
                )
                ui.show_flash(f"act_{item_id}")
                st.form_submit_button(ui.tr("act_submit"), type="primary", on_click=_commit, args=(item_id,))


top, switch = st.columns([3, 2], vertical_alignment="center")
top.markdown(f"**{ui.tr('stage_label')}:** {ui.tr(f'stage_{forum.stage}')}")
with switch:
    ui.language_switch("phone_lang")
ui.heading(forum.title)
who = " · ".join(part for part in (me.display_name, me.organisation) if part)
ui.plain(f"{ui.tr('phone_you')}: {who or ui.tr('phone_anonymous')} · {ui.tr(f'sector_{me.sector}')}", small=True)
_follow_forum()
if st.button(ui.tr("phone_tree_open"), key="phone_tree_open"):
    st.switch_page("pages/phone_tree.py", query_params=st.query_params.to_dict())

# The stage's own content sits in one container so the share form below keeps its
# place in the page: text half-typed when the facilitator changes stage survives.
with st.container():
    st.info(ui.tr(f"phone_{forum.stage}_intro"))
    if stage_rules(forum.stage).phone_plan:
        _plan(committing=allows(forum.stage, Action.COMMIT))
if allows(forum.stage, Action.POST):
    st.subheader(ui.tr("share_more"))
    _share_form()
else:
    ui.show_flash("share")
    unsent = st.session_state.get("share_text", "").strip()
    if unsent:
        st.warning(ui.tr("phone_unsent"))
        ui.plain(unsent)
_my_contributions(
    editing=allows(forum.stage, Action.EDIT_OWN_POST), withdrawing=allows(forum.stage, Action.WITHDRAW_OWN_POST)
)
