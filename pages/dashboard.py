"""Area dashboard for organisers: every stored forum of a province, district or tambon, with its tables as files."""

import datetime as dt

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from facilitation.core.errors import ForumError
from facilitation.core.i18n import THAI_TIME, t
from facilitation.dashboard import charts
from facilitation.dashboard.areas import AreaOptions, area_options
from facilitation.dashboard.read import area_dashboard
from facilitation.dashboard.tables import STALLED_WEEKS, dashboard_tables, file_name, shown_columns
from facilitation.exports.csv_files import table_csv
from facilitation.exports.table_shape import ColumnKind, Table
from facilitation.exports.workbook import forum_workbook
from facilitation.forum.access import organiser_password_set, require_organiser
from facilitation.forum.areas import AreaOption
from pages import inputs, ui

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ui.ensure_routed(__file__)
ui.page_setup(ui.tr("dashboard_nav"), wide=True)
ui.language_switch("dashboard_lang")
st.title(ui.tr("dashboard_title"))
st.caption(ui.tr("dashboard_intro"))


def _unlocked() -> bool:
    """Open without ORGANISER_PASSWORD, as the start page is; with it, only to someone who types it."""
    if not organiser_password_set():
        st.info(ui.tr("dashboard_open_note"))
        return True
    password = st.text_input(ui.tr("dashboard_password"), type="password", key="dashboard_password")
    try:
        require_organiser(password=password)
    except ForumError as error:
        if password:
            st.error(ui.error_text(error))
        else:
            st.info(ui.tr("dashboard_password_needed"))
        return False
    return True


def _area(label_key: str, every_key: str | None, choices: list[AreaOption], options: AreaOptions, key: str) -> str:
    """A select box of areas by official code and name; "" is every area below the one above."""
    by_code = {option.code: option for option in choices}

    def label(code: str, language: str) -> str:
        if not code:
            return t(every_key or "", language)
        found = by_code[code]
        return t("dashboard_area_label", language, name=found.label(language), code=code, forums=options.forums[code])

    codes = ([""] if every_key else []) + list(by_code)
    chosen = inputs.choice(st.selectbox, ui.tr(label_key), codes, key=key, labels=label, disabled=len(codes) < 2)
    return str(chosen or "")


def _date(where: DeltaGenerator, label_key: str, key: str) -> dt.date | None:
    inputs.date_field(where, ui.tr(label_key), key=key, value=None)
    try:
        return inputs.picked_date(key, field=key)
    except ForumError as error:
        where.error(ui.error_text(error))
        return None


def _downloads(table: Table) -> None:
    """The table, then its CSV and Excel files."""
    numbers = {
        column.heading: st.column_config.NumberColumn(format="localized")
        for column in table.columns
        if column.kind in (ColumnKind.INT, ColumnKind.BAHT)
    }
    st.dataframe(shown_columns(table, lang), hide_index=True, width="stretch", column_config=numbers)
    buttons = st.container(horizontal=True)
    buttons.download_button(
        ui.tr("dashboard_download_csv"),
        data=lambda: table_csv(table),
        file_name=file_name(board, table, "csv"),
        mime="text/csv",
        key=f"dashboard_csv_{table.key}",
        on_click="ignore",
    )
    buttons.download_button(
        ui.tr("dashboard_download_xlsx"),
        data=lambda: forum_workbook([table], lang),
        file_name=file_name(board, table, "xlsx"),
        mime=XLSX,
        key=f"dashboard_xlsx_{table.key}",
        on_click="ignore",
    )


def _chart(figure: object, key: str) -> None:
    st.plotly_chart(figure, key=key, theme=None, config={"displaylogo": False}, width="stretch")


if not _unlocked():
    st.stop()
options = ui.read(lambda session: area_options(session=session))
if not options.provinces:
    st.info(ui.tr("dashboard_no_forums"))
    st.stop()

lang = ui.lang()
province_box, district_box, tambon_box = st.columns(3)
with province_box:
    province = _area("dashboard_province", None, options.provinces, options, "dashboard_province")
with district_box:
    district = _area(
        "dashboard_district",
        "dashboard_every_district",
        options.districts.get(province, []),
        options,
        "dashboard_district",
    )
with tambon_box:
    tambon = _area(
        "dashboard_tambon", "dashboard_every_tambon", options.tambons.get(district, []), options, "dashboard_tambon"
    )
date_from_box, date_to_box = st.columns(2)
date_from = _date(date_from_box, "dashboard_date_from", "dashboard_date_from")
date_to = _date(date_to_box, "dashboard_date_to", "dashboard_date_to")

board = ui.read(
    lambda session: area_dashboard(
        session=session,
        province_code=province,
        district_code=district or None,
        tambon_code=tambon or None,
        date_from=date_from,
        date_to=date_to,
        lang=lang,
        today=dt.datetime.now(THAI_TIME).date(),
    )
)
st.subheader(ui.tr("dashboard_showing", area=board.area_name, forums=len(board.forums)))
if not board.forums:
    st.info(ui.tr("dashboard_nothing_here"))
    st.stop()

held, people, items, budget, overdue, stalled = st.columns(6)
held.metric(ui.tr("dashboard_metric_forums"), len(board.forums))
people.metric(ui.tr("dashboard_metric_participants"), f"{board.participants:,}")
items.metric(ui.tr("dashboard_metric_items"), f"{board.action_items:,}")
budget.metric(ui.tr("dashboard_metric_budget"), f"{board.budget_baht:,}")
overdue.metric(ui.tr("dashboard_metric_overdue"), sum(1 for item in board.flagged if item.overdue))
stalled.metric(ui.tr("dashboard_metric_stalled"), sum(1 for item in board.flagged if item.stalled))

forums, sectors, statuses, funds, categories, matrix, flagged = dashboard_tables(board, lang)
st.subheader(ui.tr("dashboard_flagged_heading"))
st.caption(ui.tr("dashboard_flag_help", weeks=STALLED_WEEKS))
if flagged.rows:
    _downloads(flagged)
else:
    st.success(ui.tr("dashboard_nothing_flagged"))

left, right = st.columns(2)
with left:
    st.subheader(ui.tr("dashboard_sectors_heading"))
    _chart(charts.bars(sectors, 1, lang), "dashboard_sectors_chart")
    _downloads(sectors)
with right:
    st.subheader(ui.tr("dashboard_statuses_heading"))
    _chart(charts.bars(statuses, 1, lang), "dashboard_statuses_chart")
    _downloads(statuses)
left, right = st.columns(2)
with left:
    st.subheader(ui.tr("dashboard_funds_heading"))
    _chart(charts.bars(funds, 2, lang), "dashboard_funds_chart")
    _downloads(funds)
with right:
    st.subheader(ui.tr("dashboard_categories_heading"))
    st.caption(ui.tr("dashboard_category_help"))
    _chart(charts.bars(categories, 2, lang), "dashboard_categories_chart")
    _downloads(categories)
st.subheader(ui.tr("dashboard_matrix_heading"))
if matrix.rows:
    _chart(charts.heat_map(matrix, lang), "dashboard_matrix_chart")
_downloads(matrix)
st.subheader(ui.tr("dashboard_forums_heading"))
_downloads(forums)
