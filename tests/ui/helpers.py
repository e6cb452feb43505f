"""Helpers shared by the AppTest files: strings, buttons, and what the page shows."""

from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from facilitation.core.i18n import t

APP = Path(__file__).resolve().parents[2] / "app.py"
# The address the machine has on the room's Wi-Fi; patched so the links are the same
# on every machine, with or without a network.
LAN_ADDRESS = "192.168.1.20"
# Where the facilitator's browser opened the app: the usual laptop address, which
# phones cannot reach, so it must never end up in the join link.
FACILITATOR_BROWSER_URL = "http://localhost:8501/"
# Streamlit's own, before conftest.py makes AppTest route like a running server.
STREAMLIT_PAGES_MANAGER_INIT = PagesManager.__init__


def th(key: str, **values: object) -> str:
    """A UI string in Thai, the default language."""
    return t(key, "th", **values)


def submit(at: AppTest, label_key: str, *, index: int = 0) -> AppTest:
    """Click the form submit button labelled with catalogue string `label_key`, and run."""
    buttons = [button for button in at.button if button.label == th(label_key)]
    assert buttons, f"no button labelled {th(label_key)!r}"
    return buttons[index].click().run()


def has_button(at: AppTest, label_key: str) -> bool:
    return any(button.label == th(label_key) for button in at.button)


def html(at: AppTest) -> str:
    """Every st.html body on the page except the style sheet, joined."""
    bodies = [element.proto.body for element in at.get("html")]
    return "\n".join(body for body in bodies if not body.startswith("<style>"))


def shown(at: AppTest, kind: str) -> list[str]:
    """The texts of every element of `kind` ("error", "info", "success", "warning", ...)."""
    return [element.value for element in getattr(at, kind)]


def everything(at: AppTest) -> str:
    """All visible text a test may look for: messages, markdown, captions, code, html."""
    parts: list[str] = []
    for kind in ("error", "warning", "info", "success", "markdown", "caption", "title", "subheader", "code"):
        parts.extend(str(value) for value in shown(at, kind))
    parts.append(html(at))
    return "\n".join(parts)


def button_keys(at: AppTest) -> set[str]:
    return {button.key for button in at.button if button.key}


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def open_plan_item(at: AppTest, item_id: int) -> AppTest:
    """Open an action item's edit expander, as a click on its header does: its form is drawn only then."""
    at.session_state[f"plan_open_{item_id}"] = True
    return at.run()


def open_my_post(at: AppTest, contribution_id: int) -> AppTest:
    """Open the phone's expander of one's own post, as a tap on it does: its edit form is drawn only then."""
    at.session_state[f"mine_open_{contribution_id}"] = True
    return at.run()
