"""Lab 11's rollout as a data scientist reads it in Python: the learner's registered model with its three versions
(each from a finished training run of the lab), `@Champion` back on the version the rollback restored, the run
`shadow-comparison` with both accuracies on the shadow pairs, and the run `regression-check` that found the retrain
worse than the version before it.
"""
import pytest
from mllabs_checks.reading import assert_made_by_the_lab, client, learner_model_name, run_named

MODEL = "churn_classifier"


@pytest.fixture(scope="module")
def name():
    return learner_model_name(MODEL)


@pytest.fixture(scope="module")
def versions(name):
    found = client().search_model_versions("name = '%s'" % name)
    return {client().get_run(version.run_id).data.params["feature_set"]: version.version for version in found}


def test_three_versions_come_from_finished_training_runs(name, versions):
    assert sorted(versions) == ["all", "numeric", "retrain"]
    for version in client().search_model_versions("name = '%s'" % name):
        run = client().get_run(version.run_id)
        assert run.info.status == "FINISHED"
        assert run.info.run_name == "train-" + run.data.params["feature_set"]
        assert_made_by_the_lab(run)


def test_the_champion_alias_is_back_on_the_version_before_the_retrain(name, versions):
    assert client().get_model_version_by_alias(name, "Champion").version == versions["all"]
    assert client().get_model_version_by_alias(name, "Challenger").version == versions["retrain"]


def test_the_shadow_comparison_has_both_accuracies():
    run = run_named("shadow-comparison")

    assert run.info.status == "FINISHED"
    assert_made_by_the_lab(run)
    assert run.data.metrics["shadow_pairs"] > 0
    assert 0 <= run.data.metrics["champion_accuracy"] <= 1
    assert 0 <= run.data.metrics["challenger_accuracy"] <= 1


def test_the_regression_check_found_the_retrain_worse(versions):
    run = run_named("regression-check")

    assert run.info.status == "FINISHED"
    assert_made_by_the_lab(run)
    assert run.data.params["candidate_version"] == versions["retrain"]
    assert run.data.params["previous_version"] == versions["all"]
    assert run.data.metrics["candidate_accuracy"] < run.data.metrics["previous_accuracy"] - 0.02
