"""Everything the app renders from a forum's stored text, with the markup found in it.

Reads the forum back through the same services the pages use, renders it with every
renderer of stored text (cards, the Markdown summary, the tree and its Sankey, the pages'
plain-text helpers) in both languages, and returns what the checks of checks.py found.
"""

from collections.abc import Iterable
from unittest import mock

from sqlalchemy import Engine

from facilitation.core.db import read_session
from facilitation.core.text import clean_text
from facilitation.exports.markdown import to_markdown
from facilitation.exports.summary import build_summary
from facilitation.present import cards
from facilitation.tree.view import forum_tree
from models import ContributionKind
from pages import ui
from tests.fuzz.checks import figure_findings, html_findings, html_text, markdown_findings, markdown_text

LANGUAGES = ("th", "en")


def assert_clean(value: str, *, required: bool = False) -> None:
    """`value` is as clean_text leaves it: cleaning it again changes nothing, and required text is there."""
    assert clean_text(value, max_length=10**9, required=False) == value, f"stored uncleaned: {value!r}"
    assert value or not required, "required text stored empty"


def helper_bodies(text: str) -> list[str]:
    """What pages/ui.py's plain-text helpers hand to st.html for `text`."""
    with mock.patch.object(ui.st, "html") as html:
        ui.heading(text)
        ui.plain(text)
        ui.plain(text, small=True)
    return [str(call.args[0]) for call in html.call_args_list]


def html_problems(body: str, shown: Iterable[str], where: str) -> list[str]:
    """Markup made from input in `body`, and any of `shown` that does not read as the text it was."""
    found = [f"{where}: {finding}" for finding in html_findings(body)]
    text = html_text(body)
    found += [f"{where}: {value[:60]!r} not shown as text" for value in shown if value and value not in text]
    return found


def forum_problems(engine: Engine, forum_id: int, stored: Iterable[str], *, tree_lang: str | None = None) -> list[str]:
    """Every finding over everything rendered from the forum.

    `stored` are texts the summary shows, which must also read there exactly as stored.
    The tree and its Sankey are drawn in `tree_lang` only when one is given: a Plotly
    figure costs a tenth of a second, the cards and the summary a few milliseconds.
    """
    stored = [value for value in stored if value]
    with read_session(engine) as session:
        summary = build_summary(session=session, forum_id=forum_id)
        tree = forum_tree(session=session, forum_id=forum_id, lang=tree_lang) if tree_lang else None
    found: list[str] = []
    if tree is not None and tree_lang is not None:
        found += [f"tree: {finding}" for finding in figure_findings(tree.tree.to_plotly_json())]
        found += [f"sankey: {finding}" for finding in figure_findings(tree.sankey(tree_lang).to_plotly_json())]
    feed_texts = [
        value
        for items in summary.contributions.values()
        for item in items
        for value in (item.text, item.author, item.organisation)
    ]
    plan_texts = [
        value
        for row in summary.plan
        for value in (row.item.activity, row.item.objective, row.item.lead_organisation, row.item.partners)
    ]
    for lang in LANGUAGES:
        found += html_problems(cards.feed_board(summary.contributions, lang, limit=10_000), feed_texts, "feed")
        found += html_problems(cards.plan_board(summary.plan, lang), plan_texts, "plan")
        document = to_markdown(summary, lang)
        found += [
            f"markdown: {finding}"
            for finding in markdown_findings(document, raw_html=True, bare_urls=False, directives=False)
        ]
        reads = markdown_text(document)
        found += [f"markdown: {value[:60]!r} not shown as text" for value in stored if value not in reads]
    for items in summary.contributions.values():
        for item in items:
            card = cards.text_card(item.text, kind=ContributionKind(item.kind), meta=item.author)
            found += html_problems(card, [item.text], "text card")
    for value in stored:
        for body in helper_bodies(value):
            found += html_problems(body, [value], "ui helper")
    return found
