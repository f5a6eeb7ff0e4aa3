"""The records the extractors produce: one dataclass per kind of span.

Field names follow ANNOTATION.md, so the JSON output, the gold files and the code
speak one vocabulary. Every record has `start`/`end` into the analysed text and
`text == analysed_text[start:end]`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields

KINDS = ("target", "achievement", "reference", "identifier", "formulation", "criterion", "other")
ROLES = ("lead", "partner", "urged", "beneficiary")


@dataclass
class Record:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        """Plain JSON-ready values (faster than dataclasses.asdict's deep copy); a scalar,
        most fields, is taken as it is without the generic walk."""
        values = self.__dict__
        return {name: value if (value := values[name]).__class__ in _SCALARS else _plain(value)
                for name in _field_names(type(self))}

    @classmethod
    def from_dict(cls, data: dict):
        """The record `to_dict` was made from (unknown keys are ignored)."""
        return cls(**{k: _lists(data[k]) for k in _field_names(cls) if k in data})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names, looked up once per class rather than per record."""
    return tuple(f.name for f in fields(cls))


def _lists(value):
    """Tuples back to lists (msgpack, as DocBin reads it, gives tuples for arrays)."""
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


_SCALARS = frozenset((str, int, float, bool, type(None)))


def _plain(value):
    """A copy of a value as JSON-ready data; scalars inside lists and dicts (a task's actor
    dicts, a formulation's members) are taken as they are, without a call each."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, list):
        return [v if v.__class__ in _SCALARS else _plain(v) for v in value]
    if isinstance(value, dict):
        return {k: v if v.__class__ in _SCALARS else _plain(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


@dataclass
class Quantity(Record):
    """One numeric expression: 近30家, 3万平方米, 5%左右, 2-3年, “十四五”."""

    value: float | int | None = None
    unit: str | None = None
    qualifier: str = "exact"
    low: float | int | None = None
    high: float | int | None = None
    kind: str = "other"
    confidence: float | None = None
    node: str | None = None  # id of the deepest outline node containing it
    sentence: str | None = None  # id of its sentence
    id: str = ""
    members: list[str] = field(default_factory=list)  # formulations: 园区、校区、…
    frequency: str | None = None  # a duty's frequency: per_month, per_half_month, once …


@dataclass
class Stage:
    """One step of a staged plan: 一年试点 → 三年扩容至10个小区 → 五年全面覆盖."""

    horizon: str
    action: str
    start: int
    end: int
    text: str
    quantity: str | None = None


@dataclass
class Commitment(Record):
    """A target as a commitment: what is to be done, how much, by when."""

    id: str = ""
    quantity: str = ""  # id of the target quantity
    value: float | int | None = None
    unit: str | None = None
    qualifier: str = "exact"
    object: str | None = None
    object_start: int | None = None
    object_end: int | None = None
    action: str | None = None
    action_start: int | None = None
    action_end: int | None = None
    horizon: str | None = None
    horizon_start: int | None = None
    horizon_end: int | None = None
    stages: list[Stage] = field(default_factory=list)
    node: str | None = None
    sentence: str | None = None
    frequency: str | None = None  # the quantity's frequency (每月开展不少于一次: per_month)

    @classmethod
    def from_dict(cls, data: dict) -> Commitment:
        rec = super().from_dict(data)
        rec.stages = [s if isinstance(s, Stage) else Stage(**s) for s in rec.stages]
        return rec


@dataclass
class ActorMention(Record):
    """An actor named in the text, with its role.

    The issuer as a task's default lead has no span: it is a task actor dict with
    "implicit": True, never a mention.
    """

    name: str = ""  # canonical name of the actor this mention refers to
    role: str = "lead"
    node: str | None = None
    sentence: str | None = None


@dataclass
class ProgramMention(Record):
    """A mention of a programme: “美丽街区”, 《…》, 网格化党建, 河长制."""

    name: str = ""
    kind: str = "project"
    node: str | None = None
    sentence: str | None = None
    quoted: bool = False  # written in quotes or 《》
    formulation: bool = False  # a numbered slogan (“十四五”, “三个吴淞”), kept but marked


@dataclass
class Deadline(Record):
    """A task's time limit (时限) as written: 6月底前, 2021年12月20日前, 每季度, 长期.

    `kind` is date, period, relative, frequency or standing; `resolved` is how the task
    table spells it out (6月底前 in a 2021 plan → 2021年6月底前), None where the year is
    not clear (a multi-year plan) or for a frequency.
    """

    kind: str = "date"
    resolved: str | None = None


@dataclass
class Task(Record):
    """A sentence or clause that asks for action."""

    id: str = ""
    goal: str | None = None  # outline node id
    sentence: str | None = None
    actors: list[dict] = field(default_factory=list)  # {"name", "role"}
    programs: list[str] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    deadline: Deadline | None = None

    @classmethod
    def from_dict(cls, data: dict) -> Task:
        rec = super().from_dict(data)
        if isinstance(rec.deadline, dict):
            rec.deadline = Deadline.from_dict(rec.deadline)
        return rec


# record classes by name, for records stored as plain data (pipeline.records_of)
RECORD_TYPES: dict[str, type[Record]] = {
    c.__name__: c for c in (Record, Quantity, Commitment, ActorMention, ProgramMention, Deadline,
                            Task)}
