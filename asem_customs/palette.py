"""The site's one palette: the colours of action-point statuses and of delegates' roles.

Web pages, the SVG tracker, the implementation report and the badges and lists of
participants all take their colours from here. The web side reads them as CSS custom
properties from `static/css/palette.css`, which is generated from this module:

    python -m asem_customs.palette > static/css/palette.css

(a test fails when the file and this module disagree). Every colour carries white text
with a contrast of at least 4.5:1, so a badge can be the same colour as its bar.
"""

# Keys are the stored values of meetings.enums.ActionPointStatus and delegates.enums.Role
# (plain strings, so this module imports no app).
STATUS_COLOURS = {
    "not_started": "#5c636a",
    "in_progress": "#0b5ed7",
    "completed": "#146c43",
    "carried_over": "#6f42c1",
    "dropped": "#b02a37",
}
UNKNOWN_STATUS_COLOUR = "#495057"

# Badge and list colours per role, chosen to stay distinct when printed in grey.
ROLE_COLOURS = {
    "head": "#9b1c31",
    "delegate": "#0b4f8a",
    "adviser": "#0e6b63",
    "observer": "#5f6368",
    "speaker": "#6a1b9a",
    "host": "#2e7d32",
    "secretariat": "#bf5700",
}


def rgb(colour):
    """'#0b5ed7' -> (11, 94, 215), for fpdf2."""
    value = colour.lstrip("#")
    return tuple(int(value[index:index + 2], 16) for index in (0, 2, 4))


def status_colour(status):
    return STATUS_COLOURS.get(status, UNKNOWN_STATUS_COLOUR)


def css():
    """The stylesheet of custom properties and the classes built on them."""
    lines = [
        "/* Generated from asem_customs/palette.py: python -m asem_customs.palette"
        " > static/css/palette.css */",
        ":root {",
        *(f"  --ac-status-{key.replace('_', '-')}: {value};"
          for key, value in STATUS_COLOURS.items()),
        *(f"  --ac-role-{key}: {value};" for key, value in ROLE_COLOURS.items()),
        "}",
        "/* The same colour for a status's badge, its bars in the tracker and its legend. */",
    ]
    for key in STATUS_COLOURS:
        prop = f"var(--ac-status-{key.replace('_', '-')})"
        lines += [
            f".badge-status.status-{key} {{ background-color: {prop}; color: #fff; }}",
            f".tracker-bar.status-{key}, .tracker-swatch.status-{key} {{ fill: {prop}; }}",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(css(), end="")
