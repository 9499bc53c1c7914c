"""The language of a person's name, from the script it is written in, so that a page can say
it (`lang`): screen readers then read a Thai or Khmer name with a Thai or Khmer voice, and
browsers choose Japanese, Chinese or Korean glyph forms for Han characters (WCAG 3.1.2).

Where a script is shared by several languages (Han, Cyrillic), the member the person comes
from decides; where nothing decides, no language is claimed.
"""

# (first code point, last code point, script), the Unicode blocks of the scripts met here.
SCRIPT_RANGES = [
    (0x0400, 0x052F, "Cyrillic"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x1000, 0x109F, "Myanmar"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1780, 0x17FF, "Khmer"),
    (0x19E0, 0x19FF, "Khmer"),
    (0x3040, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hangul"),
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xA960, 0xA97F, "Hangul"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFF66, 0xFF9F, "Kana"),
    (0x20000, 0x3134F, "Han"),
]

# A script one language writes.
SCRIPT_LANGUAGES = {"Thai": "th", "Lao": "lo", "Khmer": "km", "Myanmar": "my", "Hangul": "ko",
                    "Kana": "ja", "Bengali": "bn", "Tamil": "ta"}

# A shared script: the language of the member's people who write it.
MEMBER_LANGUAGES = {
    "Han": {"CN": "zh", "SG": "zh", "JP": "ja", "KR": "ko"},
    "Cyrillic": {"MN": "mn", "RU": "ru", "KZ": "kk", "BG": "bg"},
}


def _script(character):
    point = ord(character)
    for first, last, script in SCRIPT_RANGES:
        if first <= point <= last:
            return script
    return None


def name_language(name, member_code=""):
    """The BCP 47 language of `name` from its script ('th', 'ja', …), or '' when its script
    says nothing (Latin letters) or is shared and the member does not decide."""
    scripts = {_script(character) for character in name or ""} - {None}
    # Japanese names mix kana with Han; Korean ones may mix Hanja with Hangul.
    for script in ("Kana", "Hangul", *sorted(scripts)):
        if script in scripts:
            if script in SCRIPT_LANGUAGES:
                return SCRIPT_LANGUAGES[script]
            language = MEMBER_LANGUAGES[script].get((member_code or "").upper())
            if language:
                return language
    return ""
