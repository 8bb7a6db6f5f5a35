"""The Dask integration on a real two-worker LocalCluster."""

import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from repair import Repairer  # noqa: E402
from repair.dask import repair_bag, repair_column, repairers_built  # noqa: E402

pytestmark = pytest.mark.slow  # a local dask cluster: seconds to start

TEXTS = [f"Case {i}: Openai said tbe cornpany wou1d ship." if i % 3 else f"Case {i} is clean." for i in range(60)]


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


def test_bag_matches_single_process(client):
    expected = [r.text for r in Repairer().repair_many(TEXTS)]
    bag = db.from_sequence(TEXTS, npartitions=8)
    assert repair_bag(bag).compute() == expected
    # one Repairer per worker, however many partitions it ran
    built = client.run(repairers_built)
    assert len(built) == 2 and all(n <= 1 for n in built.values()) and sum(built.values()) >= 1


def test_dataframe_column(client):
    frame = pd.DataFrame({"id": range(len(TEXTS)), "body": TEXTS})
    out = repair_column(dd.from_pandas(frame, npartitions=6), "body").compute()
    single = [Repairer().repair(t) for t in TEXTS]
    assert out["body"].tolist() == [r.text for r in single]
    assert out["body_edits"].tolist() == [len(r.edits) for r in single]
    assert out["id"].tolist() == list(range(len(TEXTS)))
