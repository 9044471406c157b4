"""Lab 06's registry as a data scientist reads it in Python: the learner's registered model, its three versions
(each from `model/` of a finished training run of the lab, with its tags and the signature of that run's model), the
aliases `@Challenger` (the newest version) and `@Champion` (the version whose `eval_auc` tag is the highest), the
`batch-inference` run that names the alias and the version it resolved to, and no two-part name in the registry.
"""
import pytest
from mllabs_checks.reading import (assert_made_by_the_lab, client, learner, learner_model_name, run_named,
                                   signature_columns)

MODEL = "churn_classifier"


@pytest.fixture(scope="module")
def name():
    return learner_model_name(MODEL)


@pytest.fixture(scope="module")
def versions(name):
    found = client().search_model_versions("name = '%s'" % name)
    return sorted(found, key=lambda version: int(version.version))


def test_the_registered_model_carries_the_lab_tags(name):
    model = client().get_registered_model(name)

    assert model.tags.get("mllabs.lab") == "lab06"
    assert model.tags.get("mllabs.learner") == learner()
    assert model.description
    assert sorted(model.aliases) == ["Challenger", "Champion"]


def test_each_version_comes_from_a_finished_training_run_of_its_feature_set(name, versions):
    assert [version.version for version in versions] == ["1", "2", "3"]
    for version in versions:
        run = client().get_run(version.run_id)
        feature_set = run.data.params["feature_set"]
        assert version.status == "READY"
        assert version.source == run.info.artifact_uri + "/model"
        assert run.info.run_name == "train-" + feature_set and run.info.status == "FINISHED"
        assert_made_by_the_lab(run)
        assert version.tags["feature_set"] == feature_set
        assert version.tags["validation_status"] == "passed"
        assert 0.5 < float(version.tags["eval_auc"]) <= 1
        assert signature_columns("models:/%s/%s" % (name, version.version)) == signature_columns(
            "runs:/%s/model" % run.info.run_id)
    assert len({version.tags["feature_set"] for version in versions}) == 3


def test_the_aliases_point_at_the_newest_and_at_the_best_evaluated_version(name, versions):
    best = max(versions, key=lambda version: float(version.tags["eval_auc"]))

    assert client().get_model_version_by_alias(name, "Challenger").version == versions[-1].version
    assert client().get_model_version_by_alias(name, "Champion").version == best.version
    assert client().get_registered_model(name).aliases == {"Challenger": versions[-1].version,
                                                           "Champion": best.version}


def test_the_batch_run_names_the_alias_and_the_version_it_resolved_to(name):
    run = run_named("batch-inference")

    assert run.info.status == "FINISHED"
    assert run.data.params["model_uri"] == "models:/%s@Champion" % name
    assert run.data.params["model_version"] == client().get_model_version_by_alias(name, "Champion").version
    assert run.data.metrics["scored_rows"] > 0
    assert_made_by_the_lab(run)


def test_no_two_part_name_was_registered(name):
    two_part = name.split(".", 1)[1]
    assert client().search_registered_models("name = '%s'" % two_part) == []
    assert client().search_registered_models("name = '%s'" % name)
