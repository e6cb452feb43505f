"""The light join page's markup: whatever a facilitator or a participant typed stays plain text."""

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation.web.join_html import FormValues, Heading, closed_page, form_page, message_page

# Every element the join pages are made of; any other one came from someone's text.
OURS = {"html", "head", "meta", "title", "style", "body", "main", "nav", "a", "p", "h1", "h2", "form", "input",
        "label", "fieldset", "legend", "button", "link", "div"}  # fmt: skip
TYPED = st.text(alphabet=st.sampled_from(list("<>&\"'=/ ก่าscriptimgonerror()x;")), max_size=40)


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}


def elements(page: str) -> Elements:
    parsed = Elements()
    parsed.feed(page)
    return parsed


@settings(max_examples=60, deadline=None)
@given(title=TYPED, place=TYPED, name=TYPED, organisation=TYPED, sector=TYPED, message=TYPED)
def test_typed_text_never_becomes_an_element_or_an_attribute(
    title: str, place: str, name: str, organisation: str, sector: str, message: str
) -> None:
    heading = Heading(title=title, place_and_date=place, lang="th")
    values = FormValues(token="t" * 32, name=name, organisation=organisation, sector=sector)
    pages = [
        form_page(heading=heading, values=values, already=1, error=message, chosen_lang=None),
        closed_page(heading=heading, plan_html=""),
        message_page(lang="en", message=message),
    ]
    for page in pages:
        found = elements(page)
        assert found.tags <= OURS, found.tags - OURS
        assert not {attribute for attribute in found.attributes if attribute.startswith("on")}
