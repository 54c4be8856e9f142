"""Japanese date formats that differ from Django's: a space between the date and the time, and the short
format with the same separators as the long one."""

DATETIME_FORMAT = "Y年n月j日 G:i"
SHORT_DATETIME_FORMAT = "Y年n月j日 G:i"
