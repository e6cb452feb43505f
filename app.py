"""Entry point: decide who the visitor is from their link, and route to their pages only.

A page not handed to st.navigation in this run cannot be reached by URL, so a
participant who edits the address gets nothing of the facilitator's.
"""

from typing import Literal

import streamlit as st

from pages import ui

# Opening the database here creates it on first run and shows a wrong DATABASE_URL at once.
ui.engine()
visitor = ui.resolve_visitor()


def _page(file: str, title_key: str, icon: str, url_path: str | None = None) -> st.Page:
    if url_path is None:
        return st.Page(f"pages/{file}", title=ui.tr(title_key), icon=icon, default=True)
    return st.Page(f"pages/{file}", title=ui.tr(title_key), icon=icon, url_path=url_path)


position: Literal["sidebar", "hidden", "top"]
if visitor.role == "facilitator":
    pages = {
        "console.py": _page("console.py", "nav_console", "🧭"),
        "projector.py": _page("projector.py", "nav_projector", "📽️", "projector"),
        "tree.py": _page("tree.py", "nav_tree", "🌳", "tree"),
        "summary.py": _page("summary.py", "nav_summary", "📄", "summary"),
    }
    position = "top"
elif visitor.role == "projector":
    # The wall's screen: one read-only page, no menu, and no facilitator key in its link.
    pages = {"projector.py": _page("projector.py", "nav_projector", "📽️")}
    position = "hidden"
elif visitor.role == "participant":
    pages = {
        "phone.py": _page("phone.py", "nav_phone", "📱"),
        # Only on request: the tree needs Plotly's bundle, heavy for a cheap phone.
        "phone_tree.py": _page("phone_tree.py", "nav_tree", "🌳", "tree"),
    }
    position = "hidden"
elif visitor.role == "owner":
    # An owner's progress link: their one item's page, nothing of the forum around it.
    pages = {"progress.py": _page("progress.py", "nav_progress", "📈")}
    position = "hidden"
elif visitor.code:
    pages = {"join.py": _page("join.py", "nav_join", "📱")}
    position = "hidden"
else:
    pages = {
        "home.py": _page("home.py", "nav_home", "🌳"),
        # For organisers; behind ORGANISER_PASSWORD when it is set (the page asks for it).
        "dashboard.py": _page("dashboard.py", "dashboard_nav", "📊", "dashboard"),
    }
    position = "top"

current = st.navigation(list(pages.values()), position=position)
wanted = pages.get(st.session_state.pop("wanted_page", ""))
if wanted is not None and wanted is not current:
    st.switch_page(wanted, query_params=st.query_params.to_dict())
st.session_state["routed"] = True
current.run()
