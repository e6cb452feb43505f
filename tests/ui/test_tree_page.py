"""The facilitator's tree page: the chart, the tools that tidy the tree, the part labels and the exports."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from facilitation.core.db import read_session, write_session
from facilitation.forum.forums import CreatedForum
from facilitation.forum.themes import create_theme
from facilitation.tree.data import TreeData, tree_data
from models import Contribution, ContributionKind, Forum, Sector, TreeTie, saved_id
from tests.factories import Joined, join, make_forum, post
from tests.ui.helpers import button_keys, has_button, html, no_exception, shown, submit, th

ROOT = "ผู้ป่วยติดเตียงไม่มีรถไปตามนัดหมอ"
SAME_ROOT = "คนป่วยติดเตียงไม่มีรถไปหาหมอตามนัด"
FUND = "กองทุนสวัสดิการชุมชนตำบลศิลา"
BENEFIT = "รถรับส่งผู้ป่วยไปตามนัดแพทย์"
OWN_ROOTS_LABEL = "ทุนชุมชน"


@dataclass(frozen=True)
class World:
    created: CreatedForum
    root: int
    same_root: int
    fund: int
    benefit: int

    @property
    def forum_id(self) -> int:
        return saved_id(self.created.forum)


@pytest.fixture
def world(db: Engine) -> World:
    created = make_forum(db, title="เวทีสวัสดิการตำบลศิลา")
    code = created.forum.code
    somsri = join(db, code, name="สมศรี", sector=Sector.COMMUNITY).participant
    somchai = join(db, code, name="สมชาย", sector=Sector.STATE).participant
    return World(
        created=created,
        root=saved_id(post(db, somsri, ROOT, ContributionKind.ROOT_CAUSE)),
        same_root=saved_id(post(db, somchai, SAME_ROOT, ContributionKind.ROOT_CAUSE)),
        fund=saved_id(post(db, somchai, FUND, ContributionKind.FUND)),
        benefit=saved_id(post(db, somsri, BENEFIT, ContributionKind.BENEFIT)),
    )


@pytest.fixture
def page(app: Callable[..., AppTest], world: World) -> AppTest:
    at = app(code=world.created.forum.code, key=world.created.facilitator_token)
    at.switch_page("pages/tree.py").run()
    no_exception(at)
    return at


def _contribution(db: Engine, contribution_id: int) -> Contribution:
    with Session(db) as session:
        found = session.get(Contribution, contribution_id)
        assert found is not None
        return found


def _tree(db: Engine, world: World) -> TreeData:
    with read_session(db) as session:
        return tree_data(session=session, forum_id=world.forum_id, lang="th")


def _chart(at: AppTest, key: str = "tree_chart") -> dict[str, Any]:
    charts = [chart for chart in at.get("plotly_chart") if chart.key == key]
    assert len(charts) == 1, [chart.key for chart in at.get("plotly_chart")]
    spec: dict[str, Any] = json.loads(charts[0].proto.spec)
    return spec


def _hover_of(spec: dict[str, Any], contribution_id: int) -> str | None:
    """The hover text of a contribution's node on the chart, or None when it is not drawn."""
    for trace in spec["data"]:
        keys = trace.get("customdata") or []
        if f"c:{contribution_id}" in keys:
            hover: str = trace["hovertext"][keys.index(f"c:{contribution_id}")]
            return hover
    return None


def _squash(text: str) -> str:
    return "".join(unescape(re.sub(r"</?b>|<br>", " ", text)).split())


def _choose(at: AppTest, contribution_id: int) -> AppTest:
    at.selectbox(key="tree_item").set_value(contribution_id).run()
    no_exception(at)
    return at


def _field(at: AppTest, name: str) -> Any:
    """The tree form's widget `name` (kind, category, shown, duplicates) for the item on screen."""
    found = [
        widget
        for kind in ("selectbox", "checkbox", "multiselect")
        for widget in getattr(at, kind)
        if widget.key == f"tree_{name}" or (widget.key or "").startswith(f"tree_{name}_")
    ]
    assert len(found) == 1, [widget.key for widget in found]
    return found[0]


def _saved(at: AppTest) -> None:
    no_exception(at)
    assert th("tree_saved") in shown(at, "success")
    assert not shown(at, "error")


def test_the_tree_page_draws_the_forum_s_tree(page: AppTest, world: World) -> None:
    spec = _chart(page)
    for contribution_id, text in ((world.root, ROOT), (world.fund, FUND), (world.benefit, BENEFIT)):
        hover = _hover_of(spec, contribution_id)
        assert hover is not None and _squash(text) in _squash(hover), text
    options = page.selectbox(key="tree_item").options
    assert len(options) == 4
    assert f"{th('kind_fund')}: {FUND}" in options


def test_the_three_exports_are_offered(page: AppTest) -> None:
    keys = {button.key for button in page.get("download_button")}
    assert keys == {"tree_export_png", "tree_export_svg", "tree_export_html"}
    labels = {button.key: button.proto.label for button in page.get("download_button")}
    assert labels == {"tree_export_png": "PNG", "tree_export_svg": "SVG", "tree_export_html": "HTML"}


def test_moving_an_item_to_another_kind_through_the_form(page: AppTest, db: Engine, world: World) -> None:
    at = _choose(page, world.root)
    assert _field(at, "kind").value == ContributionKind.ROOT_CAUSE
    _field(at, "kind").set_value(ContributionKind.FUND)
    at = submit(at, "tree_apply")

    _saved(at)
    assert _contribution(db, world.root).kind == ContributionKind.FUND
    assert next(item for item in _tree(db, world).items if item.id == world.root).part == "trunk"
    hover = _hover_of(_chart(at), world.root)
    assert hover is not None and th("kind_fund") in hover


def test_choosing_a_benefit_s_category_through_the_form(page: AppTest, db: Engine, world: World) -> None:
    at = _choose(page, world.benefit)
    _field(at, "category").set_value("education")
    at = submit(at, "tree_apply")

    _saved(at)
    assert _contribution(db, world.benefit).category == "education"
    assert "branch:education" in {key for trace in _chart(at)["data"] for key in trace.get("customdata") or []}


def test_hiding_an_item_takes_it_off_the_tree(page: AppTest, db: Engine, world: World) -> None:
    at = _choose(page, world.fund)
    _field(at, "shown").uncheck()
    at = submit(at, "tree_apply")

    _saved(at)
    assert _contribution(db, world.fund).in_tree is False
    assert world.fund not in {item.id for item in _tree(db, world).items}
    assert _hover_of(_chart(at), world.fund) is None
    # Still a contribution the facilitator can bring back.
    assert f"{th('kind_fund')}: {FUND}" in at.selectbox(key="tree_item").options
    at = _choose(at, world.fund)
    assert _field(at, "shown").value is False


def test_merging_a_duplicate_folds_it_into_the_item(page: AppTest, db: Engine, world: World) -> None:
    at = _choose(page, world.root)
    duplicates = _field(at, "duplicates")
    assert [th("kind_root_cause") + ": " + SAME_ROOT] == list(duplicates.options)  # same part only
    duplicates.set_value([world.same_root])
    at = submit(at, "tree_apply")

    _saved(at)
    assert _contribution(db, world.same_root).merged_into_id == world.root
    node = next(item for item in _tree(db, world).items if item.id == world.root)
    assert node.merged_ids == (world.same_root,)
    assert node.weight == 2
    assert world.same_root not in {item.id for item in _tree(db, world).items}
    hover = _hover_of(_chart(at), world.root)
    assert hover is not None and th("tree_raised_by", count=2) in hover


def test_tying_a_path_through_the_form(page: AppTest, db: Engine, world: World) -> None:
    assert not [chart for chart in page.get("plotly_chart") if chart.key == "tree_sankey"]
    page.selectbox(key="tree_tie_root").set_value(world.root)
    page.selectbox(key="tree_tie_fund").set_value(world.fund)
    page.selectbox(key="tree_tie_benefit").set_value(world.benefit)
    at = submit(page, "tree_tie_button")

    _saved(at)
    with Session(db) as session:
        ties = list(session.exec(select(TreeTie).where(TreeTie.forum_id == world.forum_id)))
    assert [(tie.root_id, tie.fund_id, tie.benefit_id) for tie in ties] == [(world.root, world.fund, world.benefit)]
    assert [(p.root_id, p.fund_id, p.benefit_id) for p in _tree(db, world).paths] == [
        (world.root, world.fund, world.benefit)
    ]
    sankey = _chart(at, "tree_sankey")
    assert sankey["data"][0]["type"] == "sankey"
    assert f"tree_untie_{ties[0].id}" in button_keys(at)


def test_renaming_a_part_of_the_tree(page: AppTest, db: Engine, world: World) -> None:
    page.text_input(key="tree_label_roots").input(OWN_ROOTS_LABEL)
    at = submit(page, "tree_labels_save")

    _saved(at)
    with Session(db) as session:
        forum = session.get(Forum, world.forum_id)
        assert forum is not None
        assert forum.tree_labels == {"roots": OWN_ROOTS_LABEL}
    captions = [_squash(annotation["text"]) for annotation in _chart(at)["layout"]["annotations"]]
    assert _squash(OWN_ROOTS_LABEL) in captions
    assert _squash(th("tree_part_roots")) not in captions
    assert at.text_input(key="tree_label_roots").value == OWN_ROOTS_LABEL


def test_a_participant_link_cannot_open_the_tree_page(app: Callable[..., AppTest], db: Engine, world: World) -> None:
    member: Joined = join(db, world.created.forum.code, name="บุญมี")
    at = app(code=world.created.forum.code, p=member.token)
    no_exception(at)
    assert has_button(at, "share_submit")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/tree.py")


def test_a_participant_link_asking_for_the_tree_page_gets_only_a_participant_page(
    page: AppTest, db: Engine, world: World
) -> None:
    # The tab was on the facilitator's tree page when the link in it became a participant's.
    member = join(db, world.created.forum.code, name="บุญมี")
    page.query_params.clear()
    page.query_params.update(code=world.created.forum.code, p=member.token)
    at = page.switch_page("pages/tree.py").run()

    no_exception(at)
    # The router goes by the link: the participant's phone page, or their own read-only tree
    # (pages/phone_tree.py shares the "tree" address), never the facilitator's page.
    assert has_button(at, "share_submit") or "phone_tree_back" in button_keys(at)
    assert {chart.key for chart in at.get("plotly_chart")} <= {"phone_tree_chart"}
    assert not at.get("download_button")
    assert not [key for key in button_keys(at) if key.startswith("tree_") or "FormSubmitter:tree_" in key]
    assert not [box for box in at.selectbox if (box.key or "").startswith("tree_")]
    assert not [box for box in at.text_input if (box.key or "").startswith("tree_label_")]


def test_each_item_gets_its_own_values_when_several_are_chosen_in_a_row(
    page: AppTest, db: Engine, world: World
) -> None:
    """A fund, then a root cause, then a benefit: the benefit keeps its kind and gets the category set."""
    at = _choose(page, world.fund)
    assert _field(at, "kind").value == ContributionKind.FUND
    at = _choose(at, world.root)
    assert _field(at, "kind").value == ContributionKind.ROOT_CAUSE
    at = _choose(at, world.benefit)
    assert _field(at, "kind").value == ContributionKind.BENEFIT
    _field(at, "category").set_value("sickness")
    at = submit(at, "tree_apply")

    _saved(at)
    benefit = _contribution(db, world.benefit)
    assert (benefit.kind, benefit.category) == (ContributionKind.BENEFIT, "sickness")
    assert _contribution(db, world.fund).kind == ContributionKind.FUND
    assert _contribution(db, world.root).kind == ContributionKind.ROOT_CAUSE


def test_a_form_drawn_before_someone_else_s_change_is_refused_and_keeps_the_choices(
    app: Callable[..., AppTest], page: AppTest, db: Engine, world: World
) -> None:
    """Two facilitator tabs on one item: the second Apply was drawn from an older version of it."""
    stale = _choose(page, world.benefit)
    fresh = app(code=world.created.forum.code, key=world.created.facilitator_token)
    fresh.switch_page("pages/tree.py").run()
    fresh = _choose(fresh, world.benefit)
    _field(fresh, "kind").set_value(ContributionKind.FUND)
    _saved(submit(fresh, "tree_apply"))

    _field(stale, "category").set_value("education")
    stale = submit(stale, "tree_apply")

    no_exception(stale)
    assert th("error_stale_edit") in shown(stale, "error")
    stored = _contribution(db, world.benefit)
    assert (stored.kind, stored.category) == (ContributionKind.FUND, None)
    # The page now shows the item as it is, with the choice that was refused still made.
    assert _field(stale, "kind").value == ContributionKind.FUND
    assert _field(stale, "category").value == "education"


MARKUP = "[คลิกรับเงิน](http://evil.example/) ![](http://evil.example/x.png) :red[ด่วนที่สุด] **ตัวหนา**"


def test_the_merged_into_message_shows_people_s_words_as_plain_text(page: AppTest, db: Engine, world: World) -> None:
    """The item a duplicate was merged into is named in plain text: no link, image or colour from its words."""
    somsri = join(db, world.created.forum.code, name="สมหญิง").participant
    node = saved_id(post(db, somsri, MARKUP, ContributionKind.ROOT_CAUSE))
    at = _choose(page.run(), node)
    _field(at, "duplicates").set_value([world.same_root])
    _saved(submit(at, "tree_apply"))

    at = _choose(at, world.same_root)
    markdown_kinds = ("error", "warning", "info", "success", "markdown", "caption", "title", "subheader")
    assert not [value for kind in markdown_kinds for value in shown(at, kind) if "evil.example" in str(value)]
    bodies = html(at)
    assert escape(MARKUP) in bodies
    assert "<a " not in bodies and "<img" not in bodies


QUOTED = 'รถ "ฉุกเฉิน" ของ อบต.'


def test_double_quotes_show_as_typed_on_the_tree(page: AppTest, db: Engine, world: World) -> None:
    """Plotly turns &lt; &gt; &amp; back into characters but not &quot;: a quote must reach it as a quote."""
    somsri = join(db, world.created.forum.code, name="สมหญิง").participant
    quoted = saved_id(post(db, somsri, QUOTED, ContributionKind.BENEFIT))
    at = page.run()
    spec = _chart(at)
    hover = _hover_of(spec, quoted)
    assert hover is not None and '"ฉุกเฉิน"' in hover
    texts = [text for trace in spec["data"] for text in trace.get("text") or [] if "ฉุกเฉิน" in str(text)]
    assert texts and all('"' in text for text in texts)
    drawn = json.dumps(spec, ensure_ascii=False)
    assert "&quot;" not in drawn and "&#x27;" not in drawn and "&#34;" not in drawn


def test_a_chosen_item_s_form_stays_on_its_version_while_another_tab_saves(
    app: Callable[..., AppTest], page: AppTest, db: Engine, world: World
) -> None:
    """Tab A chose the benefit; tab B changes it; tab A redraws: same form (choices being made survive),
    a note that it changed, and Apply refused rather than written over tab B's change."""
    stale = _choose(page, world.benefit)
    drawn_keys = {widget.key for widget in stale.selectbox}
    fresh = app(code=world.created.forum.code, key=world.created.facilitator_token)
    fresh.switch_page("pages/tree.py").run()
    fresh = _choose(fresh, world.benefit)
    _field(fresh, "category").set_value("sickness")
    _saved(submit(fresh, "tree_apply"))

    stale.run()

    no_exception(stale)
    assert {widget.key for widget in stale.selectbox} == drawn_keys
    assert th("tree_changed_since_opened") in shown(stale, "info")
    _field(stale, "category").set_value("education")
    stale = submit(stale, "tree_apply")
    assert th("error_stale_edit") in shown(stale, "error")
    assert _contribution(db, world.benefit).category == "sickness"
    assert th("tree_changed_since_opened") not in shown(stale, "info")  # drawn again from the item as it is


def test_two_root_causes_in_a_theme_are_one_node_named_for_it(page: AppTest, db: Engine, world: World) -> None:
    """Grouped in a theme, two root causes from two people are one node of weight 2; the tools still list each."""
    with write_session(db) as session:
        theme = create_theme(
            session=session, forum_id=world.forum_id, name="การเดินทาง", contribution_ids=[world.root, world.same_root]
        )
    page.run()
    no_exception(page)
    spec = _chart(page)
    assert _hover_of(spec, world.root) is None and _hover_of(spec, world.same_root) is None
    key = f"theme:{saved_id(theme)}:root"
    (trace,) = [trace for trace in spec["data"] if key in (trace.get("customdata") or [])]
    at = trace["customdata"].index(key)
    assert trace["text"][at] == f"การเดินทาง<br>{th('tree_theme_posts', count=2)}"
    hover = _squash(trace["hovertext"][at])
    assert _squash(th("tree_theme_hover", count=2)) in hover
    assert _squash(th("tree_raised_by", count=2)) in hover
    assert th("tree_theme_legend") in {trace.get("name") for trace in spec["data"]}
    assert len(page.selectbox(key="tree_item").options) == 4  # each post can still be tidied on its own
