"""Domain errors. Each carries the catalogue key of the message a page shows."""


class ForumError(Exception):
    """Base class; `message_key` names the translated message in assets/strings.toml."""

    message_key = "error_generic"

    def __init__(self, **details: object) -> None:
        super().__init__(self.message_key)
        self.details = details


class ForumNotFound(ForumError):
    message_key = "error_forum_not_found"


class ForumClosed(ForumError):
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


class CannotMerge(ForumError):
    message_key = "error_cannot_merge"


class CannotTie(ForumError):
    message_key = "error_cannot_tie"
