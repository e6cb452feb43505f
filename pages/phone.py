"""Phone: the participant's page. It follows the forum's stage: Share, Plan, Act, Closed."""

from datetime import date

import streamlit as st

from facilitation.core.i18n import t
from facilitation.core.text import CONTRIBUTION_MAX
from facilitation.forum.commitments import add_commitment
from facilitation.forum.contributions import add_contribution, edit_contribution, withdraw_contribution
from facilitation.forum.feed import LatestFeed
from facilitation.forum.follow_up import REVIEW_TOPICS
from facilitation.forum.phone_view import phone_screen
from facilitation.forum.plans import PlanRow
from facilitation.forum.policy import Action, allows, stage_rules
from facilitation.live.changes import Topic
from facilitation.present import cards
from facilitation.present.review_cards import review_board_html
from facilitation.web.share_api import posted_message, sent_note
from models import (
    CommitmentCreate,
    Contribution,
    ContributionCreate,
    ContributionKind,
    ContributionStatus,
    ContributionUpdate,
    Stage,
    saved_id,
)
from pages import inputs, live, share_box, stage_timer, ui, vote_box

ui.ensure_routed(__file__)

# Others' words reach a phone only through the plan (its commitments, and the posts each
# activity answers): a whole room writes those, so a phone follows them at most this often.
ROOM_SECONDS = 10
# Live vote results on a phone follow the hall's dots at most this often: the projector is where
# the room watches them; 500 phones redrawn every 30 s is about 17 runs a second.
VOTE_RESULTS_SECONDS = 30

visitor = ui.visitor()
# All the page shows, in one read. `seen`, the forum's change counters, is read before the
# rest: a change after that read reruns the page.
screen = ui.read(
    lambda session: phone_screen(session=session, forum_id=visitor.forum_id, code=visitor.code, token=visitor.secret)
)
seen, forum, me = screen.seen, screen.forum, screen.participant
ui.page_setup(forum.title)
lang = ui.lang()


def _watched(stage: Stage) -> dict[Topic, float]:
    # The stage (and the links and title with it) at once. Posts only where the facilitator
    # lets phones list others' posts: otherwise this phone shows only its own, redrawn by its
    # own action, and others' words only as the plan quotes them, whose marks (edited,
    # withdrawn) move PLAN. A tree edit changes nothing here. The timer's buttons, so its
    # clock starts, pauses and stops with the facilitator's.
    topics = {Topic.STAGE: 0.0, Topic.TIMER: 0.0}
    if stage_rules(stage).phone_plan:
        topics |= {Topic.PLAN: 0.0, Topic.COMMITMENTS: ROOM_SECONDS, Topic.PROGRESS: ROOM_SECONDS}
    if stage_rules(stage).review:
        # The earlier forum's progress as owners report it in the room, at most this often.
        topics |= dict.fromkeys(REVIEW_TOPICS, float(ROOM_SECONDS))
    if screen.mine:
        # The facilitator's decisions on this phone's own posts (approved, hidden, restored),
        # at most this often: a phone that has posted nothing has nothing to be marked.
        topics |= {Topic.MODERATION: ROOM_SECONDS}
    if screen.reveal.phones_may_show(stage):
        # A reveal or hide at once; others' posts as the room writes them, at most this often.
        topics |= {Topic.REVEAL: 0.0}
        if screen.reveal.phone_posts(stage):
            topics |= {Topic.POSTS: ROOM_SECONDS}
    # A vote opened, closed or revealed at once, where the room votes or a vote is on this screen.
    # Dots only where this phone shows live results: its own dots it redraws itself, from each tap's answer.
    vote = screen.vote
    if allows(stage, Action.VOTE) or (vote is not None and (vote.is_open or vote.results is not None)):
        topics |= {Topic.VOTING: 0.0}
    if vote is not None and vote.is_open and vote.results is not None:
        topics |= {Topic.VOTES: VOTE_RESULTS_SECONDS}
    return topics


def _others(feed: LatestFeed) -> None:
    # Read-only, plain text: the newest few of each kind, and how many more there are.
    st.subheader(ui.tr("phone_others_heading"))
    with st.container(key="phone_others"):
        for column in feed.kinds:
            if not column.count:
                continue
            st.markdown(f"**{_kind_label(column.kind)}** · {column.count}")
            for item in column.newest:
                ui.plain(item.text, small=True)
            if column.more:
                st.caption(ui.tr("phone_others_more", count=column.more))


def _kind_label(kind: ContributionKind) -> str:
    return ui.tr(f"kind_{kind.value}")


def _kind_in(kind: ContributionKind, language: str) -> str:
    return t(f"kind_{kind.value}", language)


def _post() -> None:
    state = st.session_state
    data = ContributionCreate(
        kind=inputs.chosen("share_kind") or ContributionKind.OTHER, text=state.get("share_text", "")
    )
    posted = ui.act(lambda session: add_contribution(session=session, participant=me, data=data), slot="share")
    if posted is not None:
        state["share_text"] = ""
        # The stage the post was taken in, which may have moved since this form was drawn.
        sent = ui.read(lambda session: sent_note(session=session, forum_id=saved_id(forum), lang=lang))
        status = ContributionStatus(posted.contribution.status)
        message, level = posted_message(status, sent, lang, first=posted.created)
        ui.flash("success" if level == "success" else "info", message, "share")


def _save_edit(cid: int, version: int, kind: ContributionKind, text: str) -> None:
    state = st.session_state
    typed_kind = inputs.chosen(f"mine_kind_{cid}_{version}")
    typed_text: str = state.get(f"mine_text_{cid}_{version}", "")
    # Only what the person changed from the post as this form showed it is sent.
    data = ContributionUpdate(
        kind=typed_kind if typed_kind is not None and typed_kind != kind else None,
        text=typed_text if typed_text != text else None,
    )
    if data.kind is None and data.text is None:
        return
    saved = ui.act(
        lambda session: edit_contribution(
            session=session, participant=me, contribution_id=cid, version=version, data=data
        ),
        slot="mine",
    )
    kept: dict[int, ContributionUpdate] = state.setdefault("mine_kept", {})
    # Saved or refused, the next form is drawn from the post as it is now.
    ui.forget_drawn(f"mine_{cid}")
    if saved is None:
        # Refused (changed since this form was drawn, or another reason): the form is
        # drawn again over the post as it is now, with what was typed still in it.
        kept[cid] = data
    else:
        kept.pop(cid, None)
        waiting = saved.status == ContributionStatus.PENDING
        ui.flash("info" if waiting else "success", ui.tr("mine_saved_waiting" if waiting else "mine_saved"), "mine")


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


def _share(*, closed: bool = False) -> None:
    if share_box.usable():
        listed = [saved_id(post) for post in screen.mine]
        share_box.share_box(code=forum.code, token=visitor.secret, who=saved_id(me), listed=listed, closed=closed)
    else:
        _share_form(closed=closed)


def _share_form(*, closed: bool = False) -> None:
    # Closed: the same form, same keys and place, with Send put away. What someone was
    # typing when the forum closed lives only in their browser's box; drawing the box
    # again keeps it there to copy, where removing the form would wipe it.
    with st.form("share_form", enter_to_submit=False):
        inputs.choice(
            st.radio, ui.tr("share_kind"), list(ContributionKind), key="share_kind", labels=_kind_in, horizontal=True
        )
        inputs.text(
            st.text_area,
            ui.tr("share_text"),
            key="share_text",
            limit=CONTRIBUTION_MAX,
            placeholder=ui.tr("share_placeholder"),
        )
        ui.show_flash("share")
        if closed:
            st.warning(ui.tr("phone_closed_form_note"))
            unsent = st.session_state.get("share_text", "").strip()
            if unsent:  # sent after the close and refused: the words as the server got them
                st.warning(ui.tr("phone_unsent"))
                ui.plain(unsent)
            st.form_submit_button(ui.tr("phone_closed_form_button"), disabled=True, width="stretch")
        else:
            st.form_submit_button(ui.tr("share_submit"), type="primary", on_click=_post, width="stretch")


def _edit_form(contribution: Contribution, kept: ContributionUpdate | None) -> None:
    # Keyed by the post and the version the form was first drawn from: a keyed widget
    # keeps its own state, so a form keyed by the row alone would send its values over a
    # newer version; and the drawn version stays until the form is sent, because this page
    # redraws whenever the forum changes and a key that followed the newest version would
    # swap the box (and the words being typed in it) for a fresh one.
    cid = saved_id(contribution)
    current_kind = ContributionKind(contribution.kind)
    version, kind, text = ui.drawn(f"mine_{cid}", (contribution.version, current_kind, contribution.text))
    if kept is not None:
        # Plain text: the post's words are the person's own, never Markdown.
        ui.plain(ui.tr("mine_now", kind=_kind_label(current_kind), text=contribution.text))
    with st.form(f"mine_form_{cid}_{version}", enter_to_submit=False, border=False):
        kinds = list(ContributionKind)
        inputs.choice(
            st.radio,
            ui.tr("share_kind"),
            kinds,
            index=kinds.index(kept.kind if kept is not None and kept.kind is not None else kind),
            key=f"mine_kind_{cid}_{version}",
            labels=_kind_in,
            horizontal=True,
        )
        inputs.text(
            st.text_area,
            ui.tr("share_text"),
            value=kept.text if kept is not None and kept.text is not None else text,
            key=f"mine_text_{cid}_{version}",
            limit=CONTRIBUTION_MAX,
        )
        st.form_submit_button(ui.tr("mine_save"), on_click=_save_edit, args=(cid, version, kind, text))


def _my_contributions(mine: list[Contribution], *, editing: bool, withdrawing: bool) -> None:
    state = st.session_state
    st.subheader(ui.tr("mine_heading", count=len(mine)))
    ui.show_flash("mine")
    if not mine:
        st.caption(ui.tr("mine_empty"))
    kept: dict[int, ContributionUpdate] = state.get("mine_kept", {})
    opened: set[int] = state.setdefault("mine_opened", set())
    for contribution in mine:
        cid = saved_id(contribution)
        status = ContributionStatus(contribution.status)
        st.html(cards.text_card(contribution.text, kind=contribution.kind, meta=_kind_label(contribution.kind)))
        _mark(cid, status)
        editing_this = editing and status != ContributionStatus.HIDDEN  # the facilitator's decision stands
        if not (editing_this or withdrawing):
            continue
        # The form is drawn only while its expander is open: a closed one would still cost
        # every phone's every run its widgets. Which are open is kept here too, as the
        # expander's own state goes when it is not drawn (the forum closed, then reopened)
        # or its label changes (a language switch): an edit being typed, or one refused
        # and kept with its words, stays open through both.
        key = f"mine_open_{cid}"
        if key in state:  # the expander's state, as the browser (or a test) left it
            (opened.add if state[key] else opened.discard)(cid)
        state[key] = cid in opened
        box = st.expander(ui.tr("mine_edit"), key=key, on_change="rerun")
        if not box.open:
            # Closed: the edit is put away. Opened again, the form starts from the post as it is then.
            ui.forget_drawn(f"mine_{cid}")
            kept.pop(cid, None)
            continue
        with box:
            if editing_this:
                _edit_form(contribution, kept.get(cid))
            if withdrawing:
                st.button(ui.tr("mine_withdraw"), key=f"mine_withdraw_{cid}", on_click=_withdraw, args=(cid,))


def _mark(cid: int, status: ContributionStatus) -> None:
    # Only the author sees these: a post waiting, or hidden with the facilitator's reason.
    if status == ContributionStatus.PENDING:
        st.caption(ui.tr("mine_pending_mark"))
    elif status == ContributionStatus.HIDDEN:
        ui.plain(ui.tr("mine_hidden_mark", reason=screen.hidden_reasons.get(cid) or "—"), small=True)


def _refused_commitment(item_id: int) -> None:
    # A phone that still showed the form when the stage moved on: say why it was
    # refused, and keep the words so they can be copied.
    ui.show_flash(f"act_{item_id}")
    unsent = st.session_state.get(f"act_text_{item_id}", "").strip()
    if unsent:
        st.warning(ui.tr("act_unsent"))
        ui.plain(unsent)


def _plan(rows: list[PlanRow], *, committing: bool) -> None:
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
                inputs.text(
                    st.text_input, ui.tr("act_organisation"), value=me.organisation, key=f"act_org_{item_id}", limit=200
                )
                inputs.text(
                    st.text_area,
                    ui.tr("act_text"),
                    key=f"act_text_{item_id}",
                    limit=CONTRIBUTION_MAX,
                    placeholder=ui.tr("act_placeholder"),
                )
                ui.show_flash(f"act_{item_id}")
                st.form_submit_button(ui.tr("act_submit"), type="primary", on_click=_commit, args=(item_id,))


top, switch = st.columns([3, 2], vertical_alignment="center")
top.markdown(f"**{ui.tr('stage_label')}:** {ui.tr(f'stage_{forum.stage}')}")
with switch:
    ui.language_switch("phone_lang")
# Always this container, clock or not, so the forms below keep their place in the page.
with st.container(key="phone_clock_box", gap=None):
    stage_timer.countdown(screen.timer, size="phone", key="phone_clock")
ui.heading(forum.title)
who = " · ".join(part for part in (me.display_name, me.organisation) if part)
ui.plain(f"{ui.tr('phone_you')}: {who or ui.tr('phone_anonymous')} · {ui.tr(f'sector_{me.sector}')}", small=True)
live.watch(forum.code, "phone", seen, _watched(Stage(forum.stage)), key="phone_live", stage=Stage(forum.stage))
if st.button(ui.tr("phone_tree_open"), key="phone_tree_open"):
    st.switch_page("pages/phone_tree.py", query_params=st.query_params.to_dict())

# The stage's own content sits in one container so the share form below keeps its
# place in the page: text half-typed when the facilitator changes stage survives.
with st.container():
    st.info(ui.tr(f"phone_{forum.stage}_intro"))
    if allows(forum.stage, Action.POST) and forum.stage in screen.reveal.stages:
        if not screen.reveal.projector_posts(Stage(forum.stage)):
            st.caption(ui.tr("phone_held_note"))
    vote_box.vote_part(
        screen.vote, screen.dots, voting=allows(forum.stage, Action.VOTE), code=forum.code, token=visitor.secret,
        participant_id=saved_id(me), tally=seen.get(Topic.VOTES.value, 0),
    )  # fmt: skip
    if screen.review is not None:
        st.html(review_board_html(screen.review, lang, today=date.today()))
    if screen.plan is not None:
        _plan(screen.plan, committing=allows(forum.stage, Action.COMMIT))
    if screen.others is not None:
        _others(screen.others)
if allows(forum.stage, Action.POST):
    st.subheader(ui.tr("share_more"))
    if screen.pre_approval:
        st.caption(ui.tr("phone_pre_approval_note"))
    _share()
    st.session_state["share_form_drawn"] = True
elif st.session_state.get("share_form_drawn"):
    # This phone showed the form before the forum closed: keep it, Send put away.
    st.subheader(ui.tr("share_more"))
    _share(closed=True)
_my_contributions(
    screen.mine,
    editing=allows(forum.stage, Action.EDIT_OWN_POST),
    withdrawing=allows(forum.stage, Action.WITHDRAW_OWN_POST),
)
