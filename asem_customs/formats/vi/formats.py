"""Vietnamese date formats of the site: "16 tháng 10 năm 2017", so that a range reads
"16–17 tháng 10 năm 2017" (meetings.templatetags.meeting_tags.date_range). What is not here
(numbers: 1.234,5) is Django's own."""

DATE_FORMAT = r"j \t\há\n\g n \nă\m Y"            # 16 tháng 10 năm 2017
DATETIME_FORMAT = r"j \t\há\n\g n \nă\m Y, H:i"   # 16 tháng 10 năm 2017, 09:30
MONTH_DAY_FORMAT = r"j \t\há\n\g n"               # 30 tháng 9
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y, H:i"
TIME_FORMAT = "H:i"
