"""The voting flow of the load run (`--vote`): a dot vote opened in Plan, every phone spending its dots.

What a phone does is what its vote box (assets/vote/vote.js) does: each tap is a
`POST /votes/{code}` with JSON (the participant's token and the vote from the box's data, the
option, the dots the box shows on it, "add"), sent one after another, each from the dots the
last answer gave; no page runs for a tap. A phone learns of the vote as the hall does: the
vote's opening moves the VOTING topic, its watcher asks for one rerun, and the rerun draws the
box. Afterwards the database is checked: every ballot within its budget and every option within
its cap, and every acknowledged dot stored once.
"""

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from random import Random
from typing import Any

from sqlalchemy import Engine
from sqlmodel import func, select

from bench.load.protocol import TabError, http_post_json
from facilitation.core.db import read_session, write_session
from facilitation.core.tokens import new_token
from facilitation.forum.vote_options import vote_candidates
from facilitation.forum.votes import VoteSettings, open_vote
from models import Ballot, ResultsShown, Vote, VoteDot, saved_id

OPTIONS = 8  # a hall votes on a handful of the posts
CAP = 2
SHOW_WAIT = 60.0  # how long phones are given to draw the vote's box before the rest count as errors


@dataclass
class VoteFigures:
    """What the voting phase measured."""

    taps: list[float] = field(default_factory=list)  # tap sent → the answer with the dots
    shown: list[float] = field(default_factory=list)  # vote opened → the phone's box drawn
    acked: int = 0  # dots the server said it placed
    stored: int = 0  # dots the database holds
    overruns: int = 0  # ballots over their budget, or options over their cap, or ballots off their dots
    ballots: int = 0
    reruns: int = 0  # runs the phones asked for from the opening to the end of the phase
    errors: list[str] = field(default_factory=list)


def open_hall_vote(engine: Engine, forum_id: int, dots: int) -> int:
    """Open a vote over the first OPTIONS posts, as the console does; its id."""
    with write_session(engine) as session:
        found = vote_candidates(session=session, forum_id=forum_id)[:OPTIONS]
        vote = open_vote(
            session=session, forum_id=forum_id, creation_key=new_token(),
            settings=VoteSettings("ควรเริ่มทำเรื่องใดก่อน", dots, min(CAP, dots), ResultsShown.HIDDEN,
                                  [(c.subject_kind, c.subject_id) for c in found]),
        )  # fmt: skip
        return saved_id(vote)


async def spend(
    host: str, port: int, box: dict[str, Any], dots: int, gap: float, rng: Random, figures: VoteFigures
) -> None:
    """Tap + `dots` times on options with room, `gap` seconds apart (± half), each from the last answer's dots."""
    mine: dict[str, int] = dict(box["mine"])
    options = [option["id"] for option in box["options"]]
    for number in range(dots):
        room = [option for option in options if mine.get(str(option), 0) < box["cap"]]
        option = rng.choice(room)
        payload = {"p": box["token"], "lang": box["lang"], "vote": box["vote"], "option": option,
                   "seen": mine.get(str(option), 0), "change": "add"}  # fmt: skip
        start = time.monotonic()
        status, answer = await http_post_json(host, port, "/" + box["endpoint"], payload)
        figures.taps.append(time.monotonic() - start)
        if status != 200 or not answer.get("ok") or not answer.get("changed"):
            raise TabError(f"dot {number + 1} got {status} {answer.get('message')!r}")
        figures.acked += 1
        mine = answer["mine"]
        if number < dots - 1:
            await asyncio.sleep(gap * rng.uniform(0.5, 1.5))


async def wait_for_boxes(
    phones: Sequence[Any], opened: float, figures: VoteFigures, components: Callable[[Any], dict[str, Any]]
) -> list[Any]:
    """The phones whose page drew the vote's box within SHOW_WAIT seconds of the opening."""
    seen: dict[int, float] = {}
    deadline = opened + SHOW_WAIT
    while time.monotonic() < deadline and len(seen) < len(phones):
        for index, phone in enumerate(phones):
            if index not in seen and "vote_box" in components(phone):
                seen[index] = time.monotonic()
        await asyncio.sleep(0.1)
    figures.shown = [moment - opened for moment in seen.values()]
    if len(seen) < len(phones):
        figures.errors.append(f"{len(phones) - len(seen)} phones did not draw the vote within {SHOW_WAIT:.0f} s")
    return [phone for index, phone in enumerate(phones) if index in seen]


def check_ballots(engine: Engine, vote_id: int, figures: VoteFigures) -> None:
    """Count, in the database, the dots stored and every ballot or option over its limit."""
    with read_session(engine) as session:
        vote = session.get(Vote, vote_id)
        assert vote is not None
        ballots = session.exec(select(Ballot).where(Ballot.vote_id == vote_id)).all()
        per_person = dict(
            session.exec(
                select(VoteDot.participant_id, func.sum(VoteDot.dots))
                .where(VoteDot.vote_id == vote_id)
                .group_by(VoteDot.participant_id)  # type: ignore[arg-type]
            ).all()
        )
        over_cap = session.exec(
            select(func.count()).where(VoteDot.vote_id == vote_id, VoteDot.dots > vote.cap_per_option)
        ).one()
    figures.ballots = len(ballots)
    figures.stored = sum(int(total or 0) for total in per_person.values())
    figures.overruns = over_cap + sum(
        1
        for ballot in ballots
        if ballot.used > vote.dots_per_person or int(per_person.get(ballot.participant_id, 0) or 0) != ballot.used
    )
