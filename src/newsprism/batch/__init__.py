"""Large corpora on Dask distributed: `newsprism batch` (README: "Batch runs")."""

from newsprism.batch.runner import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]
