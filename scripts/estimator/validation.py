"""How far the estimator is from published measurements: the table `make validate` prints and the
methodology page publishes.

Two errors per speed row: in-sample (fitted on every row) and leave-one-device-out (fitted without any row
of that device, so the device is one the estimator has never seen: the honest figure for a reader's own
hardware). Memory rows involve no fitting; KV-cache sizes must match llama.cpp's log lines to the byte.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from estimator.calibration import Calibration, fit, percentile, predict
from estimator.observations import Observation, file_sizes, observations

SPEED_KINDS = ("decode", "prefill")
MEMORY_KINDS = ("kv-cache", "weights", "memory-total", "compute-buffer")
OVERALL = "all devices"


@dataclass
class Checked:
    obs: Observation
    in_sample: float | None  # relative error: predicted / measured - 1
    unseen_device: float | None


@dataclass
class Report:
    calibration: Calibration
    checked: list[Checked]
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def table(self) -> list[dict[str, Any]]:
        """One row per (family, kind), families first then all devices: count, median and 90th percentile of
        the absolute error, in-sample and on unseen devices (memory rows have one error)."""
        cells: dict[tuple[str, str], list[Checked]] = {}
        for item in self.checked:
            for family in (item.obs.family, OVERALL):
                cells.setdefault((family, item.obs.kind), []).append(item)
        kinds = SPEED_KINDS + MEMORY_KINDS
        order = sorted(cells, key=lambda k: (k[0] == OVERALL, k[0], kinds.index(k[1])))
        return [_summary(family, kind, cells[(family, kind)]) for family, kind in order]

    def kv_exact(self) -> tuple[int, int]:
        """(rows matching to the byte, KV rows)."""
        kv = [c for c in self.checked if c.obs.kind == "kv-cache"]
        return sum(1 for c in kv if c.obs.predicted == c.obs.measured), len(kv)


def _summary(family: str, kind: str, items: list[Checked]) -> dict[str, Any]:
    def stats(errors: list[float | None]) -> dict[str, float] | None:
        values = sorted(abs(e) for e in errors if e is not None)
        if not values:
            return None
        return {"median": statistics.median(values), "p90": percentile(values, 0.9), "rows": len(values)}

    return {
        "family": family,
        "kind": kind,
        "devices": len({i.obs.row["hardware"] for i in items}),
        "in_sample": stats([i.in_sample for i in items]),
        "unseen_device": stats([i.unseen_device for i in items]) if kind in SPEED_KINDS else None,
    }


def validate(catalogs: Any, rows: list[dict[str, Any]]) -> Report:
    made, skipped = observations(catalogs, rows)
    made += file_sizes(catalogs, rows)
    calibration = fit(made)
    without: dict[str, Calibration] = {}
    checked = []
    for obs in made:
        if obs.kind in SPEED_KINDS:
            device = obs.row["hardware"]
            if device not in without:
                without[device] = fit([o for o in made if o.row["hardware"] != device])
            checked.append(Checked(obs, _error(predict(calibration, obs), obs), _error(predict(without[device], obs), obs)))
        else:
            checked.append(Checked(obs, obs.predicted / obs.measured - 1, None))
    return Report(calibration, checked, skipped)


def _error(predicted: float | None, obs: Observation) -> float | None:
    # Speeds are predicted in seconds per token: compare tokens/s, the figure a reader sees.
    return None if predicted is None else obs.measured / predicted - 1
