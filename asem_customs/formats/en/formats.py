"""English date formats of the site, the admin included: one way per kind of date
(meetings.templatetags.meeting_tags uses the same)."""

DATE_FORMAT = "j F Y"              # 14 February 2027
DATETIME_FORMAT = "j F Y, H:i"     # 14 February 2027, 09:30
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"           # 30 September (the first day of a range)
