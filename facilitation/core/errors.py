"""Domain errors. Each carries the catalogue key of the message a page shows."""

from collections.abc import Sequence

from facilitation.core.i18n import t


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


class TextEmpty(ForumError):
    message_key = "error_text_empty"


class TextTooLong(ForumError):
    message_key = "error_text_too_long"


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


class InvalidBudget(ForumError):
    message_key = "error_invalid_budget"


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
