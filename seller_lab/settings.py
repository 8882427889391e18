"""Typed, frozen settings: each step reads its thresholds from one small object built from
the validated params, never from ``params.get("key", <number>)`` fallbacks.

``params/defaults.yaml`` stays the single source of every number (and the schema that
:func:`seller_lab.params.load_params` validates against). A settings class names the params
section it reads (``SECTION``) and declares one typed field per key it uses, with no default
value: :meth:`Settings.from_params` takes every field from the params, converts it to the
declared type and raises :class:`seller_lab.errors.ParamsError` naming the dotted key when
one is missing or has the wrong type. The objects are frozen, so a section of a report can
not change a threshold behind another's back.

Examples
--------
>>> from seller_lab.params import load_params
>>> s = CompetitionSettings.from_params(load_params("kitchen-organizer-de"))
>>> s.review_count_min, s.review_count_max, s.rating_min, s.rating_max
(100, 500, 4.0, 4.5)
>>> CompetitionSettings.from_params({"competition": {"review_count_min": 100}})
Traceback (most recent call last):
...
seller_lab.errors.ParamsError: params, key 'competition.review_count_max': missing. Fix: add it (see params/defaults.yaml)
"""

from __future__ import annotations

import functools
import typing
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar

from .errors import ParamsError
from .i18n import report_language

__all__ = [
    "AftersalesSettings", "CategorySettings", "CompetitionSettings", "ComplianceSettings",
    "FulfilmentSettings", "PilotPlanSettings", "ReportSettings", "ResearchPageSettings", "ResearchSettings",
    "ReviewTargets", "Settings", "SettingsGroup", "check_sections", "every_section", "StockPlanSettings", "TrendsDisplaySettings", "key_field",
    "research_settings",
]

_COST_ESTIMATES = ("low", "mid", "high")


def _convert(value: Any, kind: Any, key: str) -> Any:
    """``value`` as the declared field type (int, float, str, bool, tuple, dict). A key left
    empty in YAML (null) is the empty text, list or mapping; a number or a yes/no has no
    empty value and must be written."""
    origin = typing.get_origin(kind) or kind
    if value is None and origin in (str, tuple, dict):
        return origin()
    ok = True
    if origin is bool:
        ok = isinstance(value, bool)
    elif origin is int:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer()
        value = int(value) if ok else value
    elif origin is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif origin is str:
        ok = isinstance(value, str)
    elif origin is tuple:
        ok = isinstance(value, (list, tuple))
        value = tuple(value) if ok else value
    elif origin is dict:
        ok = isinstance(value, dict)
        value = dict(value) if ok else value
    if not ok:
        raise ParamsError("params", key, f"expected {getattr(origin, '__name__', origin)}, got {value!r}",
                          fix="write it like the default in params/defaults.yaml")
    return value


def _section_of(params: dict | None, dotted: str):
    """The value at a dotted path of the params (``review.targets``), or None."""
    node = params or {}
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def key_field(key: str) -> Any:
    """A settings field read from another dotted key of the params than ``SECTION.<name>``
    (e.g. the page language ``report.language`` beside a step's thresholds)."""
    return field(metadata={"key": key})


@functools.cache
def _type_hints(cls: type) -> dict:
    """The resolved field types of a settings class (resolved once: a report builds settings often)."""
    return typing.get_type_hints(cls)


@dataclass(frozen=True)
class Settings:
    """Base of the per-section settings: ``SECTION`` names the params section read (dotted
    for a nested one, e.g. ``review.targets``).

    There is one way to build a section, :meth:`from_params`; :meth:`of` takes either the
    loaded params or settings already built from them (a section, or a :class:`SettingsGroup`
    holding it), so an analysis function called with the params converts them once and a
    pipeline that built its settings passes them down without reading the params again.
    """

    SECTION: ClassVar[str] = ""

    @classmethod
    def from_params(cls, params: dict):
        """Build the settings from validated params (every field is required)."""
        section = _section_of(params, cls.SECTION)
        if not isinstance(section, dict):
            raise ParamsError("params", cls.SECTION, "missing section",
                              fix="load params with seller_lab.load_params (defaults.yaml holds every section)")
        hints = _type_hints(cls)
        values = {}
        for f in fields(cls):
            key = f.metadata.get("key") or f"{cls.SECTION}.{f.name}"
            parent, _, name = key.rpartition(".")
            where = section if not f.metadata.get("key") else _section_of(params, parent)
            if not isinstance(where, dict) or name not in where:
                raise ParamsError("params", key, "missing", fix="add it (see params/defaults.yaml)")
            values[f.name] = _convert(where[name], hints[f.name], key)
        out = cls(**cls.resolve(values, params))
        out.check()
        return out

    @classmethod
    def of(cls, params):
        """``params`` as this section: settings of this class pass through, a
        :class:`SettingsGroup` gives its field of this class, a params dict is converted
        (:meth:`from_params`).

        >>> from seller_lab.params import load_params
        >>> s = TrendsDisplaySettings.from_params(load_params())
        >>> TrendsDisplaySettings.of(s) is s, TrendsDisplaySettings.of(load_params()) == s
        (True, True)
        """
        if isinstance(params, cls):
            return params
        if isinstance(params, SettingsGroup):
            return params.section(cls)
        return cls.from_params(params)

    @classmethod
    def resolve(cls, values: dict, params: dict) -> dict:
        """The field values with a documented empty value spelled out (e.g. '' = another
        key's value); none by default."""
        return values

    def check(self) -> None:
        """Cross-field checks of a section (none by default)."""

    def _require_ordered(self, low: str, high: str, *, fix: str = "") -> None:
        """``low`` may not exceed ``high`` (two fields of this section), else a ParamsError
        naming the dotted key of ``low``."""
        lo, hi = getattr(self, low), getattr(self, high)
        if lo > hi:
            raise ParamsError("params", f"{self.SECTION}.{low}", f"{lo} is above {high} {hi}",
                              fix=fix or f"set {low} <= {high}")

    def as_params(self) -> dict:
        """``{SECTION: {...}}``: the shape :func:`seller_lab.decisions.threshold_rule` looks keys up in."""
        return {self.SECTION: asdict(self)}


def every_section() -> list[type[Settings]]:
    """Every settings section class defined so far (import a step's settings module to
    include its sections), each once."""
    out, todo = [], list(Settings.__subclasses__())
    while todo:
        cls = todo.pop(0)
        todo += cls.__subclasses__()
        if cls.SECTION and cls not in out:
            out.append(cls)
    return out


def check_sections(params: dict, file) -> int:
    """Build every section of :func:`every_section` from ``params`` (a category's loaded
    params), so a value the settings refuse (a wrong type, a min above its max) is reported
    by ``seller-lab params check`` naming ``file`` and the dotted key, not when a report
    runs. Returns the number of sections checked.

    >>> from seller_lab.params import load_params
    >>> p = load_params("kids-toy-us")
    >>> check_sections(p, "kids-toy-us.yaml") >= 5
    True
    >>> p["pilot"]["units_min"] = 300
    >>> check_sections(p, "kids-toy-us.yaml")
    Traceback (most recent call last):
    ...
    seller_lab.errors.ParamsError: kids-toy-us.yaml, key 'pilot.units_min': 300 is above units_max 200. Fix: set pilot.units_min <= pilot.units_max
    """
    sections = every_section()
    for cls in sections:
        try:
            cls.from_params(params)
        except ParamsError as exc:
            raise ParamsError(file, exc.key, exc.problem, fix=exc.fix) from None
    return len(sections)


@dataclass(frozen=True)
class SettingsGroup:
    """Every section a step or a page reads, built once: each field is a :class:`Settings`
    (or a nested group) built by :meth:`from_params`; :meth:`section` finds one by class."""

    @classmethod
    def from_params(cls, params: dict):
        """Build every section from validated params (raises ParamsError naming a bad key)."""
        hints = _type_hints(cls)
        return cls(**{f.name: hints[f.name].from_params(params) for f in fields(cls)})

    @classmethod
    def of(cls, params):
        """``params`` as this group: a group of this class passes through, a larger group
        gives the one it holds, a params dict is converted (:meth:`from_params`)."""
        if isinstance(params, cls):
            return params
        if isinstance(params, SettingsGroup):
            return params.section(cls)
        return cls.from_params(params)

    def section(self, kind: type):
        """The section of class ``kind`` held here (searched in nested groups too)."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, kind):
                return value
            if isinstance(value, SettingsGroup):
                try:
                    return value.section(kind)
                except LookupError:
                    continue
        raise LookupError(f"{type(self).__name__} holds no {kind.__name__}")


@dataclass(frozen=True)
class CategorySettings(Settings):
    """Who and where (``category.*``), and the page's language (``report.language``)."""

    SECTION: ClassVar[str] = "category"
    slug: str
    display_name: str
    market: str
    marketplace: str
    currency: str
    timezone: str
    language: str                   # the customers' main language
    selling_points: tuple
    local_brands: tuple
    our_service: dict
    report_language: str = key_field("report.language")  # the page's language (R7)

    @classmethod
    def resolve(cls, values: dict, params: dict) -> dict:
        # an empty time zone is UTC (defaults.yaml: category.timezone)
        return {**values, "timezone": values["timezone"] or "UTC", "report_language": report_language(params)}


@dataclass(frozen=True)
class ReviewTargets(Settings):
    """R7.3 monthly KPI targets (``review.targets``)."""

    SECTION: ClassVar[str] = "review.targets"
    return_rate_max: float
    turnover_min: float
    stockout_days_max: float
    outbound_24h_breach_rate_max: float
    response_1h_rate_min: float
    sales_change_min: float


@dataclass(frozen=True)
class FulfilmentSettings(Settings):
    """R4 thresholds, checklist and ERP delay wording (``fulfilment.*``)."""

    SECTION: ClassVar[str] = "fulfilment"
    outbound_sla_hours: float
    inbound_booking_min_days: int
    inbound_eta_tolerance_days: float
    inbound_label_checklist: tuple
    delay_reason_aliases: dict      # canonical delay reason -> ERP texts
    delay_reason_steps: dict        # canonical delay reason -> step that went wrong


@dataclass(frozen=True)
class AftersalesSettings(Settings):
    """R5 thresholds (``aftersales.*``) and the business calendar they are judged in."""

    SECTION: ClassVar[str] = "aftersales"
    response_sla_minutes: float
    business_hours_start: str
    business_hours_end: str
    business_weekdays: tuple
    holidays_country: str
    holidays_subdiv: str
    top_return_reasons: int
    positive_keywords_top: int
    return_playbook: dict
    return_playbook_extra: dict

    @classmethod
    def resolve(cls, values: dict, params: dict) -> dict:
        # '' = the category's market (defaults.yaml: aftersales.holidays_country)
        market = CategorySettings.of(params).market if not values["holidays_country"] else ""
        return {**values, "business_weekdays": tuple(str(d) for d in values["business_weekdays"]),
                "holidays_country": values["holidays_country"] or market}


@dataclass(frozen=True)
class CompetitionSettings(Settings):
    """R1.2 competitor filter, price bands and negative reasons (params ``competition``)."""

    SECTION: ClassVar[str] = "competition"
    review_count_min: int
    review_count_max: int
    rating_min: float
    rating_max: float
    price_bands: int
    min_in_band: int
    entry_min_in_band: int
    top_negative_reasons: int

    def check(self) -> None:
        self._require_ordered("review_count_min", "review_count_max")
        self._require_ordered("rating_min", "rating_max")


@dataclass(frozen=True)
class ComplianceSettings(Settings):
    """R1.3 compliance pre-check (params ``compliance``)."""

    SECTION: ClassVar[str] = "compliance"
    max_cert_cost_share_of_profit: float
    rules_dir: str
    cost_estimate: str
    fx_to_usd: dict
    prohibited_min_listings: int

    def check(self) -> None:
        if self.cost_estimate not in _COST_ESTIMATES:
            raise ParamsError("params", "compliance.cost_estimate",
                              f"'{self.cost_estimate}' is not one of low, mid, high",
                              fix="set compliance.cost_estimate to low, mid or high")


@dataclass(frozen=True)
class PilotPlanSettings(Settings):
    """R2.1 small-batch test plan (the plan's keys of params ``pilot``)."""

    SECTION: ClassVar[str] = "pilot"
    units_min: int
    units_max: int
    sample_budget_share_max: float
    test_price_markup: float
    shipping_days_min: int
    shipping_days_max: int
    channel: str
    total_budget: float
    price_endings: tuple

    def check(self) -> None:
        self._require_ordered("units_min", "units_max", fix="set pilot.units_min <= pilot.units_max")


@dataclass(frozen=True)
class ResearchSettings(Settings):
    """R1.4 verdict gates and the first screen (params ``research``)."""

    SECTION: ClassVar[str] = "research"
    trend_verdicts: dict
    seasonal_verdict: str
    min_differentiators: int
    top_pain_points: int
    differentiation: dict
    helper_wait_s: float


@dataclass(frozen=True)
class TrendsDisplaySettings(Settings):
    """What the research page says about the R1.1 growth window (params ``trends``)."""

    SECTION: ClassVar[str] = "trends"
    recent_months: int


@dataclass(frozen=True)
class StockPlanSettings(Settings):
    """R3 stock planning: first order, lead times, alerts, warehouse split, transfers and
    peaks (params ``stock``).

    >>> from seller_lab.params import load_params
    >>> s = StockPlanSettings.from_params(load_params("kitchen-organizer-de"))
    >>> s.cover_days, s.service_level, [e["name"] for e in s.peak_events]
    (3.0, 0.95, ['Prime Day', 'Black Friday', 'Christmas'])
    """

    SECTION: ClassVar[str] = "stock"
    cover_days: float
    cover_days_alt: float
    safety_stock_lead_time_days: float
    service_level: float
    peak_uplift_min: float
    peak_uplift_max: float
    peak_ship_ahead_months_min: int
    peak_ship_ahead_months_max: int
    carton_qty: int
    main_warehouse_share_min: float
    transfer_excess_days: float
    low_stock_cover_days: float
    lead_time_from_shipments: bool
    sales_window_days: int
    share_window_days: int
    season_peak_months: tuple
    season_peak_min_ratio: float
    season_min_history_days: int
    peak_events: tuple

    def check(self) -> None:
        if not 0.0 < self.service_level < 1.0:
            raise ParamsError("params", "stock.service_level", f"{self.service_level} is not between 0 and 1",
                              fix="write it as a share, e.g. 0.95")
        self._require_ordered("peak_uplift_min", "peak_uplift_max")
        self._require_ordered("peak_ship_ahead_months_min", "peak_ship_ahead_months_max")


@dataclass(frozen=True)
class ReportSettings(Settings):
    """The language a page is written in (params ``report.language``, R7: en | zh).

    >>> ReportSettings.from_params({"report": {"language": " ZH"}}).language
    'zh'
    """

    SECTION: ClassVar[str] = "report"
    language: str

    @classmethod
    def resolve(cls, values: dict, params: dict) -> dict:
        return {**values, "language": report_language(params)}


@dataclass(frozen=True)
class ResearchPageSettings(SettingsGroup):
    """Every settings object the research step reads, built once per run."""

    competition: CompetitionSettings
    compliance: ComplianceSettings
    pilot: PilotPlanSettings
    research: ResearchSettings
    trends: TrendsDisplaySettings


def research_settings(params: dict) -> ResearchPageSettings:
    """All research settings from validated params (raises ParamsError on a bad key).

    >>> from seller_lab.params import load_params
    >>> research_settings(load_params("kids-toy-us")).compliance.max_cert_cost_share_of_profit
    0.3
    """
    return ResearchPageSettings.from_params(params)
