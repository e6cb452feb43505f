"""Summary: the forum's outcome on screen and as a Markdown file to file and share."""

import streamlit as st

from facilitation.core.i18n import format_baht, format_date
from facilitation.exports.markdown import summary_filename, to_markdown
from facilitation.exports.summary import build_summary, overlap_line, plan_table
from facilitation.forum.forums import authorise_facilitator
from facilitation.present import cards
from facilitation.present.review_cards import series_rows
from facilitation.present.word_cloud import cloud_html
from models import saved_id
from pages import exports, ui

ui.ensure_routed(__file__)

visitor = ui.visitor()
forum = ui.read(lambda session: authorise_facilitator(session=session, code=visitor.code, key=visitor.secret))
ui.page_setup(f"{ui.tr('nav_summary')} · {forum.title}", wide=True)
lang = ui.lang()
summary = ui.read(lambda session: build_summary(session=session, forum_id=saved_id(forum)))

ui.heading(forum.title)
area = forum.area_name_th if lang == "th" else forum.area_name_en
ui.plain(f"{area} · {format_date(forum.forum_date, lang)} · {forum.venue}", small=True)
st.download_button(
    ui.tr("summary_download_md"),
    data=to_markdown(summary, lang).encode("utf-8"),
    file_name=summary_filename(forum),
    mime="text/markdown",
    key="summary_download",
    type="primary",
)

exports.show(forum)

people, raised, items, budget, commitments = st.columns(5)
people.metric(ui.tr("summary_metric_people"), summary.participant_total)
raised.metric(ui.tr("summary_metric_contributions"), sum(len(v) for v in summary.contributions.values()))
items.metric(ui.tr("summary_metric_items"), len(summary.plan))
budget.metric(ui.tr("summary_metric_budget"), format_baht(summary.budget_total, lang))
commitments.metric(ui.tr("summary_metric_commitments"), summary.commitment_total)
if len(summary.series) > 1:  # follow-up forums in this area: the series as a timeline
    st.subheader(ui.tr("followup_series_heading"))
    st.dataframe(series_rows(summary.series, lang), hide_index=True, width="stretch")

st.subheader(ui.tr("summary_participants", count=summary.participant_total))
st.dataframe(
    {
        ui.tr("summary_sector"): [ui.tr(f"sector_{sector.value}") for sector in summary.participants_by_sector],
        ui.tr("summary_count"): list(summary.participants_by_sector.values()),
    },
    hide_index=True,
    width="content",
)
if summary.registered_people:
    st.caption(ui.tr("people_summary_registered", count=summary.registered_people))
st.subheader(ui.tr("summary_plan"))
st.dataframe(plan_table(summary, lang), hide_index=True, width="stretch")
st.html(cards.plan_board(summary.plan, lang))
if summary.overlaps:
    st.markdown(f"#### {ui.tr('summary_overlaps_heading')}")
    for flag in summary.overlaps:
        ui.plain(f"⚠ {overlap_line(flag, lang)}")
st.subheader(ui.tr("summary_share"))
st.html(cards.feed_board(summary.contributions, lang, limit=1000))
st.subheader(ui.tr("words_heading"))
st.caption(ui.tr("words_note"))
st.html(cloud_html(summary.words, empty=ui.tr("words_empty")))
moderated = summary.moderation
if moderated.log_total or moderated.hidden or moderated.pending:
    st.subheader(ui.tr("moderation_heading"))
    st.caption(ui.tr("moderation_summary_hidden", count=moderated.hidden))
    st.caption(ui.tr("moderation_summary_pending", count=moderated.pending))
    st.caption(ui.tr("moderation_summary_log", count=moderated.log_total))
