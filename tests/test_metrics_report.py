"""skgan.metrics._report: quality_report."""

from skgan.metrics import quality_report

from .conftest import draw, numeric_frame


def test_quality_report_layout_and_values(mixed):
    report = quality_report(mixed, mixed, holdout=draw(300, 1), random_state=0)
    assert report.columns.tolist() == ["group", "metric", "value", "better", "detail"]
    assert set(report["group"]) == {"fidelity", "privacy"}
    assert set(report["better"]) == {"higher", "lower"}
    values = report.set_index("metric")["value"]
    assert values["column_score_mean"] == 1.0
    assert values["column_score_min"] == 1.0
    assert values["association_difference"] == 0.0
    assert abs(values["detection_auc"] - 0.5) < 0.1
    assert abs(values["column_detection_auc_max"] - 0.5) < 0.02
    assert values["exact_copy_rate"] == 1.0
    assert values["dcr_synthetic_median"] == 0.0
    assert values["membership_inference_auc"] > 0.8


def test_quality_report_names_worst_column():
    real = numeric_frame(200, 0)
    synthetic = numeric_frame(200, 1).assign(b=lambda f: f["b"] * 10)
    report = quality_report(real, synthetic, random_state=0).set_index("metric")
    assert "dcr_median_ratio" not in report.index
    assert report.loc["column_score_min", "detail"] == "column 'b' (KS)"
    assert report.loc["column_score_min", "value"] < 0.5
    assert report.loc["column_detection_auc_max", "detail"].startswith("column 'b' (KS 0.")
    assert report.loc["column_detection_auc_max", "value"] > 0.8
