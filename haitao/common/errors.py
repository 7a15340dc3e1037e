"""Domain errors with a machine-readable code; the API turns them into 4xx `{"error": {...}}` bodies."""


class DomainError(Exception):
    status = 400

    def __init__(self, code: str, message: str, field: str | None = None, **details):
        super().__init__(message)
        self.code, self.message, self.field, self.details = code, message, field, details

    def as_dict(self) -> dict:
        body = {"code": self.code, "message": self.message, "field": self.field}
        body.update(self.details)
        return body


class InvalidInput(DomainError):
    status = 422


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


class Unauthorized(DomainError):
    status = 401


class Throttled(DomainError):
    """Too many attempts: answered 429 with Retry-After (seconds)."""

    status = 429

    def __init__(self, code: str, message: str, retry_after: int, field: str | None = None):
        super().__init__(code, message, field, retry_after=retry_after)
        self.retry_after = retry_after
