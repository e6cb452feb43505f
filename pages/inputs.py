"""Form widgets that hold up to what people do: switch language, paste long text, type a Buddhist-era year."""

from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import Any, TypeVar

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements.lib.form_utils import is_in_form

from facilitation.core.errors import ForumError, InvalidDate
from facilitation.core.i18n import LANGUAGES, common_era, format_date
from pages import ui

T = TypeVar("T", bound=Hashable)
D = TypeVar("D")
# Session state: widget key → {its options' labels in every language: option}, and the
# language each choice widget was last drawn in.
LABELS = "choice_labels"
DRAWN_IN = "choice_drawn_in"
# Wide enough that a Buddhist-era year typed as such (2570) is taken, not swapped for today.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2800, 12, 31)


def choice(
    widget: Callable[..., Any],
    label: str,
    options: Sequence[T],
    *,
    key: str,
    labels: Callable[[T, str], str],
    **kwargs: Any,
) -> Any:
    """`widget` (a radio, select box or multiselect) whose value stays the option itself in any language.

    The browser sends back the label it shows, not the option, and after a language switch
    it may send the other language's label, which Streamlit hands over as a bare string.
    So every language's label maps back to its option: in the labels drawn, in the value
    returned, and in `chosen` for callbacks. Outside a form the widget is then told its
    value again in the new language. Inside one that would wipe a choice made but not yet
    sent: the browser keeps it as shown, it is mapped back when the form is sent, and the
    run after that redraws it in the page's language.
    """
    current = ui.lang()
    by_label = {labels(option, language): option for option in options for language in LANGUAGES}
    st.session_state.setdefault(LABELS, {})[key] = by_label
    drawn_in: dict[str, str] = st.session_state.setdefault(DRAWN_IN, {})
    owner = getattr(widget, "__self__", None)
    in_form = isinstance(owner, DeltaGenerator) and is_in_form(owner)
    stored = st.session_state.get(key)
    as_label = isinstance(stored, str) and stored not in by_label.values()
    if key in st.session_state and (as_label or (not in_form and drawn_in.get(key, current) != current)):
        value = chosen(key)
        if value not in (None, []):
            st.session_state[key] = value
            # The value now comes from session state; a default as well only earns a warning.
            kwargs.pop("index", None)
            kwargs.pop("default", None)
    drawn_in[key] = current

    def shown(option: Any) -> str:
        found: Any = by_label.get(option, option) if isinstance(option, str) else option
        return labels(found, current)

    widget(label, options, key=key, format_func=shown, **kwargs)
    return chosen(key)


def chosen(key: str) -> Any:
    """What a `choice` widget holds, as options, whichever language's labels the browser sent.

    A label that matches no option (a post edited since the form was drawn) is left out.
    """
    value = st.session_state.get(key)
    by_label: dict[str, Any] = st.session_state.get(LABELS, {}).get(key, {})
    options = set(by_label.values())

    def option(item: Any) -> Any:
        if item in options:
            return item
        return by_label.get(item) if isinstance(item, str) else None

    if isinstance(value, list):
        return [found for found in map(option, value) if found is not None]
    return None if value is None else option(value)


def text(widget: Callable[..., Any], label: str, *, key: str, limit: int, **kwargs: Any) -> Any:
    """A text box that takes a paste of any length; the service refuses past `limit`, naming the field.

    No max_chars: a browser box with one ignores a paste that does not fit and stays
    empty, without a word. Here the text stays, and Send says how long it may be.
    """
    return widget(label, key=key, help=ui.tr("input_limit", limit=limit), **kwargs)


def date_field(where: DeltaGenerator, label: str, *, key: str, value: date | None) -> None:
    """A date picker that takes a Buddhist-era year as typed (18/02/2570), with the date in B.E. under it.

    The picker itself speaks English; the line under it says the date as a Thai reader
    writes it. Read the value with `picked_date`.
    """
    where.date_input(
        label,
        value=value,
        key=key,
        format="DD/MM/YYYY",
        min_value=FIRST_DAY,
        max_value=LAST_DAY,
        help=ui.tr("input_date_help"),
    )
    shown = st.session_state.get(key)
    if isinstance(shown, date) and ui.lang() == "th":
        day = common_era(shown)
        if day is not None:
            where.caption(ui.tr("input_date_be", date=format_date(day, "th")))


def picked_date(key: str, *, field: str) -> date | None:
    """The date a `date_field` holds, a Buddhist-era year read as such; InvalidDate if no such day exists."""
    value = st.session_state.get(key)
    if not isinstance(value, date):
        return None
    day = common_era(value)
    if day is None:
        raise InvalidDate(field=field)
    return day


def read_form(build: Callable[[], D], *, slot: str) -> D | None:
    """`build()`, the data a form holds; a domain error while reading it (a date that is none) is flashed in `slot`."""
    try:
        return build()
    except ForumError as error:
        ui.flash("error", ui.error_text(error), slot)
        return None
