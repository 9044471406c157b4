"""Lab 07's run `delta-training` and the runtime's records beside it, as a data scientist reads them in Python and
holds them against the Delta table's own commit log (`_delta_log`, read without Spark): the counts and the timestamp
the run logs, the time-travel reads the runtime recorded in `mllabs-reads`, the refused append it recorded in
`mllabs-refusals`, the evolved schema, and a model whose signature takes columns of the recorded training set.
"""
import datetime
import json
import pathlib

import pytest
from mllabs_checks import delta_log
from mllabs_checks.reading import assert_made_by_the_lab, download, run_named, signature_columns


@pytest.fixture(scope="module")
def run():
    return run_named("delta-training")


@pytest.fixture(scope="module")
def path(run):
    return run.data.params["delta_table_path"]


def versions_of(path, operation, mode=None):
    """The versions whose commit made the operation (with the write mode, when given), in order."""
    found = [commit["version"] for commit in delta_log.commits(path) if commit["info"]["operation"] == operation
             and (mode is None or commit["info"]["operationParameters"].get("mode") == mode)]
    assert found, "no %s %s in the log of %s" % (operation, mode or "", path)
    return found


def records(name):
    """The JSON records the runtime keeps under the audit run `mllabs-<name>`."""
    audit = run_named("mllabs-" + name)
    assert_made_by_the_lab(audit)
    folder = pathlib.Path(download(audit, name))
    return [json.loads(file.read_text(encoding="utf-8")) for file in sorted(folder.glob("*.json"))]


def test_the_run_is_finished_and_made_by_the_lab(run):
    assert run.info.status == "FINISHED"
    assert_made_by_the_lab(run)


def test_the_logged_counts_are_the_tables_own(run, path):
    update = versions_of(path, "UPDATE")[-1]

    assert run.data.metrics["rows_version_0"] == delta_log.row_count(path, 0)
    assert run.data.metrics["training_rows"] == delta_log.row_count(path, update)
    (training,) = run.inputs.dataset_inputs
    assert json.loads(training.dataset.profile)["approx_count"] == delta_log.row_count(path, update)


def test_the_timestamp_is_the_appends_commit_and_the_runtime_recorded_both_reads(run, path):
    append = versions_of(path, "WRITE", "Append")[0]
    logged = datetime.datetime.fromisoformat(run.data.params["timestamp_as_of"].replace("Z", "+00:00"))
    reads = [(read["option"], read["version"], read["target"]) for read in records("reads")]

    assert round(logged.timestamp() * 1000) == delta_log.commits(path)[append]["timestamp_ms"]
    assert ("versionAsOf", 0, path) in reads
    assert ("timestampAsOf", append, path) in reads


def test_the_runtime_recorded_the_refused_append_and_no_version_has_its_column(path):
    refused = [record for record in records("refusals") if record["target"] == path]

    assert [record["operation"] for record in refused] == ["delta.append"]
    assert "DELTA_METADATA_MISMATCH" in refused[0]["message"]
    versions = range(len(delta_log.commits(path)))
    assert not [version for version in versions if "monthly_charge" in delta_log.columns(path, version)]
    assert "tenure_band" in delta_log.columns(path, versions[-1])


def test_the_model_takes_columns_of_the_training_set_but_not_the_label(run, path):
    inputs = signature_columns("runs:/%s/model" % run.info.run_id)

    assert inputs and set(inputs) <= set(delta_log.columns(path, versions_of(path, "UPDATE")[-1]))
    assert "churned" not in inputs
