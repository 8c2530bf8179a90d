import base64
import runpy
import sys

import numpy as np
import pandas as pd
import pytest
import torch

from skgan import __version__
from skgan.cli import main

from .conftest import make_mixed_frame

pytest.importorskip("matplotlib")

FAST = ["--gan-steps", "20", "--folds", "2"]


@pytest.fixture(autouse=True)
def keep_torch_threads():
    # main() sets torch's thread count for its work; it must give it back.
    before = torch.get_num_threads()
    yield
    assert torch.get_num_threads() == before


@pytest.fixture
def csv_table(tmp_path):
    X, y = make_mixed_frame(n=240, minority=0.15, seed=0)
    frame = X.assign(bot=y)
    path = tmp_path / "table.csv"
    frame.to_csv(path, index=False)
    return path, frame


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"skgan {__version__}"
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(cmd in out for cmd in ("benchmark", "resample", "report"))
    assert main(["benchmark", "--help"]) == 0
    assert "--subsample-minority" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["benchmark", "--folds", "zero"],
        ["benchmark", "--classifier", "svm"],
        ["benchmark", "--subsample-minority", "1.5"],
        ["resample", "in.csv"],  # --target and -o are required
        ["report", "real.csv"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    assert "usage: skgan" in capsys.readouterr().err


def test_unknown_sampler_is_a_usage_error(tmp_path, capsys):
    assert main(["benchmark", "--samplers", "none,magic", "--output-dir", str(tmp_path)]) == 2
    assert "unknown or repeated sampler(s) ['magic']" in capsys.readouterr().err
    assert main(["benchmark", "--samplers", "gan,gan", "--output-dir", str(tmp_path)]) == 2


def test_unknown_dataset_exits_1_without_traceback(tmp_path, capsys):
    assert main(["benchmark", "--dataset", "myspace", "--output-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Unknown dataset 'myspace'" in err and "Traceback" not in err
    with pytest.raises(ValueError, match="myspace"):
        main(["benchmark", "--dataset", "myspace", "--debug", "--output-dir", str(tmp_path)])
    assert main(["benchmark", "--dataset", "youtube_spam_pos0", "-q"]) == 2
    assert "the _pos suffix must be 1 to 100, got 0" in capsys.readouterr().err


def _decoded_images(page):
    chunks = page.split('src="data:image/png;base64,')[1:]
    return [base64.b64decode(chunk.split('"', 1)[0]) for chunk in chunks]


def test_benchmark_main_job_writes_table_summary_and_self_contained_html(tmp_path, capsys):
    # The main job (default dataset and methods) with tiny budgets.
    out = tmp_path / "out"
    assert main(["benchmark", *FAST, "--gan-steps", "5", "--output-dir", str(out)]) == 0
    captured = capsys.readouterr()
    header, columns, *lines = captured.out.strip().splitlines()
    assert header.startswith("youtube_spam_pos10 (1050 rows; 0: 950, 1: 100), HGB, 2-fold")
    assert "grouped (991 groups)" in header
    assert columns.split()[:6] == ["sampler", "bal.", "acc.", "F1", "PR-AUC", "G-mean"]
    assert columns.split()[6:] == ["fit", "s", "copies", "DCR", "ratio", "detection", "AUC"]
    names = [
        "none",
        "class_weight",
        "SMOTENC",
        "ScreenedSampler",
        "GANSampler (no rounds)",
        "GANSampler",
    ]
    lines = [line.strip() for line in lines]  # names are right-aligned
    assert all(line.startswith(name + " ") for line, name in zip(lines, names))
    rows = [line[len(name) :].split() for line, name in zip(lines, names)]
    assert rows[0][-4:] == ["–"] * 4 and rows[1][-4:] == ["–"] * 4  # they add no rows
    assert rows[2][-3].endswith("%") and rows[5][-3] == "0.0%"  # the GAN never copies
    summary = " ".join(lines[7:])
    assert "had the best balanced accuracy" in summary and "GANSampler" in summary
    assert "untrained candidates (ScreenedSampler)" in summary
    assert "The adversarial rounds (GANSampler against GANSampler (no rounds))" in summary
    assert "skgan: youtube_spam_pos10: 1050 rows" in captured.err  # progress goes to stderr

    results = pd.read_csv(out / "results.csv")
    assert len(results) == 6 * 2 * 4  # methods x folds x metrics
    assert results["value"].notna().all()
    synthetic = pd.read_csv(out / "synthetic.csv")
    assert (
        synthetic["sampler"].tolist()
        == ["SMOTENC"] * 2
        + ["ScreenedSampler"] * 2
        + ["GANSampler (no rounds)"] * 2
        + ["GANSampler"] * 2
    )
    assert synthetic[["exact_copy_rate", "dcr_ratio", "detection_auc"]].notna().all().all()
    markdown = (out / "summary.md").read_text()
    assert "| SMOTENC |" in markdown and "## Against SMOTENC" in markdown
    assert "](scores.png)" in markdown

    page = (out / "report.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "had the best balanced accuracy" in page
    # The results: a scores table, then the synthetic rows' measures (narrow tables).
    scores, rows = (t.split("</table>", 1)[0] for t in page.split("<table>")[1:3])
    for text in ("bal. acc.", "<td>class_weight</td>", "<td>GANSampler</td>"):
        assert text in scores
    assert "detection AUC" in rows and "<td>class_weight</td>" not in rows
    images = _decoded_images(page)
    assert len(images) == 2 and all(image[:8] == b"\x89PNG\r\n\x1a\n" for image in images)
    assert images[0] == (out / "scores.png").read_bytes()
    assert images[1] == (out / "synthetic_quality.png").read_bytes()
    # Self-contained: no scripts, stylesheets or images fetched from anywhere.
    assert "<script" not in page and "<link" not in page and 'src="http' not in page


def test_benchmark_csv_dataset_subsample_groups_and_quiet(csv_table, tmp_path, capsys):
    path, frame = csv_table
    grouped = frame.assign(account=np.arange(len(frame)) // 3)
    grouped.to_csv(path, index=False)
    argv = ["benchmark", "--dataset", str(path), "--target", "bot", *FAST, "--no-plots", "-q"]
    argv += ["--samplers", "none,ros,adasyn", "--classifier", "lr", "--repeats", "2"]
    argv += ["--subsample-minority", "0.5", "--groups", "account"]
    assert main([*argv, "--output-dir", str(tmp_path / "o")]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    n_minority = int(round(0.5 * frame["bot"].sum()))
    assert f"({len(frame) - frame['bot'].sum() + n_minority} rows;" in captured.out
    assert "LR, 2-fold stratified CV x 2, grouped" in captured.out
    results = pd.read_csv(tmp_path / "o" / "results.csv")
    assert sorted(results.repeat.unique()) == [0, 1]
    # adasyn runs on the categorical columns through one-hot encoding.
    assert set(results.sampler) == {"none", "ROS", "ADASYN"} and results.value.notna().all()
    assert not list((tmp_path / "o").glob("*.png"))
    page = (tmp_path / "o" / "report.html").read_text()
    assert "<table>" in page and "data:image/png" not in page
    assert main([*argv, "--groups", "nope", "--output-dir", str(tmp_path)]) == 1
    assert "--groups 'nope' is not a column" in capsys.readouterr().err

    # --checkpoint: a finished run's file makes the same command redo nothing
    checkpoint = tmp_path / "run.jsonl"
    first = [*argv, "--checkpoint", str(checkpoint), "--output-dir", str(tmp_path / "c1")]
    assert main(first) == 0
    assert len(checkpoint.read_text().splitlines()) == 1 + 3 * 2 * 2  # header + tasks
    again = [*argv, "--checkpoint", str(checkpoint), "--output-dir", str(tmp_path / "c2")]
    assert main(again) == 0
    assert len(checkpoint.read_text().splitlines()) == 1 + 3 * 2 * 2
    pd.testing.assert_frame_equal(
        pd.read_csv(tmp_path / "c2" / "results.csv").drop(
            columns=["fit_time_sampler", "fit_time_classifier"]
        ),
        pd.read_csv(tmp_path / "c1" / "results.csv").drop(
            columns=["fit_time_sampler", "fit_time_classifier"]
        ),
    )


def test_resample_writes_original_then_synthetic(csv_table, tmp_path, capsys):
    path, frame = csv_table
    out = tmp_path / "res.csv"
    argv = ["resample", str(path), "--target", "bot", "-o", str(out), "--steps", "20", "-q"]
    assert main(argv) == 0
    written = pd.read_csv(out)
    assert list(written.columns) == list(frame.columns)
    counts = frame["bot"].value_counts()
    assert len(written) == 2 * counts.max()
    pd.testing.assert_frame_equal(written.iloc[: len(frame)], pd.read_csv(path))
    assert (written["bot"].iloc[len(frame) :] == counts.idxmin()).all()

    only = tmp_path / "only.csv"
    argv = ["resample", str(path), "--target", "bot", "-o", str(only), "--steps", "20"]
    # A JSON strategy gives the wanted size of each class, as sampling_strategy does.
    assert main([*argv, "--strategy", '{"1": 60}', "--only-synthetic", "-q"]) == 0
    synthetic = pd.read_csv(only)
    assert len(synthetic) == 60 - frame["bot"].sum() and (synthetic["bot"] == 1).all()


def test_resample_errors(csv_table, tmp_path, capsys):
    path, _ = csv_table
    out = str(tmp_path / "x.csv")
    assert main(["resample", str(tmp_path / "missing.csv"), "--target", "bot", "-o", out]) == 1
    err = capsys.readouterr().err
    assert "input file not found" in err and "missing.csv" in err and "Traceback" not in err
    assert main(["resample", str(path), "--target", "nope", "-o", out]) == 1
    assert "'nope' is not a column" in capsys.readouterr().err
    assert main(["resample", str(path), "--target", "bot", "-o", out, "--strategy", "lots"]) == 2
    assert main(["resample", str(path), "--target", "bot", "-o", out, "--steps", "-3"]) == 2
    argv = ["resample", str(path), "--target", "bot", "-o", out, "--strategy", '{"7": 3}']
    assert main(argv) == 2
    assert "labels ['7'] are not in the target" in capsys.readouterr().err


TWITTER = "%a %b %d %H:%M:%S %z %Y"


def _twitter_export(n=200, n_bots=20, seed=0):
    """A frame shaped like a Twitter account export: ids, handles, dates, counts, a rare class."""
    rng = np.random.default_rng(seed)
    seconds = rng.integers(1_170_000_000, 1_600_000_000, n)
    return pd.DataFrame(
        {
            "id": rng.choice(10**17, size=n, replace=False) + 10**17,
            "screen_name": [f"user_{i:04d}_{rng.integers(1000)}" for i in range(n)],
            "created_at": pd.to_datetime(seconds, unit="s").tz_localize("UTC"),
            "followers_count": rng.negative_binomial(1, 0.01, n),
            "friends_count": rng.negative_binomial(2, 0.02, n),
            "statuses_count": rng.negative_binomial(1, 0.001, n),
            "verified": rng.random(n) < 0.1,
            "label": np.where(np.arange(n) < n_bots, "bot", "human"),
        }
    )


@pytest.fixture
def twitter_csv(tmp_path):
    """(path, frame as written) of an export with created_at in Twitter's own format."""
    frame = _twitter_export()
    frame["created_at"] = frame["created_at"].dt.strftime(TWITTER)
    path = tmp_path / "accounts.csv"
    frame.to_csv(path, index=False)
    return path, pd.read_csv(path)


RESAMPLE_FAST = ["--steps", "20", "-q", "--strategy", '{"bot": 50}']


def test_resample_twitter_export_in_one_command(twitter_csv, tmp_path, capsys):
    path, written = twitter_csv
    out = tmp_path / "out.csv"
    argv = ["resample", str(path), "--target", "label", "--drop", "id,screen_name"]
    argv += ["--parse-dates", "created_at", "-o", str(out), *RESAMPLE_FAST]
    assert main(argv) == 0, capsys.readouterr().err
    result = pd.read_csv(out)
    kept = [c for c in written.columns if c not in ("id", "screen_name")]
    assert list(result.columns) == kept
    assert result["label"].value_counts().to_dict() == {"human": 180, "bot": 50}
    # The real rows come back as they were read, dates in the same text.
    pd.testing.assert_frame_equal(result.iloc[: len(written)], written[kept])
    # The synthetic dates are written in Twitter's format too, within the real range.
    synthetic = result["created_at"].iloc[len(written) :]
    dates = pd.to_datetime(synthetic, format=TWITTER)
    assert (dates.dt.strftime(TWITTER) == synthetic).all()
    real = pd.to_datetime(written["created_at"], format=TWITTER)
    assert dates.between(real.min(), real.max()).all()
    assert result["verified"].dtype == bool


def test_resample_detects_iso_dates_with_offsets(tmp_path, capsys):
    # As pandas writes tz-aware datetimes: "2007-04-06 10:58:22+00:00"; no --parse-dates.
    frame = _twitter_export().drop(columns=["id", "screen_name"])
    frame["created_at"] = frame["created_at"].dt.tz_convert("+02:00")
    path, out = tmp_path / "iso.csv", tmp_path / "out.csv"
    frame.to_csv(path, index=False)
    argv = ["resample", str(path), "--target", "label", "-o", str(out), *RESAMPLE_FAST]
    assert main(argv) == 0, capsys.readouterr().err
    text = pd.read_csv(out)["created_at"]
    assert text.iloc[:200].tolist() == pd.read_csv(path)["created_at"].tolist()
    assert text.str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+02:00").all()


def test_resample_refusal_names_the_column_and_drop(twitter_csv, tmp_path, capsys):
    path, _ = twitter_csv
    argv = ["resample", str(path), "--target", "label", "-o", str(tmp_path / "o.csv")]
    assert main([*argv, *RESAMPLE_FAST, "--drop", "id"]) == 1
    err = capsys.readouterr().err
    # Every refused column at once, Twitter-format dates among them without --parse-dates.
    assert "Column 'screen_name' looks like an identifier: 200 distinct values" in err
    assert "Column 'created_at' looks like an identifier" in err
    assert "Leave it out with --drop id,screen_name." in err
    assert "Column 'created_at' holds dates: read it with --parse-dates created_at." in err
    assert "from X" not in err and "Traceback" not in err
    assert main([*argv, *RESAMPLE_FAST, "--parse-dates", "created_at", "--drop", "id"]) == 1
    err = capsys.readouterr().err
    assert err.endswith(
        "rows. Synthetic rows could only copy real identifiers. Leave it out "
        "with --drop id,screen_name.\n"
    )
    bio = pd.read_csv(path).assign(bio=lambda t: "I post about my day, " + t["screen_name"] * 3)
    bio.to_csv(tmp_path / "bio.csv", index=False)
    argv[1] = str(tmp_path / "bio.csv")
    assert (
        main([*argv, *RESAMPLE_FAST, "--drop", "screen_name", "--parse-dates", "created_at"]) == 1
    )
    err = capsys.readouterr().err
    assert "Column 'bio' looks like free text (mean length 60 characters" in err
    assert "Leave it out with --drop screen_name,bio (or turn the text into numbers" in err
    # The Python API gives the same diagnosis with its own remedy.
    from skgan import GANSampler
    from skgan._validation import RefusedColumnsError

    X = pd.read_csv(path).drop(columns=["id", "label"])
    with pytest.raises(RefusedColumnsError, match="drop it from X before resampling") as info:
        GANSampler(n_steps=1).fit_resample(X, pd.read_csv(path)["label"])
    assert list(info.value.reasons) == ["screen_name", "created_at"]
    assert "--drop" not in str(info.value)


def test_resample_bad_parse_dates_and_drop(twitter_csv, tmp_path, capsys):
    path, _ = twitter_csv
    argv = ["resample", str(path), "--target", "label", "-o", str(tmp_path / "o.csv"), "-q"]
    assert main([*argv, "--parse-dates", "screen_name"]) == 1
    err = capsys.readouterr().err
    assert "--parse-dates column 'screen_name': 200 of 200 values are not dates" in err
    assert "'user_0000_" in err and "and 195 more" in err
    assert main([*argv, "--parse-dates", "followers_count"]) == 1
    assert "'followers_count' holds int64 values" in capsys.readouterr().err
    assert main([*argv, "--drop", "id,handle"]) == 1
    err = capsys.readouterr().err
    assert "--drop columns ['handle'] are not in" in err and "'screen_name'" in err
    assert main([*argv, "--drop", "label"]) == 2
    assert not (tmp_path / "o.csv").exists()
    assert main(["resample", "--help"]) == 0
    assert "--parse-dates" in capsys.readouterr().out


def test_read_csv_detects_only_iso_like_text(tmp_path):
    from skgan._csv import read_csv, write_csv

    path = tmp_path / "t.csv"
    dates = ["2007-04-06 10:58:22", "2008-01-01 00:00:01", None, "2009-02-03 04:05:06"]
    pd.DataFrame(
        {
            "naive": dates,
            "day": ["2007-04-06", "2007-04-07", "2007-04-08", None],
            "zulu": ["2007-04-06T10:58:22Z"] * 4,
            "one_bad": ["2007-04-06", "2007-04-07", "not yet", "2007-04-09"],
            "month_13": ["2007-04-06", "2007-13-06", "2007-04-08", "2007-04-09"],
            "year": [2007, 2008, 2009, 2010],
            "code": ["A1", "B2", "2007", "C3"],
        }
    ).to_csv(path, index=False)
    frame, found = read_csv(path)
    assert list(found) == ["naive", "day", "zulu"]
    assert str(frame["zulu"].dtype).endswith(", UTC]")
    assert frame[["one_bad", "month_13", "code"]].apply(pd.api.types.is_string_dtype).all()
    assert frame["year"].dtype == np.int64
    write_csv(frame, tmp_path / "back.csv", found)
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "back.csv"), pd.read_csv(path))

    # Offsets that differ (summer and winter time) come back in UTC, in the same style.
    paris = pd.Series(pd.date_range("2020-01-01", periods=4, freq="90D", tz="Europe/Paris"))
    twitter = paris.dt.strftime(TWITTER)
    pd.DataFrame({"paris": paris, "twitter": twitter}).to_csv(path, index=False)
    frame, found = read_csv(path, parse_dates=["twitter"])
    assert (frame["paris"] == paris).all() and (frame["twitter"] == paris).all()
    write_csv(frame, tmp_path / "back.csv", found)
    back = pd.read_csv(tmp_path / "back.csv")
    assert back["paris"].tolist() == paris.dt.tz_convert("UTC").astype(str).tolist()
    assert back["twitter"].tolist() == paris.dt.tz_convert("UTC").dt.strftime(TWITTER).tolist()


@pytest.fixture
def report_inputs(tmp_path):
    real, y_real = make_mixed_frame(n=150, seed=0)
    synthetic, y_synth = make_mixed_frame(n=150, seed=1)
    holdout, y_hold = make_mixed_frame(n=100, seed=2)
    paths = []
    for name, X, y in (("real", real, y_real), ("synth", synthetic, y_synth)):
        paths.append(tmp_path / f"{name}.csv")
        X.assign(bot=y).to_csv(paths[-1], index=False)
    hold = tmp_path / "holdout.csv"
    holdout.assign(bot=y_hold).to_csv(hold, index=False)
    return paths[0], paths[1], hold


def test_report_markdown(report_inputs, tmp_path, capsys):
    real, synth, hold = report_inputs
    out = tmp_path / "r" / "report.md"
    argv = ["report", str(real), str(synth), "--holdout", str(hold), "--target", "bot"]
    assert main([*argv, "-o", str(out), "--plots-dir", str(tmp_path / "figs"), "-q"]) == 0
    text = out.read_text()
    assert text.startswith("# skgan quality report: synth.csv vs real.csv")
    assert "| membership_inference_auc |" in text and "| followers |" in text
    detection = text.split("## Detection by column and pair")[1]
    assert "| detection_auc |" in detection and "| pair_gain |" in detection
    assert "](../figs/marginals.png)" in text
    assert (tmp_path / "figs" / "embedding.png").is_file()
    assert "detection_auc" in capsys.readouterr().out


def test_report_html_is_self_contained(report_inputs, tmp_path):
    real, synth, _ = report_inputs
    out = tmp_path / "report.html"
    assert main(["report", str(real), str(synth), "-o", str(out), "-q"]) == 0
    text = out.read_text()
    assert text.startswith("<!DOCTYPE html>") and "<table" in text
    images = text.split('src="data:image/png;base64,')[1:]
    assert len(images) == 2
    assert base64.b64decode(images[0].split('"')[0])[:4] == b"\x89PNG"
    assert "membership_inference_auc" not in text  # only with a holdout
    assert "<h2>Detection by column and pair</h2>" in text


def test_report_errors(report_inputs, tmp_path, capsys):
    real, synth, _ = report_inputs
    assert main(["report", str(real), str(tmp_path / "nope.csv")]) == 1
    assert "synthetic file not found" in capsys.readouterr().err
    other = tmp_path / "other.csv"
    pd.read_csv(synth).drop(columns="score").to_csv(other, index=False)
    assert main(["report", str(real), str(other), "-o", str(tmp_path / "r.md")]) == 1
    assert "same columns" in capsys.readouterr().err
    assert main(["report", str(real), str(synth), "--format", "pdf"]) == 2


def test_python_dash_m(monkeypatch, capsys):
    # What `python -m skgan --version` runs, without the seconds a fresh interpreter takes.
    monkeypatch.setattr(sys, "argv", ["skgan", "--version"])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("skgan", run_name="__main__")
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"skgan {__version__}"


def test_benchmark_on_text_runs_on_a_sparse_tfidf_matrix(tmp_path, capsys):
    argv = ["benchmark", "--dataset", "youtube_spam_text_pos10", *FAST, "--no-plots", "-q"]
    argv += ["--samplers", "none,smote,gan", "--classifier", "lr"]
    assert main([*argv, "--output-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "(1050 rows; 0: 950, 1: 100), LR" in out
    results = pd.read_csv(tmp_path / "results.csv")
    assert set(results.sampler) == {"none", "SMOTE", "GANSampler"}
    assert results.value.notna().all() and results.error.isna().all()
