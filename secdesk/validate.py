"""Field rules, written once and used by the editors, the importers and the services.

Each rule is a pure function: it takes what a person typed (or a spreadsheet cell held) and
returns the normalised value to store, or raises ValidationError naming the field and saying
what is wrong in plain words. The ``field`` argument lets a caller name the field as its
person knows it ("Invoice postcode", "Range start"). Display helpers (``format_*``) turn a
stored value back into the form people read.
"""

from __future__ import annotations

import enum
import functools
import re
from datetime import date
from typing import Any, TypeVar

# The date and text rules live in their own modules; every field rule is reached here.
from secdesk.date_rules import parse_date as parse_date
from secdesk.errors import ValidationError
from secdesk.plain_text import plain as _text
from secdesk.plain_text import visible_text as visible_text

# phonenumbers, email_validator and stdnum are imported by the rules that use them: together
# they take 45 ms to load, which a screen that only lists records should not wait for.

E = TypeVar("E", bound=enum.Enum)

# Assumed formats (SPEC.md marks them so): one constant each, so a correction is one line.
GAS_IDENTIFIER_PATTERN = re.compile(r"[A-Z]{3}")
SIGNIFIER_PATTERN = re.compile(r"[A-Z0-9]{2,8}")
MPID_PATTERN = re.compile(r"[A-Z0-9]{4}")
NAME_MAX_LENGTH = 160

_SPACES = re.compile(r"\s+")
_COMPANY_NUMBER = re.compile(r"(?:(?P<prefix>[A-Z]{2})(?P<tail>\d{1,6})|(?P<digits>\d{1,8}))")
# UK postcode: outward code (area + district) then inward code (sector digit + unit), with
# the letters each position may hold (no Q, V, X first; no I, J, Z second; …).
_POSTCODE = re.compile(
    r"(?P<outward>[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?))"
    r"(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})"
)
_HEX = re.compile(r"[0-9A-F]{16}")


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if type(value) is str and value.isascii():
        return not value.strip()  # the common case, without building the visible text
    return _text(value) == ""


# Unicode's control (Cc), surrogate (Cs) and private-use (Co) characters, but for new line
# and tab: one pattern rather than a look-up a character (tests/test_validate.py checks it
# against unicodedata for every code point).
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
    "\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


def _no_control_characters(text: str, field: str) -> None:
    # Invisible characters pasted from other systems; spreadsheets cannot even hold them.
    bad = CONTROL_CHARACTERS.search(text)
    if bad is not None:
        code = ord(bad.group())
        raise ValidationError(field, f"contains an invisible control character (U+{code:04X})")


def required_text(value: Any, field: str, max_length: int = 255) -> str:
    """Non-empty text with runs of white space folded to one space."""
    text = _SPACES.sub(" ", _text(value))
    if not text:
        raise ValidationError(field, "is required")
    _no_control_characters(text, field)
    if len(text) > max_length:
        raise ValidationError(field, f"is {len(text)} characters long; at most {max_length}")
    return text


def optional_text(value: Any, field: str, max_length: int = 255) -> str | None:
    return None if is_blank(value) else required_text(value, field, max_length)


def multiline_text(value: Any, field: str, max_length: int = 2000) -> str | None:
    """Free text such as an address: each line trimmed, blank lines dropped."""
    lines = [_SPACES.sub(" ", line).strip() for line in _text(value).splitlines()]
    text = "\n".join(line for line in lines if line)
    _no_control_characters(text, field)
    if len(text) > max_length:
        raise ValidationError(field, f"is {len(text)} characters long; at most {max_length}")
    return text or None


def party_name(value: Any, field: str = "Party name") -> str:
    return required_text(value, field, NAME_MAX_LENGTH)


def company_number(value: Any, field: str = "Company number") -> str:
    """Companies House number: 8 digits, or 2 letters and 6 digits (SC, NI, OC, …).

    Short numeric parts are zero-padded, as Companies House itself does ("SC12345" is
    SC012345). There is no check digit to verify.
    """
    text = re.sub(r"[\s-]", "", _text(value)).upper()
    match = _COMPANY_NUMBER.fullmatch(text)
    if not match:
        raise ValidationError(
            field,
            f"{_text(value)!r} is not a Companies House number "
            "(8 digits, or 2 letters such as SC, NI, OC followed by 6 digits)",
        )
    if match["digits"]:
        return match["digits"].zfill(8)
    return match["prefix"] + match["tail"].zfill(6)


def vat_number(value: Any, field: str = "VAT number") -> str:
    """GB VAT number, stored compact (``980780684``, ``980780684001``, ``GD100``).

    Accepts spaces, dots and a ``GB`` prefix; checks the mod-97 check digits.
    """
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.gb import vat as gb_vat

    text = _text(value)
    try:
        return str(gb_vat.validate(text))
    except StdnumError as exc:
        detail = {
            "InvalidChecksum": "its check digits are wrong (a digit is mistyped)",
            "InvalidLength": "it should have 9 digits (12 with a branch number)",
            "InvalidFormat": "it should be 9 digits (or 12), optionally after GB",
            "InvalidComponent": "it is not a number HMRC issues (9 digits, or 12 with a branch)",
        }.get(type(exc).__name__, "it is not a valid GB VAT number")
        raise ValidationError(field, f"{text!r} is not a GB VAT number: {detail}") from None


def format_vat_number(stored: str | None) -> str:
    """``980780684`` → ``GB 980 7806 84``."""
    if not stored:
        return ""
    from stdnum.gb import vat as gb_vat

    return f"GB {gb_vat.format(stored)}"


def postcode(value: Any, field: str = "Postcode") -> str:
    """UK postcode, upper case with one space before the inward code (``SW1A 1AA``)."""
    text = re.sub(r"\s", "", _text(value)).upper()
    if text == "GIR0AA":
        return "GIR 0AA"
    match = _POSTCODE.fullmatch(text)
    if not match:
        raise ValidationError(field, f"{_text(value)!r} is not a UK postcode (like SW1A 1AA)")
    return f"{match['outward']} {match['inward']}"


def mpid(value: Any, field: str = "MPID") -> str:
    text = _text(value).upper()
    if not MPID_PATTERN.fullmatch(text):
        raise ValidationError(field, f"{_text(value)!r} is not an MPID (4 letters or digits)")
    return text


def gas_identifier(value: Any, field: str = "Gas identifier") -> str:
    text = _text(value).upper()
    if not GAS_IDENTIFIER_PATTERN.fullmatch(text):
        raise ValidationError(field, f"{_text(value)!r} is not a gas identifier (3 letters)")
    return text


def signifier(value: Any, field: str = "Signifier") -> str:
    text = _text(value).upper()
    if not SIGNIFIER_PATTERN.fullmatch(text):
        raise ValidationError(
            field, f"{_text(value)!r} is not a signifier (2 to 8 letters or digits)"
        )
    return text


def eui64(value: Any, field: str = "EUI-64") -> str:
    """EUI-64 identifier, stored as 16 upper-case hex digits.

    Accepts ``90-B3-D5-1F-30-00-00-00``, ``90:b3:…``, ``90B3D51F30000000`` and lower case.
    Fixed width makes text order equal numeric order, so ranges compare in SQL.
    """
    text = re.sub(r"[\s:.-]", "", _text(value)).upper()
    if not _HEX.fullmatch(text):
        raise ValidationError(
            field,
            f"{_text(value)!r} is not an EUI-64 identifier "
            "(16 hex digits, like 90-B3-D5-1F-30-00-00-00)",
        )
    return text


def format_eui64(stored: str | None) -> str:
    """``90B3D51F30000000`` → ``90-B3-D5-1F-30-00-00-00``."""
    if not stored:
        return ""
    return "-".join(stored[i : i + 2] for i in range(0, 16, 2))


def eui64_range(start: Any, end: Any) -> tuple[str, str]:
    first = eui64(start, "Range start")
    last = eui64(end, "Range end")
    if first > last:
        raise ValidationError(
            "Range end",
            f"{format_eui64(last)} comes before the range start {format_eui64(first)}",
        )
    return first, last


def email(value: Any, field: str = "E-mail") -> str:
    from email_validator import EmailNotValidError

    text = _text(value)
    if not text:
        raise ValidationError(field, "is required")
    try:
        return _normalized_email(text)
    except EmailNotValidError as exc:
        raise ValidationError(field, f"{text!r} is not an e-mail address: {exc}") from None


@functools.lru_cache(maxsize=8192)  # an imported log names the same few hundred people
def _normalized_email(text: str) -> str:
    from email_validator import validate_email

    return str(validate_email(text, check_deliverability=False).normalized)


def phone(value: Any, field: str = "Phone") -> str:
    """A UK or international phone number, stored in E.164 (``+442079460018``).

    Numbers without a country code are read as UK numbers.
    """
    text = _text(value)
    if not text:
        raise ValidationError(field, "is required")
    stored = _PHONES.get(text)
    if stored is not None:
        return stored
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            field, f"{text!r} is not a phone number (UK, or international with +country code)"
        )
    stored = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if len(_PHONES) > 50_000:
        _PHONES.clear()
    # Both forms: what the form or file said, and the stored form a service checks again.
    _PHONES[text] = _PHONES[stored] = stored
    return stored


# Numbers already read (parsing one takes phonenumbers half a millisecond).
_PHONES: dict[str, str] = {}


@functools.lru_cache(maxsize=8192)  # a published list formats the same numbers again
def format_phone(stored: str | None) -> str:
    """E.164 → the national form for UK numbers, international form otherwise."""
    if not stored:
        return ""
    import phonenumbers

    if stored.startswith("+44") and stored[3:].isdigit():
        # UK, as phone() stores it: no need to parse it again (a published contact list
        # formats thousands; parsing was two thirds of the time).
        number = phonenumbers.PhoneNumber(country_code=44, national_number=int(stored[3:]))
    else:
        number = phonenumbers.parse(stored, None)
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 44
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


# The largest whole number the store keeps in an integer column (both backends).
MAX_INTEGER = 2**31 - 1


def positive_integer(value: Any, field: str) -> int:
    text = _text(value)
    if not re.fullmatch(r"\d+", text) or int(text) <= 0:
        raise ValidationError(field, f"{text!r} is not a whole number greater than 0")
    if int(text) > MAX_INTEGER:
        raise ValidationError(field, f"{text} is too large (at most {MAX_INTEGER:,})")
    return int(text)


def whole_number(value: Any, field: str) -> int:
    """A count: 0 or more, written with or without thousands separators ("120,000")."""
    text = _text(value).replace(",", "").replace(" ", "")
    if not re.fullmatch(r"\d+", text):
        raise ValidationError(field, f"{_text(value)!r} is not a whole number")
    if int(text) > MAX_INTEGER:
        raise ValidationError(field, f"{text} is too large (at most {MAX_INTEGER:,})")
    return int(text)


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def optional(rule: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
    """Apply ``rule`` unless the value is blank, which becomes None."""
    return None if is_blank(value) else rule(value, *args, **kwargs)


def choice(value: Any, options: type[E], field: str) -> E:
    """One of a fixed vocabulary (an enum), by its value or name, in any case."""
    if isinstance(value, options):
        return value
    text = _SPACES.sub(" ", _text(value)).casefold()
    for member in options:
        if text in (str(member.value).casefold(), member.name.casefold().replace("_", " ")):
            return member
    allowed = ", ".join(str(m.value) for m in options)
    raise ValidationError(field, f"{_text(value)!r} is not one of: {allowed}")


_YES = {"y", "yes", "true", "1", "x"}
_NO = {"n", "no", "false", "0", ""}


def yes_no(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(field, f"{_text(value)!r} is not Y or N")
