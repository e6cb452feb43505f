"""Domain errors. Each carries the catalogue key of the message a page shows."""

from collections.abc import Sequence
from datetime import date

from facilitation.core.i18n import format_date, t


class ForumError(Exception):
    """Base class; `message_key` names the translated message in assets/strings.toml."""

    message_key = "error_generic"

    def __init__(self, **details: object) -> None:
        super().__init__(self.message_key)
        self.details = details

    def message(self, lang: str) -> str:
        """The message in `lang`, its placeholders filled from the details."""
        return t(self.message_key, lang, **self.details)


class ForumNotFound(ForumError):
    message_key = "error_forum_not_found"


class NoFreeJoinCode(ForumError):
    message_key = "error_no_free_join_code"


class KeyRenewedSinceCreated(ForumError):
    """A create sent again for a forum whose facilitator key was renewed since: the old key opens nothing."""

    message_key = "error_key_renewed_since_created"


class ActionNotAllowed(ForumError):
    """The forum's stage does not allow this action (the table is facilitation/forum/policy.py)."""

    message_key = "error_action_not_allowed"

    def __init__(self, *, action: str, stage: str, allowed: Sequence[str]) -> None:
        super().__init__(action=action, stage=stage, allowed=tuple(allowed))
        self.action, self.stage, self.allowed = action, stage, tuple(allowed)

    def message(self, lang: str) -> str:
        """The message in `lang`, naming the action, the stages that allow it and the current stage."""
        names = [t(f"stage_{stage}", lang) for stage in self.allowed]
        allowed = t("list_or", lang, items=", ".join(names[:-1]), last=names[-1]) if len(names) > 1 else "".join(names)
        return t(
            self.message_key,
            lang,
            action=t(f"action_{self.action}", lang),
            allowed=allowed,
            stage=t(f"stage_{self.stage}", lang),
        )


class ForumClosed(ActionNotAllowed):
    """A closed forum takes no input at all; its message says so without naming the action."""

    message_key = "error_forum_closed"


class NotAuthorised(ForumError):
    message_key = "error_not_authorised"


class OrganiserPasswordWrong(ForumError):
    """ORGANISER_PASSWORD is set and the start page was given another (or none)."""

    message_key = "error_organiser_password"


class TooManyProjectorLinks(ForumError):
    message_key = "error_too_many_projector_links"


class FieldError(ForumError):
    """An error about one field; `field` in its details is the catalogue key of that field's label.

    A form has several boxes: the message names the one at fault, in the reader's language.
    """

    field_message_key = "error_generic"

    def message(self, lang: str) -> str:
        """The message in `lang`, naming the field when the error knows it."""
        field = str(self.details.get("field") or "")
        if not field:
            return t(self.message_key, lang, **self.details)
        values = {**self.details, "field": t(field, lang)}
        return t(self.field_message_key, lang, **values)


class TextEmpty(FieldError):
    message_key = "error_text_empty"
    field_message_key = "error_text_empty_field"


class TextTooLong(FieldError):
    message_key = "error_text_too_long"
    field_message_key = "error_text_too_long_field"


class DuplicateContribution(ForumError):
    message_key = "error_duplicate_contribution"


class ContributionNotFound(ForumError):
    message_key = "error_contribution_not_found"


class ActionItemNotFound(ForumError):
    message_key = "error_action_item_not_found"


class InvalidArea(ForumError):
    message_key = "error_invalid_area"


class InvalidDates(ForumError):
    message_key = "error_invalid_dates"


class InvalidDate(FieldError):
    """What was typed in a date field cannot be a date (or not one this forum could hold)."""

    message_key = "error_invalid_date"
    field_message_key = "error_invalid_date_field"


class InvalidBudget(FieldError):
    """A budget below zero, or above `limit` baht (a typing slip, not a plan)."""

    message_key = "error_invalid_budget"

    def __init__(self, *, budget: int, limit: int, field: str = "plan_budget_baht") -> None:
        super().__init__(budget=budget, limit=limit, field=field)

    def message(self, lang: str) -> str:
        """Says which bound the budget broke, naming the field, with the limit in the reader's digits."""
        budget, limit = int(str(self.details["budget"])), int(str(self.details["limit"]))
        field = t(str(self.details["field"]), lang)
        if budget < 0:
            return t("error_budget_negative", lang, field=field, budget=f"{budget:,}")
        return t("error_budget_too_large", lang, field=field, budget=f"{budget:,}", limit=f"{limit:,}")


class ConsentRequired(ForumError):
    message_key = "error_consent_required"


class SectorRequired(ForumError):
    message_key = "error_sector_required"


class UnknownCategory(ForumError):
    message_key = "error_unknown_category"


class UnknownTreeLabel(ForumError):
    message_key = "error_unknown_tree_label"


class CannotMerge(ForumError):
    message_key = "error_cannot_merge"


class CannotTie(ForumError):
    message_key = "error_cannot_tie"


class StaleEdit(ForumError):
    """An edit drawn from an older version of a row: someone saved a newer one first.

    `current` is the row as it is now, so the page can show it beside what was typed.
    """

    message_key = "error_stale_edit"

    def __init__(self, *, current: object) -> None:
        super().__init__()
        self.current = current


class StageMoved(ForumError):
    """A stage button drawn in one stage was pressed after the forum had moved on."""

    message_key = "error_stage_moved"

    def __init__(self, *, seen: str, stage: str) -> None:
        super().__init__(seen=seen, stage=stage)
        self.seen, self.stage = seen, stage

    def message(self, lang: str) -> str:
        """The message in `lang`, naming the stage the screen showed and the stage the forum is in."""
        return t(self.message_key, lang, seen=t(f"stage_{self.seen}", lang), stage=t(f"stage_{self.stage}", lang))


class TimerMoved(StaleEdit):
    """A timer button drawn from an older version of the timer: pressed twice, or another tab pressed first.

    `current` is the timer as it is now (a `facilitation.forum.timer.TimerView`), so the
    console can redraw its buttons from it; nothing was changed.
    """

    message_key = "error_timer_moved"


class RevealMoved(StaleEdit):
    """A reveal button drawn from an older version of the stage's reveal setting: pressed twice, or another tab first.

    `current` is the setting as it is now (a `facilitation.forum.reveal.StageRevealView`),
    so the console can say what it is and redraw its buttons from it; nothing was changed.
    """

    message_key = "error_reveal_moved"


class NothingToReveal(ForumError):
    """A reveal setting for a stage whose projector shows no posts (Act, Closed)."""

    message_key = "error_nothing_to_reveal"

    def __init__(self, *, stage: str) -> None:
        super().__init__()
        self.stage = stage


class TimerStateError(ForumError):
    """A timer button that does not fit the timer's status (the console draws only those that fit)."""

    def __init__(self, *, status: str) -> None:
        super().__init__(status=status)
        self.status = status


class TimerNotRunning(TimerStateError):
    """Pause, on a timer that is paused or stopped."""

    message_key = "error_timer_not_running"


class TimerNotPaused(TimerStateError):
    """Resume, on a timer that is running or stopped."""

    message_key = "error_timer_not_paused"


class TimerNotStarted(TimerStateError):
    """More time, on a timer that is stopped: there is nothing to add it to."""

    message_key = "error_timer_not_started"


class InvalidTimerMinutes(FieldError):
    """A timer of no time, of less than nothing, or longer than a forum session (`limit` minutes)."""

    message_key = "error_timer_minutes"

    def __init__(self, *, minutes: float, limit: int) -> None:
        super().__init__(minutes=f"{minutes:g}", limit=limit)


class TooManyLeftOutWords(ForumError):
    """More words to leave out of the word cloud than a wall has room to mean."""

    message_key = "error_too_many_left_out_words"


class ThemeNotFound(ForumError):
    """A theme that is not (or no longer) in the forum: ungrouped or merged from another tab."""

    message_key = "error_theme_not_found"


class ThemeNameTaken(ForumError):
    """Another theme of the forum has this name: two themes of one name could not be told apart."""

    message_key = "error_theme_name_taken"


class NoPostsChosen(ForumError):
    """A theme made of no posts."""

    message_key = "error_theme_no_posts"


class PostsAlreadyGrouped(ForumError):
    """Some chosen posts were put in a theme since the list was drawn (another tab): a post is in one theme."""

    message_key = "error_theme_posts_grouped"


class CannotMergeTheme(ForumError):
    """A theme merged into itself."""

    message_key = "error_theme_merge_itself"


class TooManyModerationWords(ForumError):
    """More words to hold than a forum's own list is meant for."""

    message_key = "error_too_many_moderation_words"


class PostModerated(StaleEdit):
    """A moderation button drawn from an older version of a post: pressed twice, another tab acted, or its author
    edited or withdrew it since.

    `current` is the post as it is now, and `state` the catalogue key of what it is now
    (showing, waiting, hidden, withdrawn), so the console says it; nothing was changed.
    """

    message_key = "error_post_moderated"

    def __init__(self, *, current: object, state: str) -> None:
        super().__init__(current=current)
        self.state = state

    def message(self, lang: str) -> str:
        """The message in `lang`, naming what the post is now."""
        return t(self.message_key, lang, state=t(self.state, lang))


class PersonNotRegistered(ForumError):
    """The person the console would enter for is not someone registered without a phone in this forum."""

    message_key = "error_person_not_registered"


class PersonSectorRequired(SectorRequired):
    """The console registered someone without a phone and chose no sector: said of them, not of the reader."""

    message_key = "error_person_sector_required"


class PersonConsentRequired(ConsentRequired):
    """The console registered someone without saying they agreed to what is stored."""

    message_key = "error_person_consent_required"


class VoteNotOpen(ForumError):
    """A dot for a vote that is closed (or gone): the phone still showed its buttons."""

    message_key = "error_vote_not_open"


class VoteAlreadyOpen(ForumError):
    """Another vote of the forum is open: one at a time, closed before the next opens."""

    message_key = "error_vote_already_open"


class VoteOptionNotFound(ForumError):
    """A dot for an option that is not in the vote the person's forum has open."""

    message_key = "error_vote_option_not_found"


class NoDotsLeft(ForumError):
    """Every dot of the person's budget is spent: take one back to move it."""

    message_key = "error_no_dots_left"

    def __init__(self, *, budget: int) -> None:
        super().__init__(budget=budget)


class OptionCapReached(ForumError):
    """The person has put as many dots on this option as one option may take."""

    message_key = "error_option_cap_reached"

    def __init__(self, *, cap: int) -> None:
        super().__init__(cap=cap)


class DotsMoved(StaleEdit):
    """A tap drawn from dots that have changed since (another tab of the same person, say).

    `current` is the person's dots as they are now (a `facilitation.forum.dots.MyDots`);
    nothing was changed, so a stale screen never spends a dot the person did not mean to.
    """

    message_key = "error_dots_moved"


class VoteMoved(StaleEdit):
    """A close or reveal button drawn from an older version of the vote: pressed twice, or another tab first."""

    message_key = "error_vote_moved"


class InvalidVote(FieldError):
    """A vote's settings that cannot work: too few options, a budget or cap out of range."""

    message_key = "error_invalid_vote"
    field_message_key = "error_invalid_vote_field"


class ArchiveRefused(ForumError):
    """A forum archive the start page does not import; nothing was written."""

    message_key = "archive_error_unreadable"


class ArchiveUnreadable(ArchiveRefused):
    """Not JSON (or not UTF-8, or cut short): not a file this app wrote, or a download that broke off."""

    message_key = "archive_error_unreadable"


class ArchiveForeign(ArchiveRefused):
    """JSON, but not a forum archive: its `format` is missing or another's."""

    message_key = "archive_error_foreign"


class ArchiveTooNew(ArchiveRefused):
    """Written by a newer version of the app, whose schema this one does not know."""

    message_key = "archive_error_too_new"

    def __init__(self, *, version: int, supported: int) -> None:
        super().__init__(version=version, supported=supported)


class ArchiveTooLarge(ArchiveRefused):
    """Larger than any real forum's archive: refused before it is read."""

    message_key = "archive_error_too_large"

    def __init__(self, *, size_mb: float, limit_mb: int) -> None:
        super().__init__(size_mb=f"{size_mb:,.1f}", limit_mb=limit_mb)


class ArchiveInconsistent(ArchiveRefused):
    """The archive's records do not hang together; `problem` says where (a record and field), in English."""

    message_key = "archive_error_inconsistent"

    def __init__(self, *, problem: str) -> None:
        super().__init__(problem=problem)
        self.problem = problem


class ExportFailed(ForumError):
    """An export could not be built; the cause is in the server's log, not on the screen."""

    message_key = "export_failed"


class FollowUpBeforeEarlier(ForumError):
    """A follow-up forum dated before the forum it follows up."""

    message_key = "followup_error_before_earlier"


class NotAFollowUp(ForumError):
    """Carrying an item into a forum that follows up no earlier forum."""

    message_key = "followup_error_not_follow_up"


class ItemNotOpen(ForumError):
    """Carrying an earlier item that is done or dropped: only open items go into the new plan."""

    message_key = "followup_error_item_not_open"


class ProgressLinkInvalid(NotAuthorised):
    """A progress link that opens nothing: mistyped, renewed since (the old one is revoked), or of an item gone."""

    message_key = "progress_error_link"


class ProgressSubjectNotFound(ForumError):
    """A commitment or action item that is not (or no longer) in the forum the report or link is for."""

    message_key = "progress_error_subject_gone"


class ProgressMoved(StaleEdit):
    """A report drawn from an older status: someone (the owner on another phone, the facilitator) reported first.

    `current` is the newest report now, so the page shows it and keeps what was typed; nothing was saved.
    """

    message_key = "progress_error_moved"

    def __init__(self, *, current: object, status: str, percent: int, reported_on: date) -> None:
        super().__init__(current=current)
        self.status, self.percent, self.reported_on = status, percent, reported_on

    def message(self, lang: str) -> str:
        """The message in `lang`, with the status, percent and date reported now."""
        return t(
            self.message_key,
            lang,
            status=t(f"progress_status_{self.status}", lang),
            percent=self.percent,
            reported_on=format_date(self.reported_on, lang),
        )


class InvalidPercent(FieldError):
    """A percentage outside 0–100."""

    message_key = "progress_error_percent"
    field_message_key = "progress_error_percent"


class ReportDateInFuture(FieldError):
    """A report dated after today (in Thailand): progress is told of what has happened."""

    message_key = "progress_error_future_date"
    field_message_key = "progress_error_future_date"


class InvalidWeight(FieldError):
    """A commitment's weight below zero or above `limit`."""

    message_key = "progress_error_weight"
    field_message_key = "progress_error_weight"
