"""Numbers as Chinese reports write them: Arabic with 万/亿, Chinese numerals, 百分之….

Pure functions over already-normalised text (half-width digits). Values are ``Decimal`` so
that 241.97亿 stays exact.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Arabic digits with optional thousands separators and decimals: 1,234.5
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
# Chinese numerals as counts are written (三千, 二十五, 两); 万/亿 are handled as multipliers.
CN_DIGITS = "零〇一二两三四五六七八九十百千"
CHINESE = rf"[{CN_DIGITS}]+"

MULTIPLIERS = {"千": Decimal(1000), "万": Decimal(10_000), "亿": Decimal(100_000_000)}

_PERCENT_WORDS = re.compile(rf"^百分之({ARABIC}|[{CN_DIGITS}点]+)$")


def parse_number(text: str) -> Decimal:
    """A number as written, without unit, in base units.

    >>> parse_number("1.39万"), parse_number("三千"), parse_number("两"), parse_number("2,022")
    (Decimal('13900'), Decimal('3000'), Decimal('2'), Decimal('2022'))

    Raises ``ValueError`` for text that is not a number.
    """
    text = text.strip()
    if not text:
        raise ValueError("empty number")
    percent = _PERCENT_WORDS.match(text)
    if percent:
        return parse_number(percent.group(1))
    factor = Decimal(1)
    # Trailing multipliers multiply: 1.39万 → 1.39 × 10⁴; 1万亿 → 10¹².
    while text and text[-1] in "万亿" and len(text) > 1:
        factor *= MULTIPLIERS[text[-1]]
        text = text[:-1]
    if re.fullmatch(ARABIC, text):
        try:
            return _exact(Decimal(text.replace(",", "")) * factor)
        except InvalidOperation as exc:  # pragma: no cover - the regex rules this out
            raise ValueError(text) from exc
    if re.fullmatch(rf"[{CN_DIGITS}点]+", text):
        return _exact(chinese_numeral(text) * factor)
    raise ValueError(f"not a number: {text!r}")


def chinese_numeral(text: str) -> Decimal:
    """A Chinese numeral's value, the one cn2an wrapper of the parser:
    ``"三千"`` → 3000, ``"两"`` → 2, ``"千"`` (as in 近千起) → 1000, ``"二〇二五"`` → 2025.

    cn2an refuses a numeral that opens with 百 or 千 (近千起, 百余人: "a thousand", "a
    hundred") and a bare 两; both are read as the genre means them. Raises ``ValueError``
    for anything else cn2an cannot read, never another exception.
    """
    import cn2an  # imported here: it costs a quarter of a second and most texts need none

    if not text:
        raise ValueError("empty Chinese numeral")
    if text == "两":
        return Decimal(2)
    if text[0] in "十百千":
        text = "一" + text
    try:
        value = cn2an.cn2an(text.replace("两", "二"), "smart")
    except Exception as exc:  # cn2an raises ValueError, KeyError, IndexError …
        raise ValueError(f"not a Chinese numeral: {text!r}") from exc
    return Decimal(str(value))


# No report states a figure of 10²⁰ (the whole country's economy is about 10¹⁴ 元), and the
# database keeps 20 digits before the point: anything larger is a digit run, not a figure.
LARGEST = Decimal(10) ** 20


def _exact(value: Decimal) -> Decimal:
    """Drop a meaningless exponent or trailing zeros: 13900.00 → 13900, 27.740 → 27.74.

    Raises ``ValueError`` for a value of 10²⁰ or more (``LARGEST``)."""
    if not value.is_finite() or abs(value) >= LARGEST:
        raise ValueError(f"too large to be a figure: {value}")
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def scale(number: str, multiplier: str = "") -> Decimal:
    """The value of ``number`` times a written multiplier (万, 亿, 千 or "").

    >>> scale("241.97", "亿"), scale("2", "万")
    (Decimal('24197000000'), Decimal('20000'))
    """
    value = parse_number(number)
    for char in multiplier:
        value *= MULTIPLIERS[char]
    return _exact(value)


def as_decimal(value) -> Decimal | None:
    """A stored or labelled number as a Decimal, or None for none or nonsense:
    ``"13900.0000"`` → 13900.0000, ``None``/``""``/``"abc"`` → None."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
