"""Repair texts on a Dask cluster: a ``dask.bag`` of texts or a dataframe column.

Install with ``pip install 'repair[dask]'``. Each worker process builds one
:class:`~repair.Repairer` for a given set of options, the first time a task
needs it, and keeps it for every later partition: lexicons and
dictionaries load once per worker, not once per record or partition.

    import dask.bag as db
    from repair.dask import repair_bag, repair_column

    texts = db.read_text("articles/*.txt", linedelimiter="\\n\\n")
    repaired = repair_bag(texts, lexicons=["/shared/names.txt"]).compute()

    df = dd.read_parquet("articles.parquet")
    df = repair_column(df, "body")          # "body" repaired, "body_edits" added

The same code runs on a real cluster: create a ``distributed.Client`` for
the scheduler's address first, and make lexicon paths readable on every
worker (a shared file system or object store).
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from .repairer import Repairer

_built = 0
_lock = threading.Lock()


@functools.lru_cache(maxsize=8)
def _repairer(options: tuple) -> Repairer:
    global _built
    with _lock:
        _built += 1
    repairer = Repairer(**{k: list(v) if isinstance(v, tuple) else v for k, v in options})
    repairer.warm_up(freeze=True)  # a worker process exists to repair
    return repairer


def repairers_built() -> int:
    """How many Repairers this process has built (for tests and monitoring)."""
    return _built


def _key(options: dict[str, Any]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, (list, set, frozenset)) else v) for k, v in options.items()))


def _texts(partition, key: tuple, markup: str) -> list[str]:
    repairer = _repairer(key)
    return [repairer.repair(text, markup=markup).text for text in partition]


def _frame(frame, column: str, key: tuple, markup: str):
    repairer = _repairer(key)
    results = [repairer.repair(text, markup=markup) for text in frame[column]]
    out = frame.copy()
    out[column] = [r.text for r in results]
    out[f"{column}_edits"] = [len(r.edits) for r in results]
    return out


def repair_bag(bag, *, markup: str = "text", **options):
    """A bag of the repaired texts, in order. ``options`` are :class:`Repairer` arguments."""
    return bag.map_partitions(_texts, _key(options), markup)


def repair_column(frame, column: str, *, markup: str = "text", **options):
    """``frame`` with ``column`` repaired and ``<column>_edits`` (edit counts) added."""
    import pandas as pd

    meta = frame._meta.assign(**{f"{column}_edits": pd.Series(dtype="int64")})
    return frame.map_partitions(_frame, column, _key(options), markup, meta=meta)
