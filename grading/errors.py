"""The grading room's one base exception."""


class GradingError(Exception):
    """Something a facilitator, author or admin can fix; the message says what to do."""
