"""Metrics for synthetic tables: fidelity, privacy and utility, as plain functions.

Every metric takes DataFrames (or arrays) with the same columns, of mixed
types with missing values, and detects categorical columns as
:class:`~skgan.GANSampler` does.
"""

from ._detection import column_detection, detection_auc
from ._fidelity import association_difference, association_matrices, column_fidelity
from ._leakage import distance_to_closest_record, exact_copy_rate, membership_inference_auc
from ._report import quality_report
from ._utility import tstr_score

__all__ = [
    "association_difference",
    "association_matrices",
    "column_detection",
    "column_fidelity",
    "detection_auc",
    "distance_to_closest_record",
    "exact_copy_rate",
    "membership_inference_auc",
    "quality_report",
    "tstr_score",
]
