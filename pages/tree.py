"""Facilitator: the welfare tree, its paths, the tools to tidy it, and its exports."""

from dataclasses import dataclass

import streamlit as st

from facilitation.forum.forums import authorise_facilitator
from facilitation.forum.policy import Action, allows
from facilitation.tree import admin
from facilitation.tree.categories import CATEGORY_KEYS
from facilitation.tree.data import LABEL_KEYS
from facilitation.tree.export import figure_html, figure_image, image_browser
from facilitation.tree.view import TreeEntry, forum_tree, tree_entries, tree_ties
from models import ContributionKind, saved_id
from pages import ui

ui.ensure_routed(__file__)

PLOT_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}

visitor = ui.visitor()
forum = ui.read(lambda session: authorise_facilitator(session=session, code=visitor.code, key=visitor.secret))
forum_id = saved_id(forum)
ui.page_setup(f"{ui.tr('nav_tree')} · {forum.title}", wide=True)
lang = ui.lang()
tree = ui.read(lambda session: forum_tree(session=session, forum_id=forum_id, lang=lang))
entries = ui.read(lambda session: tree_entries(session=session, forum_id=forum_id))
ties = ui.read(lambda session: tree_ties(session=session, forum_id=forum_id))
by_id = {entry.id: entry for entry in entries}


def _describe(entry_id: int | None) -> str:
    if entry_id is None or entry_id not in by_id:
        return "—"
    entry = by_id[entry_id]
    return f"{ui.tr(f'kind_{entry.kind.value}')}: {entry.text}"


def _say_saved() -> None:
    # ui.act flashes a refused action in the same slot; only a tool that went through says "saved".
    if "flash_tree" not in st.session_state:
        ui.flash("success", ui.tr("tree_saved"), "tree")


@dataclass(frozen=True)
class _Choices:
    """What the facilitator changed in an item's form (None: left as drawn), kept when the save was refused."""

    kind: ContributionKind | None
    category: str | None
    shown: bool | None
    duplicate_ids: tuple[int, ...]


def _apply_item(entry: TreeEntry) -> None:
    state = st.session_state
    suffix = f"{entry.id}_{entry.version}"
    kind = ContributionKind(state[f"tree_kind_{suffix}"])
    category: str = state.get(f"tree_category_{suffix}") or ""
    shown = bool(state[f"tree_shown_{suffix}"])
    # Only what differs from the values this form was drawn with is sent.
    changed = _Choices(
        kind=kind if kind != entry.kind else None,
        category=category if category != (entry.category or "") else None,
        shown=shown if shown != entry.in_tree else None,
        duplicate_ids=tuple(state.get(f"tree_duplicates_{suffix}") or ()),
    )
    ui.forget_drawn("tree_item")
    saved = ui.act(
        lambda session: admin.edit_item(
            session=session,
            forum_id=forum_id,
            contribution_id=entry.id,
            version=entry.version,
            kind=changed.kind,
            category=changed.category,
            shown=changed.shown,
            duplicate_ids=changed.duplicate_ids,
        ),
        slot="tree",
    )
    if saved is None:
        # Refused (someone saved this item since, or another reason): the form is drawn
        # again over the item as it is now, with these choices still made.
        state["tree_kept"] = (entry.id, changed)
    else:
        state.pop("tree_kept", None)
    _say_saved()


def _unmerge(entry: TreeEntry) -> None:
    ui.forget_drawn("tree_item")
    ui.act(
        lambda session: admin.unmerge(
            session=session, forum_id=forum_id, contribution_id=entry.id, version=entry.version
        ),
        slot="tree",
    )
    _say_saved()


def _category_label(key: str) -> str:
    return ui.tr(f"category_{key}") if key else ui.tr("tree_category_auto")


def _item_form(entry: TreeEntry) -> None:
    # Keyed by the item and its version: a keyed widget keeps its own state, so a fixed
    # key would carry the last item's values onto this one.
    suffix = f"{entry.id}_{entry.version}"
    unchanged = _Choices(None, None, None, ())
    kept_id, kept = st.session_state.get("tree_kept") or (None, unchanged)
    kept = kept if kept_id == entry.id else unchanged
    if kept != unchanged:
        now = ui.tr(
            "tree_now",
            kind=ui.tr(f"kind_{entry.kind.value}"),
            category=_category_label(entry.category or ""),
            shown=ui.tr("tree_now_shown" if entry.in_tree else "tree_now_hidden"),
        )
        ui.plain(now)
    if entry.merged_into_id is not None:
        # Plain text: the item's words are people's words, never Markdown.
        ui.plain(ui.tr("tree_merged_into", target=_describe(entry.merged_into_id)))
        st.button(ui.tr("tree_unmerge"), key=f"tree_unmerge_{suffix}", on_click=_unmerge, args=(entry,))
    with st.form(f"tree_item_form_{suffix}", enter_to_submit=False):
        kinds = list(ContributionKind)
        st.selectbox(
            ui.tr("share_kind"),
            kinds,
            index=kinds.index(kept.kind or entry.kind),
            key=f"tree_kind_{suffix}",
            format_func=lambda kind: ui.tr(f"kind_{kind.value}"),
        )
        categories = ["", *CATEGORY_KEYS]
        st.selectbox(
            ui.tr("tree_category"),
            categories,
            index=categories.index((entry.category or "") if kept.category is None else kept.category),
            key=f"tree_category_{suffix}",
            format_func=_category_label,
        )
        st.checkbox(
            ui.tr("tree_shown"), value=entry.in_tree if kept.shown is None else kept.shown, key=f"tree_shown_{suffix}"
        )
        same_part = [e.id for e in entries if e.kind == entry.kind and e.id != entry.id and e.merged_into_id is None]
        st.multiselect(
            ui.tr("tree_duplicates"),
            same_part,
            default=[i for i in kept.duplicate_ids if i in same_part],
            format_func=_describe,
            key=f"tree_duplicates_{suffix}",
            placeholder=ui.tr("tree_duplicates_hint"),
        )
        st.form_submit_button(ui.tr("tree_apply"), type="primary", on_click=_apply_item, args=(entry,))


def _tie() -> None:
    state = st.session_state
    root_id: int | None = state.get("tree_tie_root")
    fund_id: int | None = state.get("tree_tie_fund")
    benefit_id: int | None = state.get("tree_tie_benefit")
    ui.act(
        lambda session: admin.tie(
            session=session, forum_id=forum_id, root_id=root_id, fund_id=fund_id, benefit_id=benefit_id
        ),
        slot="tree",
    )
    _say_saved()


def _untie(tie_id: int) -> None:
    ui.act(lambda session: admin.untie(session=session, forum_id=forum_id, tie_id=tie_id), slot="tree")
    _say_saved()


def _labels() -> None:
    labels: dict[str, str] = {part: st.session_state.get(f"tree_label_{part}", "") for part in LABEL_KEYS}
    ui.act(lambda session: admin.set_tree_labels(session=session, forum_id=forum_id, labels=labels), slot="tree")
    _say_saved()


ui.heading(ui.tr("nav_tree"))
ui.show_flash("tree")
ui.fixed_size_chart(tree.tree, width=tree.layout.width, key="tree_chart", config=PLOT_CONFIG)
with st.expander(ui.tr("tree_sankey_heading"), expanded=False):
    if tree.data.paths:
        st.plotly_chart(tree.sankey(lang), key="tree_sankey", config=PLOT_CONFIG, theme=None)
    else:
        st.caption(ui.tr("tree_no_paths"))

st.subheader(ui.tr("tree_export_heading"))
images_possible = image_browser() is not None
stem = f"welfare-tree-{forum.code}"
exports = (
    ("png", "image/png", lambda: figure_image(tree.tree, "png"), images_possible),
    ("svg", "image/svg+xml", lambda: figure_image(tree.tree, "svg"), images_possible),
    ("html", "text/html", lambda: figure_html(tree.tree, title=forum.title), True),
)
for column, (suffix, mime, build, possible) in zip(st.columns(3), exports, strict=True):
    column.download_button(
        suffix.upper(),
        data=build,
        file_name=f"{stem}.{suffix}",
        mime=mime,
        key=f"tree_export_{suffix}",
        on_click="ignore",
        disabled=not possible,
    )
if not images_possible:
    st.caption(ui.tr("tree_export_needs_browser"))

st.subheader(ui.tr("tree_tools_heading"))
if not allows(forum.stage, Action.TIDY_TREE):
    # The tools come last on the page: stopping here keeps the tree and its exports.
    st.info(ui.tr("tree_tools_closed"))
    st.stop()
item_tab, tie_tab, label_tab = st.tabs([ui.tr("tree_tab_item"), ui.tr("tree_tab_tie"), ui.tr("tree_tab_labels")])
with item_tab:
    chosen = st.selectbox(
        ui.tr("tree_item"),
        list(by_id),
        format_func=_describe,
        index=None,
        key="tree_item",
        placeholder=ui.tr("home_choose"),
    )
    if chosen is not None:
        # The form stays on the version it was first drawn from until it is applied: a
        # save from another tab meanwhile neither resets the choices being made here nor
        # is overwritten by them (applying is refused and the item's values now are shown).
        shown = ui.drawn("tree_item", by_id[chosen])
        if shown.id != chosen:
            ui.forget_drawn("tree_item")
            shown = ui.drawn("tree_item", by_id[chosen])
        if shown.version != by_id[chosen].version:
            st.info(ui.tr("tree_changed_since_opened"))
        _item_form(shown)
with tie_tab:
    st.caption(ui.tr("tree_tie_help"))
    with st.form("tree_tie_form", enter_to_submit=False):
        for kind, key in (
            (ContributionKind.ROOT_CAUSE, "root"),
            (ContributionKind.FUND, "fund"),
            (ContributionKind.BENEFIT, "benefit"),
        ):
            options = [e.id for e in entries if e.kind == kind and e.in_tree and e.merged_into_id is None]
            st.selectbox(
                ui.tr(f"kind_{kind.value}"),
                options,
                index=None,
                format_func=_describe,
                key=f"tree_tie_{key}",
                placeholder=ui.tr("home_choose"),
            )
        st.form_submit_button(ui.tr("tree_tie_button"), type="primary", on_click=_tie)
    for tie in ties:
        path = " → ".join(_describe(i) for i in (tie.root_id, tie.fund_id, tie.benefit_id) if i is not None)
        left, right = st.columns([5, 1])
        left.text(path)
        right.button(ui.tr("tree_untie"), key=f"tree_untie_{tie.id}", on_click=_untie, args=(saved_id(tie),))
with label_tab:
    with st.form("tree_labels_form", enter_to_submit=False):
        for part in LABEL_KEYS:
            st.text_input(
                ui.tr(f"tree_part_{part}"),
                value=forum.tree_labels.get(part, ""),
                key=f"tree_label_{part}",
                max_chars=40,
                placeholder=tree.data.labels.get(part, ""),
            )
        st.form_submit_button(ui.tr("tree_labels_save"), type="primary", on_click=_labels)
