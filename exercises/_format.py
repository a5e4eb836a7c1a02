"""Number formatting for the plain-words summaries (internal)."""

from __future__ import annotations

__all__ = ["percent", "amount"]


def percent(ratio: float, digits: int = 0) -> str:
    """Write a ratio as a percentage: ``percent(0.18) == '18%'``.

    >>> percent(0.18)
    '18%'
    >>> percent(1 / 3, 1)
    '33.3%'
    """
    text = f"{ratio * 100:,.{digits}f}"
    if text in ("-0", "-0.0", "-0.00"):
        text = text[1:]
    return text + "%"


def amount(x: float, digits: int = 1, *, grouping: bool = True) -> str:
    """Write a number without needless decimals: ``amount(410.0) == '410'``.

    >>> amount(410.0)
    '410'
    >>> amount(1234.56)
    '1,234.6'
    """
    text = f"{x:,.{digits}f}" if grouping else f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text
