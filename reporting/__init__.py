"""Reports as files: the layouts of what ``graph`` computes, for people to read.

Chefgruppen's quarterly overview (``quarterly_xlsx``, ``quarterly_html``), review calendars as
iCalendar (``ical``), and the gap, handover and risk reports. The data comes from ``graph``;
these modules only lay it out. Texts that a spreadsheet would read as a formula stay text.
"""
