"""The bare page the app is measured against: one text box and a button that inserts a row.

Served by bench/load/bare_server.py the way server.py serves the app; the table lives in the
SQLite file named by BARE_DATABASE (created by the benchmark before the server starts).
"""

import os
import sqlite3

import streamlit as st

DATABASE = os.environ["BARE_DATABASE"]


def _post() -> None:
    text = st.session_state.get("bare_text", "")
    # A connection per click, as the app opens a session per action; WAL and a busy timeout as the app sets them.
    connection = sqlite3.connect(DATABASE, timeout=30, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO post (text) VALUES (?)", (text,))
        connection.execute("COMMIT")
    finally:
        connection.close()
    st.session_state["bare_text"] = ""
    st.session_state["bare_sent"] = True


with st.form("bare_form", enter_to_submit=False):
    st.text_area("Text", key="bare_text")
    st.form_submit_button("Send", on_click=_post)
if st.session_state.pop("bare_sent", False):
    st.success("Sent")
