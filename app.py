"""Entry point: decide who the visitor is from their link, and route to their pages only.

A page not handed to st.navigation in this run cannot be reached by URL, so a
participant who edits the address gets nothing of the facilitator's.
"""

import streamlit as st

from pages import ui

visitor = ui.resolve_visitor()

if visitor.role == "facilitator":
    pages = [
        st.Page("pages/console.py", title=ui.tr("nav_console"), icon="🧭", default=True),
        st.Page("pages/projector.py", title=ui.tr("nav_projector"), icon="📽️", url_path="projector"),
        st.Page("pages/summary.py", title=ui.tr("nav_summary"), icon="📄", url_path="summary"),
    ]
    position = "top"
elif visitor.role == "participant":
    pages = [st.Page("pages/phone.py", title=ui.tr("nav_phone"), icon="📱", default=True)]
    position = "hidden"
elif visitor.code:
    pages = [st.Page("pages/join.py", title=ui.tr("nav_join"), icon="📱", default=True)]
    position = "hidden"
else:
    pages = [st.Page("pages/home.py", title=ui.tr("nav_home"), icon="🌳", default=True)]
    position = "hidden"

st.navigation(pages, position=position).run()
