"""Each field rule on real-world input: what it accepts (and how it normalises) and what it
refuses (with a message naming the field)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from secdesk import validate as v
from secdesk.domain import LicenceType, PartyCategory
from secdesk.errors import ValidationError


def refused(rule, value, *args):
    with pytest.raises(ValidationError) as caught:
        rule(value, *args)
    return caught.value


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("GB 980 7806 84", "980780684"),
        ("980780684", "980780684"),
        ("gb980780684", "980780684"),
        ("GB980 7806 84", "980780684"),
        ("980.7806.84", "980780684"),
        ("GB 980 7806 84 001", "980780684001"),  # branch number
        ("GD100", "GD100"),  # government department
        ("HA500", "HA500"),  # health authority
    ],
)
def test_vat_number_accepted_and_compacted(raw, stored):
    assert v.vat_number(raw) == stored


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("GB 980 7806 85", "check digits"),
        ("12345", "9 digits"),
        ("GB98078068A", ""),
        ("GD600", ""),  # GD numbers stop at 499
        ("", ""),
    ],
)
def test_vat_number_refused_with_the_field_named(raw, why):
    error = refused(v.vat_number, raw)
    assert error.field == "VAT number"
    assert why in error.message


def test_vat_number_display_form():
    assert v.format_vat_number("980780684") == "GB 980 7806 84"
    assert v.format_vat_number(None) == ""


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("01234567", "01234567"),
        ("1234567", "01234567"),  # zero-padded, as Companies House does
        ("1234", "00001234"),
        ("SC123456", "SC123456"),
        ("sc12345", "SC012345"),
        ("NI 012345", "NI012345"),
        ("OC301234", "OC301234"),
        (" 0123-4567 ", "01234567"),
        (1234567.0, "01234567"),  # a number cell from Excel
    ],
)
def test_company_number_accepted(raw, stored):
    assert v.company_number(raw) == stored


@pytest.mark.parametrize("raw", ["123456789", "S1234567", "SC1234567", "ABC12345", "", "12AB3456"])
def test_company_number_refused(raw):
    assert refused(v.company_number, raw).field == "Company number"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        (" ec2a  4ny ", "EC2A 4NY"),
        ("M1 1AE", "M1 1AE"),
        ("B338TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("gir0aa", "GIR 0AA"),
        ("BT1 5GS", "BT1 5GS"),
    ],
)
def test_postcode_normalised(raw, stored):
    assert v.postcode(raw) == stored


@pytest.mark.parametrize("raw", ["SW1A", "1AA SW1", "SW1A 1AAA", "Q1 1AA", "SW1A 1CA", ""])
def test_postcode_refused(raw):
    error = refused(v.postcode, raw, "Invoice postcode")
    assert error.field == "Invoice postcode"


def test_mpid_and_gas_identifier():
    assert v.mpid(" abcd ") == "ABCD"
    assert v.mpid("A1B2") == "A1B2"
    for bad in ("ABC", "ABCDE", "AB-D", ""):
        assert refused(v.mpid, bad).field == "MPID"
    assert v.gas_identifier("bgt") == "BGT"
    for bad in ("BG", "BGTX", "B1T"):
        assert refused(v.gas_identifier, bad).field == "Gas identifier"


@pytest.mark.parametrize(
    "raw",
    ["90-B3-D5-1F-30-00-00-00", "90B3D51F30000000", "90b3d51f30000000", "90:b3:d5:1f:30:00:00:00"],
)
def test_eui64_accepts_the_usual_spellings(raw):
    assert v.eui64(raw) == "90B3D51F30000000"
    assert v.format_eui64(v.eui64(raw)) == "90-B3-D5-1F-30-00-00-00"


@pytest.mark.parametrize(
    "raw", ["90-B3-D5-1F-30-00-00", "90B3D51F3000000G", "90B3D51F300000000", ""]
)
def test_eui64_refused(raw):
    assert refused(v.eui64, raw, "Range start").field == "Range start"


def test_eui64_range_must_be_ordered():
    assert v.eui64_range("0000000000000001", "00-00-00-00-00-00-00-01") == (
        "0000000000000001",
        "0000000000000001",
    )
    error = refused(v.eui64_range, "0000000000000002", "0000000000000001")
    assert error.field == "Range end"
    assert "before the range start" in error.message


def test_email():
    assert v.email("Jo.Bloggs@Example.COM") == "Jo.Bloggs@example.com"
    assert v.email(" ops@party.example.co.uk ") == "ops@party.example.co.uk"
    for bad in ("jo.bloggs", "jo@", "@example.com", "jo bloggs@example.com", "jo@@example.com"):
        assert refused(v.email, bad, "Notices e-mail").field == "Notices e-mail"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("020 7946 0018", "+442079460018"),
        ("(020) 7946-0018", "+442079460018"),
        ("+44 (0)20 7946 0018", "+442079460018"),
        ("0044 20 7946 0018", "+442079460018"),
        ("07911 123456", "+447911123456"),
        ("+353 1 234 5678", "+35312345678"),  # Dublin
    ],
)
def test_phone_to_e164(raw, stored):
    assert v.phone(raw) == stored


@pytest.mark.parametrize("raw", ["12345", "020 7946 001", "phone me", "+44 20 7946 00188", ""])
def test_phone_refused(raw):
    assert refused(v.phone, raw, "Office phone").field == "Office phone"


def test_phone_display_form():
    assert v.format_phone("+442079460018") == "020 7946 0018"
    assert v.format_phone("+35312345678") == "+353 1 234 5678"


@pytest.mark.parametrize(
    "stored",
    [
        "+442079460018",
        "+441632960123",
        "+447700900123",
        "+448001111",
        "+443001234567",
        "+441134960000",
        "+442890123456",
        "+441481712345",
        "+441534123456",
    ],
)
def test_uk_display_form_is_what_parsing_the_number_gives(stored):
    """UK numbers skip the parse; they must read exactly as the parsed number would."""
    import phonenumbers

    parsed = phonenumbers.parse(stored, None)
    expected = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    assert v.format_phone(stored) == expected


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("01/02/2020", date(2020, 2, 1)),
        ("2020-02-01", date(2020, 2, 1)),
        (date(2020, 2, 1), date(2020, 2, 1)),
        (datetime(2020, 2, 1, 13, 5), date(2020, 2, 1)),
        (43862, date(2020, 2, 1)),  # Excel serial number
        ("43862", date(2020, 2, 1)),
    ],
)
def test_parse_date(raw, day):
    assert v.parse_date(raw) == day


@pytest.mark.parametrize("raw", ["31/02/2020", "2020/13/01", "soon", ""])
def test_parse_date_refused(raw):
    assert refused(v.parse_date, raw, "Accession date").field == "Accession date"


def test_choice_by_value_or_name_in_any_case():
    assert (
        v.choice("large supplier", PartyCategory, "Party category") is PartyCategory.LARGE_SUPPLIER
    )
    assert v.choice("OTHER", PartyCategory, "Party category") is PartyCategory.OTHER
    assert v.choice("gas  supply", LicenceType, "Licence") is LicenceType.GAS_SUPPLY
    error = refused(v.choice, "Big Supplier", PartyCategory, "Party category")
    assert "Large Supplier" in error.message


def test_text_rules_fold_space_and_limit_length():
    assert v.party_name("  Acme   Energy\tLtd ") == "Acme Energy Ltd"
    assert refused(v.party_name, "   ").message == "is required"
    assert "at most 160" in refused(v.party_name, "x" * 161).message
    assert v.multiline_text(" 1 High St \n\n  Leeds ", "Address") == "1 High St\nLeeds"


def test_yes_no():
    assert v.yes_no("Y", "24x7") is True
    assert v.yes_no("no", "24x7") is False
    assert refused(v.yes_no, "maybe", "24x7").field == "24x7"


def test_the_control_character_pattern_is_unicodes_own_categories():
    """validate.CONTROL_CHARACTERS matches exactly the Cc, Cs and Co code points but for
    new line and tab, as a look-up of every character would."""
    import sys
    import unicodedata

    from secdesk.validate import CONTROL_CHARACTERS

    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        expected = unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\t"
        assert bool(CONTROL_CHARACTERS.match(ch)) is expected, hex(code)
