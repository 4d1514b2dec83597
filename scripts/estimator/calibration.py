"""Efficiencies fitted on published measurements, by device family, engine and multi-GPU split.

Both speeds are fitted as seconds per token = a * x + b * y, from two terms each observation supplies:
- decode: x = bytes read per token / bandwidth, y = layers (a = 1 / share of bandwidth reached, b = seconds
  per layer: kernel launches and synchronisation that do not shrink with the model);
- prefill: x = weight FLOPs / dense FP16 throughput, y = attention FLOPs / throughput (attention runs
  further from the peak than the matrix products).
The fit minimises the squared log ratio of predicted to measured time with a > 0 and b >= 0 (a >= 1 for
decode: no engine beats the bandwidth). The band (low, high) is the 10th and 90th percentile of measured / expected speed in the group.

A group stands on its own only with enough rows from at least two devices, so that nothing is tuned to one
device; otherwise an estimate borrows from the nearest wider group (`fallbacks()`) and says which.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable

from estimator.observations import Observation

ANY = "*"
MIN_ROWS = 8
MIN_DEVICES = 2
KINDS = ("decode", "prefill")
GAUSS_NEWTON_STEPS = 12


@dataclass(frozen=True)
class Group:
    family: str
    engine: str
    split: str

    def key(self) -> str:
        return f"{self.family}|{self.engine}|{self.split}"


@dataclass
class Fit:
    a: float
    b: float
    low: float
    high: float
    rows: int
    devices: int


@dataclass
class Calibration:
    fits: dict[str, dict[str, Fit]] = field(default_factory=lambda: {kind: {} for kind in KINDS})

    def nearest(self, kind: str, family: str, engine: str | None, split: str) -> tuple[str, Fit] | None:
        return next(((g.key(), self.fits[kind][g.key()]) for g in fallbacks(family, engine, split) if g.key() in self.fits[kind]), None)

    def resolve(self, family: str, engine: str | None, split: str) -> dict[str, Any] | None:
        """The efficiency closed_form.evaluate takes: for decode and prefill the nearest fitted group's
        {a, b, low, high, group}; None when no measurement bears on it at all."""
        found = {kind: self.nearest(kind, family, engine, split) for kind in KINDS}
        if found["decode"] is None:
            return None
        return {kind: _numbers(*found[kind]) if found[kind] else None for kind in KINDS}


def _numbers(group: str, fit: Fit) -> dict[str, Any]:
    return {"a": fit.a, "b": fit.b, "low": fit.low, "high": fit.high, "group": group}


def fallbacks(family: str, engine: str | None, split: str) -> list[Group]:
    """Where to look for a fit, nearest first: this family and engine, the family with any engine, the engine
    on any family, then everything; for several GPUs the single-GPU groups come last."""
    engine = engine or ANY
    order: list[Group] = []
    for s in (split, "single") if split != "single" else (split,):
        for g in (Group(family, engine, s), Group(family, ANY, s), Group(ANY, engine, s), Group(ANY, ANY, s)):
            if g not in order:
                order.append(g)
    return order


def groups_of(obs: Observation) -> Iterable[Group]:
    """Every group an observation counts in."""
    engine = obs.engine or ANY
    for family in (obs.family, ANY):
        for eng in (engine, ANY):
            yield Group(family, eng, obs.split)


def fit(observations: list[Observation]) -> Calibration:
    by_group: dict[tuple[str, Group], list[Observation]] = {}
    for obs in observations:
        if obs.kind in KINDS:
            for group in groups_of(obs):
                by_group.setdefault((obs.kind, group), []).append(obs)
    calibration = Calibration()
    for (kind, group), rows in by_group.items():
        devices = len({o.row["hardware"] for o in rows})
        if len(rows) >= MIN_ROWS and devices >= MIN_DEVICES:
            calibration.fits[kind][group.key()] = _fit(rows, devices, least_a=1.0 if kind == "decode" else 0.0)
    return calibration


def _fit(rows: list[Observation], devices: int, least_a: float) -> Fit:
    a, b = _least_squares(rows, least_a)
    ratios = sorted((a * o.x + b * o.y) / o.measured for o in rows)  # measured speed / expected speed
    return Fit(a, b, percentile(ratios, 0.1), percentile(ratios, 0.9), len(rows), devices)


def _least_squares(rows: list[Observation], least_a: float) -> tuple[float, float]:
    """(a, b) minimising the squared log ratio of predicted to measured time, a >= least_a, b >= 0.

    Starts from the linear least-squares fit of the relative error (2 x 2 normal equations), then takes
    Gauss-Newton steps on the log ratio, which weighs "twice too slow" and "twice too fast" alike."""
    xs = [o.x / o.measured for o in rows]
    ys = [o.y / o.measured for o in rows]
    a, b = _solve(xs, ys, [1.0] * len(rows))
    a, b = max(a, least_a, 1e-12), max(b, 0.0)
    for _ in range(GAUSS_NEWTON_STEPS):
        predicted = [a * x + b * y for x, y in zip(xs, ys)]
        # Residual log(p); its derivatives are x / p and y / p. Solve J^T J d = -J^T r.
        jx = [x / p for x, p in zip(xs, predicted)]
        jy = [y / p for y, p in zip(ys, predicted)]
        residual = [-math.log(p) for p in predicted]
        da, db = _solve(jx, jy, residual)
        a, b = max(a + da, least_a, 1e-12), max(b + db, 0.0)
    return a, b


def _solve(xs: list[float], ys: list[float], targets: list[float]) -> tuple[float, float]:
    """Least squares for a * x + b * y = target; b = 0 when the two columns cannot be told apart."""
    sxx, syy, sxy = sum(x * x for x in xs), sum(y * y for y in ys), sum(x * y for x, y in zip(xs, ys))
    sxt, syt = sum(x * t for x, t in zip(xs, targets)), sum(y * t for y, t in zip(ys, targets))
    det = sxx * syy - sxy * sxy
    if det <= 1e-12 * sxx * syy or det <= 0:
        return sxt / sxx, 0.0
    return (sxt * syy - syt * sxy) / det, (sxx * syt - sxy * sxt) / det


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile of sorted values."""
    position = q * (len(values) - 1)
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def predict(calibration: Calibration, obs: Observation) -> float | None:
    """The estimator's seconds per token for a decode or prefill observation."""
    found = calibration.nearest(obs.kind, obs.family, obs.engine, obs.split)
    return None if found is None else found[1].a * obs.x + found[1].b * obs.y
