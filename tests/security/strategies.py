"""Hostile input for forms and uploads: what a careless or malicious visitor may send."""

import unicodedata

from hypothesis import strategies as st

# Text a browser can send (no lone surrogates: those cannot be encoded as UTF-8 at all).
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)

PAYLOADS = [
    "",
    " ",
    "\x00",
    "Anna\x00Schmidt",
    "\x00" * 50,
    unicodedata.normalize("NFD", "Nguyễn Thị Minh Khai"),
    "e\u0301\u0301\u0301\u0301",  # stacked combining accents
    "\u202eevil\u202c",  # right-to-left override
    "محمد بن سلمان",
    "שלום עולם",
    "\u200f\u200e\u200b\ufeff",
    "😀👨‍👩‍👧‍👦",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "' OR '1'='1",
    "'; DROP TABLE delegates_registration; --",
    "Robert'); DELETE FROM auth_user; --",
    "%s%s%s%n",
    "../../../../etc/passwd",
    "=cmd|' /C calc'!A0",
    "\r\nSet-Cookie: x=y",
    "a" * 10_000,
    "ä" * 10_000,
    "字" * 10_000,
]

payload = st.sampled_from(PAYLOADS)
long_text = st.builds(lambda char, n: char * n,
                      st.characters(exclude_categories=("Cs",)),
                      st.integers(min_value=1, max_value=10_000))
hostile_text = st.one_of(payload, any_text, long_text)

BAD_EMAILS = [
    "not-an-email", "@example.org", "a@", "a@@example.org", "a b@example.org",
    "a@example..org", "\x00@example.org", "<script>@example.org", "a@exa mple.org",
    "x" * 300 + "@example.org", "a@" + "b" * 300 + ".org",
]
hostile_email = st.one_of(st.emails().map(str), st.sampled_from(BAD_EMAILS), hostile_text)

BAD_DATES = ["2019-02-30", "2019-13-01", "0000-00-00", "31/12/2019", "yesterday",
             "9999-99-99", "-1", "2019-1-1T25:00", "1e9"]
hostile_date = st.one_of(st.dates().map(lambda d: d.isoformat()), st.sampled_from(BAD_DATES),
                         hostile_text)
hostile_choice = st.one_of(st.sampled_from(["", "0", "-1", "999999", "head", "secretariat",
                                            "host"]), hostile_text)
hostile_flag = st.sampled_from(["", "on", "off", "true", "false", "1", "0", "\x00"])
