"""English date formats that differ from Django's: times on the 24-hour clock, and the short format with
the month's name, because operators abroad read 12/05/2026 either way round."""

DATETIME_FORMAT = "N j, Y, G:i"
SHORT_DATETIME_FORMAT = "N j, Y, G:i"
