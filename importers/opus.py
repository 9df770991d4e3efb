"""Read a KMD OPUS XML dump (``ZLPE<yyyymmddHHMMSS>_delta.xml``, root ``<kmd>``).

The file is parsed as a stream with defusedxml; each ``<orgUnit>`` and ``<employee>`` keeps
the line it starts on, so every problem points at its element. The ``<cpr>`` element is
never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.common import (
    MAX_CELL_CHARS,
    guarded,
    is_cpr_header,
    parse_bool,
    parse_date,
    source_error,
    text,
    value_too_large,
)
from importers.hr import HrData
from importers.hr_records import HrLink, HrPerson, HrUnit
from importers.textfiles import unreadable_file

_SNAPSHOT = re.compile(r"ZLPE(\d{8})(\d{6})?", re.IGNORECASE)


@dataclass(slots=True)
class OpusElement:
    """One ``<orgUnit>`` or ``<employee>`` with its attributes and child texts."""

    tag: str
    attrs: dict[str, str]
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def location(self, child: str | None = None, *, attribute: str | None = None) -> str:
        """Return e.g. ``"<employee id='12'> <leaveDate>, line 40"`` (or ``attribute 'id'``)."""
        shown = "id" in self.attrs and len(self.attrs["id"]) <= MAX_CELL_CHARS
        ident = f" id='{self.attrs['id']}'" if shown else ""
        where = f"<{self.tag}{ident}>"
        if attribute is not None:
            return f"{where} attribute '{attribute}', line {self.line}"
        if child is None or child not in self.lines:
            return f"{where}, line {self.line}"
        return f"{where} <{child}>, line {self.lines.get(child, self.line)}"

    def get(self, child: str) -> str | None:
        """Return a child element's text, or None when absent or empty."""
        return text(self.fields.get(child))


class _Collector:
    """Parser target that keeps the second-level elements and their children's text.

    An attribute or child text longer than an Excel cell is refused; such a text is counted
    to its end tag, not kept.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.root: str | None = None
        self.root_line = 1
        self.elements: list[OpusElement] = []
        self.line = lambda: 0
        self._depth = 0
        self._current: OpusElement | None = None
        self._child: str | None = None
        self._text: list[str] = []
        self._size = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self._depth += 1
        if self._depth == 1:
            self.root, self.root_line = tag, self.line()
        elif self._depth == 2:
            self._current = OpusElement(tag, dict(attrs), self.line())
            self._check_attributes(self._current)
        elif self._depth == 3 and self._current is not None and not is_cpr_header(tag):
            self._child, self._text, self._size = tag, [], 0
            self._current.lines[tag] = self.line()

    def data(self, data: str) -> None:
        if self._child is not None:
            self._size += len(data)
            if self._size <= MAX_CELL_CHARS:  # beyond, only counted: it will be refused
                self._text.append(data)

    def end(self, tag: str) -> None:
        if self._depth == 3 and self._current is not None and self._child is not None:
            if self._size > MAX_CELL_CHARS:
                where = self._current.location(self._child)
                raise value_too_large(self.file, where, size=self._size)
            self._current.fields[self._child] = "".join(self._text)
            self._child = None
        elif self._depth == 2 and self._current is not None:
            self.elements.append(self._current)
            self._current = None
        self._depth -= 1

    def close(self) -> None:
        return None

    def _check_attributes(self, element: OpusElement) -> None:
        for name, value in element.attrs.items():
            if len(value) > MAX_CELL_CHARS:
                where = element.location(attribute=name)
                raise value_too_large(self.file, where, size=len(value))


def snapshot_from_name(name: str) -> date | None:
    """Return the date in a ``ZLPE<yyyymmddHHMMSS>`` file name, if there is one."""
    if (m := _SNAPSHOT.search(name)) is None:
        return None
    try:
        return parse_date(m[1])
    except ValueError:
        return None


def parse_opus(path: Path) -> list[OpusElement]:
    """Parse the file's ``<orgUnit>`` and ``<employee>`` elements; raise SourceError if unusable."""
    collector = _Collector(path.name)
    parser = DefusedXMLParser(target=collector)
    collector.line = lambda: int(parser.parser.CurrentLineNumber)
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                parser.feed(chunk)
        parser.close()
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise source_error(
            path.name,
            "malformed-xml",
            f"line {line}",
            f"The XML is not well-formed: {exc}.",
            "The file is damaged or cut short; fetch it again from OPUS.",
        ) from exc
    except DefusedXmlException as exc:
        raise source_error(
            path.name,
            "unsafe-xml",
            "whole file",
            f"The XML uses a construct that is refused for safety: {exc}.",
            "OPUS files hold no DTD or entities; check where this file came from.",
        ) from exc
    except OSError as exc:
        raise unreadable_file(path, exc) from exc
    if collector.root != "kmd":
        raise source_error(
            path.name,
            "missing-element",
            f"<{collector.root}>, line {collector.root_line}",
            f"The root element is <{collector.root}>, not <kmd>.",
            "This is not a KMD OPUS file; give the right file or another --format.",
        )
    return collector.elements


@guarded
def read_opus(path: Path, options: ImportOptions) -> ImportBatch:
    """Read a KMD OPUS XML file into Person and OrgUnit records."""
    data = HrData(path.name)
    leavers: list[OpusElement] = []
    for element in parse_opus(path):
        if element.tag not in _READ or not _required(data, element, "id", attribute=True):
            continue  # other elements are not ours to read
        if element.attrs.get("action") == "leave":
            if element.tag == "employee":
                leavers.append(element)
            continue  # a unit that has left is simply absent: the writer ends it
        _READ[element.tag](data, element)
    snapshot = snapshot_from_name(path.name) or options.today
    for leaver in leavers:
        _apply_leave(data, leaver, snapshot)
    return data.to_batch(source="opus", path=path, snapshot_date=snapshot, options=options)


def _read_unit(data: HrData, element: OpusElement) -> None:
    name = element.get("longName") or element.get("shortName")
    if name is None:
        _missing(data, element, "longName")
        return
    data.add_unit(
        HrUnit(
            key=element.attrs["id"],
            name=name,
            location=element.location(),
            parent=element.get("parentOrgUnit"),
            unit_id=element.attrs["id"],
            short_name=element.get("shortName"),
            cost_center=element.get("costCenter"),
            unit_type=element.get("orgTypeTxt"),
            valid_from=_date(data, element, "startDate"),
            valid_to=_date(data, element, "endDate"),
        )
    )


def _read_employee(data: HrData, element: OpusElement) -> None:
    if not _required(data, element, "orgUnit"):
        return
    key = element.attrs["id"]
    unit = element.get("orgUnit") or ""
    valid_from, valid_to = _date(data, element, "entryDate"), _date(data, element, "leaveDate")
    is_manager = _bool(data, element, "isManager")
    person = HrPerson(
        key=key,
        location=element.location(),
        first_name=element.get("firstName"),
        last_name=element.get("lastName"),
        email=element.get("email"),
        user_id=element.get("userId"),
        position=element.get("position"),
        is_manager=is_manager,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    if not data.add_person(person):
        return
    link = HrLink(
        key,
        unit,
        element.location("orgUnit"),
        position=person.position,
        engagement_key=key,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    data.memberships.append(link)
    if is_manager:
        data.managements.append(
            HrLink(key, unit, element.location("orgUnit"), valid_from=valid_from, valid_to=valid_to)
        )


_READ = {"orgUnit": _read_unit, "employee": _read_employee}


def _apply_leave(data: HrData, element: OpusElement, snapshot: date) -> None:
    key = element.attrs.get("id")
    person = data.people.get(key or "")
    if person is None:
        data.problems.warning(
            "unknown-leaver",
            element.location(),
            f"The file marks '{key}' as having left, but has no such employee.",
            "Nothing to end: the person is not in this file. Check the id if that is wrong.",
        )
        return
    if person.valid_to is None or person.valid_to > snapshot:
        person.valid_to = snapshot
        for link in (*data.memberships, *data.managements):
            if link.person == key:
                link.valid_to = snapshot


def _required(data: HrData, element: OpusElement, name: str, *, attribute: bool = False) -> bool:
    value = element.attrs.get(name) if attribute else element.get(name)
    if text(value) is not None:
        return True
    if attribute:
        data.problems.error(
            "missing-attribute",
            element.location(),
            f"<{element.tag}> has no '{name}' attribute.",
            f"Every <{element.tag}> needs its {name}; fix the export or the element.",
        )
    else:
        _missing(data, element, name)
    return False


def _missing(data: HrData, element: OpusElement, child: str) -> None:
    data.problems.error(
        "missing-element",
        element.location(child),
        f"<{element.tag}> lacks <{child}> (or it is empty).",
        f"Give every <{element.tag}> a <{child}>; fix the export or the element.",
    )


def _date(data: HrData, element: OpusElement, child: str) -> date | None:
    try:
        return parse_date(element.get(child))
    except ValueError as exc:
        data.problems.error(
            "bad-date",
            element.location(child),
            f"<{child}> cannot be read as a date: {exc}.",
            "Write the date as yyyy-mm-dd (9999-12-31 for open).",
        )
        return None


def _bool(data: HrData, element: OpusElement, child: str) -> bool | None:
    raw: Any = element.get(child)
    try:
        return parse_bool(raw)
    except ValueError as exc:
        data.problems.warning(
            "bad-boolean",
            element.location(child),
            f"<{child}> is not true or false: {exc}; it is read as false.",
            f"Write <{child}>true</{child}> or <{child}>false</{child}>.",
        )
        return False
