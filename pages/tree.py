"""Facilitator: the welfare tree, its paths, the tools to tidy it, and its exports."""

import streamlit as st

from facilitation.forum.forums import authorise_facilitator
from facilitation.forum.policy import Action, allows
from facilitation.tree import admin
from facilitation.tree.categories import CATEGORY_KEYS
from facilitation.tree.data import LABEL_KEYS
from facilitation.tree.export import figure_html, figure_image, image_browser
from facilitation.tree.view import forum_tree, tree_entries, tree_ties
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


def _apply_item(entry_id: int) -> None:
    state = st.session_state
    kind = ContributionKind(state["tree_kind"])
    category: str | None = state.get("tree_category") or None
    shown = bool(state["tree_shown"])
    duplicate_ids: list[int] = list(state.get("tree_duplicates") or [])
    state["tree_duplicates"] = []
    ui.act(
        lambda session: admin.edit_item(
            session=session,
            forum_id=forum_id,
            contribution_id=entry_id,
            kind=kind,
            category=category,
            shown=shown,
            duplicate_ids=duplicate_ids,
        ),
        slot="tree",
    )
    _say_saved()


def _unmerge(entry_id: int) -> None:
    ui.act(lambda session: admin.unmerge(session=session, forum_id=forum_id, contribution_id=entry_id), slot="tree")
    _say_saved()


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
        entry = by_id[chosen]
        if entry.merged_into_id is not None:
            st.info(ui.tr("tree_merged_into", target=_describe(entry.merged_into_id)))
            st.button(ui.tr("tree_unmerge"), key="tree_unmerge", on_click=_unmerge, args=(chosen,))
        with st.form("tree_item_form", enter_to_submit=False):
            kinds = list(ContributionKind)
            st.selectbox(
                ui.tr("share_kind"),
                kinds,
                index=kinds.index(entry.kind),
                key="tree_kind",
                format_func=lambda kind: ui.tr(f"kind_{kind.value}"),
            )
            categories = ["", *CATEGORY_KEYS]
            st.selectbox(
                ui.tr("tree_category"),
                categories,
                index=categories.index(entry.category or ""),
                key="tree_category",
                format_func=lambda key: ui.tr(f"category_{key}") if key else ui.tr("tree_category_auto"),
            )
            st.checkbox(ui.tr("tree_shown"), value=entry.in_tree, key="tree_shown")
            same_part = [e.id for e in entries if e.kind == entry.kind and e.id != chosen and e.merged_into_id is None]
            st.multiselect(
                ui.tr("tree_duplicates"),
                same_part,
                format_func=_describe,
                key="tree_duplicates",
                placeholder=ui.tr("tree_duplicates_hint"),
            )
            st.form_submit_button(ui.tr("tree_apply"), type="primary", on_click=_apply_item, args=(chosen,))
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
