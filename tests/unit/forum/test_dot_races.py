"""One person's two tabs hammering the dot services at once, on SQLite and on PostgreSQL.

1,000 taps from two tabs, four requests in flight per tab, each tap drawn from what its tab
last saw (often stale: the other tab moved the dots meanwhile). Whatever the interleaving,
the person's dots never exceed the budget nor the cap on one option, the ballot's count
always equals the dots on the options, and every tap that said it changed something did.
"""

import random
import threading
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlmodel import func, select

from facilitation.core.db import read_session, write_session
from facilitation.core.errors import DotsMoved, NoDotsLeft, OptionCapReached
from facilitation.core.tokens import new_token
from facilitation.forum.dots import MyDots, add_dot, take_back_dot
from facilitation.forum.votes import VoteSettings, open_vote
from models import Ballot, ContributionKind, OptionSubject, ResultsShown, Stage, VoteDot, VoteOption, saved_id
from tests.factories import join, make_forum, post
from tests.unit.helpers import move

ATTEMPTS = 1_000
TABS = 2
IN_FLIGHT = 4  # requests at once per tab: taps sent faster than their answers come
BUDGET, CAP = 5, 2


@dataclass
class TabScreen:
    """What one tab shows: the dots of its last answer."""

    dots: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def show(self, mine: MyDots) -> None:
        with self.lock:
            self.dots = dict(mine.dots)


def test_two_tabs_of_one_person_never_exceed_the_budget_or_the_cap(db: Engine) -> None:
    forum = make_forum(db).forum
    person = join(db, forum.code).participant
    posts = [saved_id(post(db, person, f"ข้อเสนอที่ {n}", ContributionKind.BENEFIT)) for n in range(4)]
    move(db, forum, Stage.PLAN)
    with write_session(db) as session:
        vote = open_vote(
            session=session, forum_id=saved_id(forum), creation_key=new_token(),
            settings=VoteSettings("", BUDGET, CAP, ResultsShown.HIDDEN, [(OptionSubject.POST, p) for p in posts]),
        )  # fmt: skip
    with read_session(db) as session:
        options = [int(o) for o in session.exec(select(VoteOption.id).where(VoteOption.vote_id == vote.id)).all()]
    participant_id = saved_id(person)
    screens = [TabScreen() for _ in range(TABS)]
    outcomes: Counter[str] = Counter()
    net = Counter[int]()  # dots each option gained by the taps that said they changed it
    errors: list[BaseException] = []
    counting = threading.Lock()
    barrier = threading.Barrier(TABS * IN_FLIGHT)

    def hammer(screen: TabScreen, seed: int) -> None:
        rng = random.Random(seed)
        barrier.wait()
        for _ in range(ATTEMPTS // (TABS * IN_FLIGHT)):
            option = rng.choice(options)
            adding = rng.random() < 0.7  # mostly spending: the budget is what is pressed on
            with screen.lock:
                seen = screen.dots.get(option, 0)
            change = add_dot if adding else take_back_dot
            try:
                with write_session(db) as session:
                    done = change(session=session, participant_id=participant_id, option_id=option, seen=seen)
                screen.show(done.dots)
                outcome = ("added" if adding else "taken") if done.changed else "already"
                with counting:
                    outcomes[outcome] += 1
                    if done.changed:
                        net[option] += 1 if adding else -1
            except DotsMoved as refused:
                assert isinstance(refused.current, MyDots)
                screen.show(refused.current)
                with counting:
                    outcomes["stale"] += 1
            except (NoDotsLeft, OptionCapReached) as refused:
                with counting:
                    outcomes[type(refused).__name__] += 1
            except BaseException as error:  # noqa: BLE001 - asserted below
                errors.append(error)

    threads = [
        threading.Thread(target=hammer, args=(screens[n % TABS], n)) for n in range(TABS * IN_FLIGHT)
    ]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(outcomes.values()) == ATTEMPTS
    with read_session(db) as session:
        ballot = session.get(Ballot, (vote.id, participant_id))
        dots = dict(
            session.exec(select(VoteDot.option_id, VoteDot.dots).where(VoteDot.participant_id == participant_id)).all()
        )
        most = session.exec(select(func.max(VoteDot.dots))).one()
    assert ballot is not None
    assert sum(dots.values()) <= BUDGET, (dots, outcomes)
    assert 0 <= ballot.used <= BUDGET, outcomes
    assert most is not None and most <= CAP, outcomes
    assert ballot.used == sum(dots.values()), (ballot.used, dots)
    # No tap lost another's write: each option holds exactly what the changing taps say.
    assert {option: count for option, count in dots.items() if count} == {o: n for o, n in net.items() if n}
    # The guards were really pressed on, not merely never reached.
    assert outcomes["NoDotsLeft"] > 0 and outcomes["stale"] > 0 and outcomes["added"] > BUDGET, outcomes
