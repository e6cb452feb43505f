"""Whether this process serves the plain HTTP routes beside the app (server.py does).

Pages ask before pointing a phone at them: under `streamlit run` or AppTest nothing serves
them, and join links and posts go through Streamlit's own pages instead.
"""

import threading

_served = threading.Event()


def announce_served() -> None:
    """Say that this process serves /join/{code} and /posts/{code}; server.py calls it once."""
    _served.set()


def served() -> bool:
    """Whether `announce_served()` was called in this process."""
    return _served.is_set()
