"""The scorer's parameters: one logistic model per family, read from a data file.

``confidence = sigmoid(bias + Σ weight·feature)``, one bias and weight table
per family, kept in ``data/weights.json`` and set by hand against
``corpora/dev`` and ``corpora/clean`` with ``benchmarks/quality.py`` (see
``benchmarks/README.md``). A family the file does not list takes the weights
its detector registered (see :func:`repair.detectors.register`), so a new
detector needs no edit here.

The scorer decides with these; the screen's gates read them too (through
their :class:`~repair.detectors.base.Probe`) to bound what a form could ever
score, so both live below either.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import ResourceError
from .model import Candidate, Family
from .settings import setting

REPORT_FLOOR = setting("scorer", "report-floor")  # below this a suspect is noise, not worth a person's time


@dataclass(frozen=True)
class FamilyWeights:
    bias: float
    weights: Mapping[str, float]
    threshold: float


@dataclass(frozen=True)
class Weights:
    """Each family's model, the fixing threshold and the margin a winner needs."""

    families: Mapping[Family, FamilyWeights]
    margin: float

    @classmethod
    def load(cls, path: str | Path | None = None, defaults: Mapping[Family, FamilyWeights] | None = None) -> Weights:
        """Read ``path`` (default: the bundled file). ``defaults``: weights for families the
        file does not list (a registered detector's own)."""
        source = Path(path) if path else resources.files("repair") / "data" / "weights.json"
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
            default = float(data["threshold"])
            families = dict(defaults or {})
            for name, spec in data["families"].items():
                families[Family(name)] = FamilyWeights(
                    bias=float(spec["bias"]),
                    weights={k: float(v) for k, v in spec["weights"].items()},
                    threshold=float(spec.get("threshold", default)),
                )
            return cls(families=families, margin=float(data["margin"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ResourceError(f"cannot read scorer weights {source}: {exc}") from exc

    def confidence(self, kind: Family, candidate: Candidate) -> float:
        spec = self.families[kind]
        z = spec.bias + sum(spec.weights.get(name, 0.0) * value for name, value in candidate.features.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def floor(self, threshold: float | None = None, families: Iterable[Family] | None = None) -> float:
        """The lowest confidence at which a suspect still changes a result: the report
        floor, or a lower threshold for fixing (the caller's, or a family's)."""
        specs = self.families.values() if families is None else [self.families[f] for f in families if f in self.families]
        limits = [REPORT_FLOOR] + [spec.threshold for spec in specs]
        return min(limits + ([threshold] if threshold is not None else []))

    def missing(self, families: Iterable[Family]) -> list[Family]:
        """Which of ``families`` have no weights (a detector registered without any)."""
        return [f for f in families if f not in self.families]
