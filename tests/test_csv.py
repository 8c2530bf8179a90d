"""CSV files of the command line (skgan._csv): dates read as datetimes, written back alike."""

import numpy as np
import pandas as pd
import pytest

from skgan._csv import TWITTER_FORMAT, parses_as_dates, read_csv, write_csv


def _write(tmp_path, frame, name="in.csv"):
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def test_iso_dates_are_detected_and_written_back_in_their_style(tmp_path):
    frame = pd.DataFrame(
        {
            "day": ["2024-01-05", "2024-02-29", None],
            "stamp": ["2024-01-05T10:00:00Z", "2024-01-06T11:30:00Z", "2024-01-07T00:00:00Z"],
            "year": ["2007", "2008", "2009"],  # numbers, not dates
            "code": ["2024-13-01", "2024-01-01", "x"],  # not every value a date: text
        }
    )
    read, dates = read_csv(_write(tmp_path, frame))
    assert set(dates) == {"day", "stamp"}
    assert pd.api.types.is_datetime64_any_dtype(read["day"]) and read["day"].isna().iloc[2]
    assert pd.api.types.is_string_dtype(read["code"])  # kept as text
    write_csv(read, tmp_path / "out" / "again.csv", dates)  # the folder is created
    again = pd.read_csv(tmp_path / "out" / "again.csv", dtype=str)
    assert again["day"].tolist()[:2] == ["2024-01-05", "2024-02-29"]
    assert again["stamp"].tolist() == frame["stamp"].tolist()


def test_detection_can_be_turned_off(tmp_path):
    frame = pd.DataFrame({"day": ["2024-01-05", "2024-01-06"]})
    read, dates = read_csv(_write(tmp_path, frame), detect_dates=False)
    assert dates == {} and pd.api.types.is_string_dtype(read["day"])


def test_parse_dates_reads_twitter_dates_and_writes_them_alike(tmp_path):
    created = ["Fri Apr 06 10:58:22 +0000 2007", "Mon Jan 01 00:00:01 +0000 2018"]
    path = _write(tmp_path, pd.DataFrame({"created_at": created, "n": [1, 2]}))
    assert parses_as_dates(pd.read_csv(path)["created_at"])
    read, dates = read_csv(path, parse_dates=["created_at"])
    assert read["created_at"].dt.year.tolist() == [2007, 2018]
    assert dates["created_at"].format == TWITTER_FORMAT
    # synthetic values gain no fraction of a second: the input had none
    shifted = read.assign(created_at=read["created_at"] + pd.Timedelta("1.7s"))
    write_csv(shifted, tmp_path / "out.csv", dates)
    assert pd.read_csv(tmp_path / "out.csv")["created_at"].tolist() == [
        "Fri Apr 06 10:58:23 +0000 2007",
        "Mon Jan 01 00:00:02 +0000 2018",
    ]


def test_drop_and_errors_name_the_columns(tmp_path):
    path = _write(tmp_path, pd.DataFrame({"a": [1, 2], "when": ["soon", "2024-01-01"]}))
    read, _ = read_csv(path, drop=["a"])
    assert list(read.columns) == ["when"]
    with pytest.raises(ValueError, match=r"--drop columns \['zz'\]"):
        read_csv(path, drop=["zz"])
    with pytest.raises(ValueError, match="'when': 1 of 2 values .* 'soon'.*--drop when"):
        read_csv(path, parse_dates=["when"])
    with pytest.raises(ValueError, match="'a' holds int64 values, not dates"):
        read_csv(path, parse_dates=["a"])
    with pytest.raises(FileNotFoundError, match="real file not found"):
        read_csv(tmp_path / "missing.csv", what="real")


def test_offsets_that_differ_are_held_in_utc(tmp_path):
    stamps = ["2024-01-05 10:00:00+01:00", "2024-07-05 10:00:00+02:00"]
    read, dates = read_csv(_write(tmp_path, pd.DataFrame({"t": stamps})))
    assert str(read["t"].dt.tz) == "UTC"
    assert read["t"].dt.hour.tolist() == [9, 8]
    assert not parses_as_dates(pd.Series([1, 2])) and not parses_as_dates(pd.Series([np.nan]))
