"""Benchmark figures: each beside its baseline, printed as a table and kept in results.json."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

RESULTS_PATH = Path(__file__).resolve().parent / "results.json"

# The order of an entry's keys in results.json (stable, so that diffs show changed figures).
FIELDS = (
    "name",
    "value",
    "unit",
    "baseline",
    "ratio",
    "target",
    "ceiling",
    "floor",
    "measured_at",
    "machine",
)


@dataclass(frozen=True)
class Figure:
    """One measured figure; `baseline` is the reference figure measured in the same run.

    `target` is the least ratio to the baseline an issue asks for; `ceiling` the most the value
    itself may be (a time, a latency), `floor` the least (a rate), in its unit.
    """

    name: str
    value: float
    unit: str
    baseline: float | None
    ratio: float | None
    target: float | None
    measured_at: str
    machine: str
    ceiling: float | None = None
    floor: float | None = None

    def as_entry(self) -> dict[str, Any]:
        entry = asdict(self)
        return {key: entry[key] for key in FIELDS}


def ratio(value: float, baseline: float, digits: int = 3) -> float | None:
    """value / baseline, or None when the baseline is zero."""
    return round(value / baseline, digits) if baseline else None


def merge_results(
    existing: Iterable[dict[str, Any]], figures: Iterable[Figure]
) -> list[dict[str, Any]]:
    """The existing entries with same-name ones replaced by the new figures, sorted by name."""
    merged = {entry["name"]: entry for entry in existing}
    for figure in figures:
        merged[figure.name] = figure.as_entry()
    return [merged[name] for name in sorted(merged)]


def read_results(path: Path) -> list[dict[str, Any]]:
    """The entries of a results file; none when it does not exist yet."""
    if not path.exists():
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list) or not all(
        isinstance(entry, dict) and "name" in entry for entry in entries
    ):
        raise ValueError(f"{path} is not a list of benchmark figures with names")
    return entries


def write_results(path: Path, figures: Sequence[Figure]) -> None:
    """Merge the figures into the results file, replacing entries of the same name."""
    merged = merge_results(read_results(path), figures)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)


def machine_description() -> str:
    """CPU model and count, memory and kernel: what the figures depend on."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    return f"{os.cpu_count()} CPUs ({model}){memory}, {platform.system()} {platform.release()}"


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{value:.3f}"
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}"
    return f"{text} {unit}".rstrip()


def _goal(figure: Figure) -> str:
    goals = []
    if figure.target is not None:
        goals.append(f"≥ {figure.target:.3f}")
    if figure.floor is not None:
        goals.append(f"≥ {_number(figure.floor, figure.unit)}")
    if figure.ceiling is not None:
        goals.append(f"≤ {_number(figure.ceiling, figure.unit)}")
    return ", ".join(goals)


def format_table(figures: Sequence[Figure], baseline_names: dict[str, str]) -> str:
    """A plain-text table: figure, value, its baseline (and what that is), ratio, target."""
    rows = [("figure", "value", "baseline", "ratio", "target")]
    for figure in figures:
        baseline = _number(figure.baseline, figure.unit if figure.unit != "ratio" else "")
        if figure.baseline is not None and figure.name in baseline_names:
            baseline = f"{baseline} ({baseline_names[figure.name]})"
        rows.append(
            (
                figure.name,
                _number(figure.value, figure.unit),
                baseline,
                "—" if figure.ratio is None else f"{figure.ratio:.3f}",
                _goal(figure),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    lines = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
