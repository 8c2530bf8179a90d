"""make_samplers, the sampler-name check and the reference choice."""

import pytest
from imblearn.over_sampling import RandomOverSampler


def test_make_samplers_chooses_by_column_types(mixed_data):
    from imblearn.over_sampling import ADASYN, SMOTE

    from skgan.experiments import (
        CLASS_WEIGHT,
        SAMPLER_NAMES,
        ImputedSampler,
        OneHotSampler,
        make_samplers,
    )

    X, _ = mixed_data  # categoricals and NaN
    samplers = make_samplers(SAMPLER_NAMES, X, random_state=3, gan_params={"n_steps": 7})
    assert list(samplers) == [
        "none",
        "class_weight",
        "ROS",
        "SMOTENC",
        "BorderlineSMOTE",
        "ADASYN",
        "ScreenedSampler",
        "GANSampler (no rounds)",
        "GANSampler",
    ]
    assert samplers["none"] is None and samplers["class_weight"] == CLASS_WEIGHT
    assert isinstance(samplers["ROS"], RandomOverSampler)
    smotenc = samplers["SMOTENC"]
    assert isinstance(smotenc, ImputedSampler)
    assert smotenc.sampler.categorical_features == ["verified", "lang", "source"]
    assert isinstance(samplers["ADASYN"], OneHotSampler)
    assert samplers["GANSampler"].get_params()["n_steps"] == 7
    off = samplers["GANSampler (no rounds)"].get_params()
    assert off["n_steps"] == 7 and off["n_rounds"] == 0
    assert samplers["ScreenedSampler"].get_params()["candidates"] == "marginals"
    assert all(s.random_state == 3 for s in (samplers["ROS"], samplers["GANSampler"]))

    numeric = X[["followers", "score"]]  # no categorical, no NaN: the samplers as they are
    plain = make_samplers(["smote", "adasyn"], numeric)
    assert type(plain["SMOTE"]) is SMOTE and type(plain["ADASYN"]) is ADASYN
    assert isinstance(make_samplers("smote", X[["ratio"]])["SMOTE"], ImputedSampler)


@pytest.mark.parametrize("names", [["none", "magic"], [], ["gan", "gan"]])
def test_make_samplers_rejects_bad_names(names, mixed_data):
    from skgan.experiments import make_samplers

    with pytest.raises(ValueError, match="names must be distinct sampler names") as info:
        make_samplers(names, mixed_data[0])
    if "magic" in names:
        assert "['magic'] unknown" in str(info.value)


def test_check_sampler_names_is_the_one_check():
    from skgan.experiments._registry import check_sampler_names

    assert check_sampler_names("gan") == ["gan"]
    assert check_sampler_names(("none", "smote")) == ["none", "smote"]
    with pytest.raises(ValueError, match=r"unknown or repeated sampler\(s\) \['gan'\]"):
        check_sampler_names(["gan", "none", "gan"])
    with pytest.raises(ValueError, match=r"unknown or repeated sampler\(s\) \[\]"):
        check_sampler_names([])


def test_reference_sampler_prefers_smotenc_then_smote_then_fallback(mixed_data):
    from skgan.experiments import make_samplers, reference_sampler

    X, _ = mixed_data
    assert reference_sampler(make_samplers(["none", "smote", "gan"], X)) == "SMOTENC"
    numeric = X[["followers", "score"]]
    assert reference_sampler(make_samplers(["gan", "smote"], numeric)) == "SMOTE"
    assert reference_sampler(["none", "GANSampler"]) == "none"
    assert reference_sampler(["none", "GANSampler"], fallback=None) is None
    assert reference_sampler(["ROS"], fallback="ROS") == "ROS"


def test_make_samplers_pools_the_smote_label(mixed_data):
    from skgan.experiments import POOLED_SMOTE, make_samplers, reference_sampler

    X, _ = mixed_data
    made = make_samplers(["none", "smote", "gan"], X, random_state=0, smote_label=POOLED_SMOTE)
    assert list(made) == ["none", "SMOTE(NC)", "GANSampler"]
    assert reference_sampler(made) == "SMOTE(NC)"
    numeric = X.select_dtypes("number")
    assert list(make_samplers(["smote"], numeric, smote_label=POOLED_SMOTE)) == ["SMOTE(NC)"]
