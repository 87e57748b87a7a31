"""Bad input as data: a code the page or CLI can put into words, the field at fault, and values."""
from __future__ import annotations


class CalculatorError(ValueError):
    """Raised for input the calculator cannot answer. `code` keys a message in data/messages.toml."""

    def __init__(self, code: str, field: str | None = None, **params):
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params
