"""A Delta table's history read from its own commit log (`_delta_log/<version>.json`, one JSON action a line), without
Spark: what each version did, when it committed, its schema, its row count (from the files' statistics) and its rows
(its live Parquet files, read with pandas).

Enough for the labs' small tables, which have no checkpoint yet; a table with a checkpoint fails loudly.
"""
import glob
import json
import os

import pandas


def commits(path):
    """Every commit of the table, in version order: dicts with `version`, `timestamp_ms` (when the commit file was
    written, in milliseconds: the time Delta's history and `timestampAsOf` use), `info` (the commitInfo) and
    `actions`."""
    log = os.path.join(path, "_delta_log")
    assert not glob.glob(os.path.join(log, "*.checkpoint*.parquet")), "the table at %s has a checkpoint" % path
    found = []
    for file in sorted(glob.glob(os.path.join(log, "[0-9]" * 20 + ".json"))):
        with open(file, encoding="utf-8") as lines:
            actions = [json.loads(line) for line in lines if line.strip()]
        found.append({
            "version": int(os.path.basename(file)[:20]),
            "timestamp_ms": os.stat(file).st_mtime_ns // 1_000_000,
            "info": next(action["commitInfo"] for action in actions if "commitInfo" in action),
            "actions": actions,
        })
    assert [commit["version"] for commit in found] == list(range(len(found))), "versions missing at " + path
    return found


def live_files(path, version):
    """The `add` actions of the files the table reads at the version, replayed from the log."""
    live = {}
    for commit in commits(path)[:version + 1]:
        for action in commit["actions"]:
            if "add" in action:
                assert "deletionVector" not in action["add"] or not action["add"]["deletionVector"], (
                    "the table at %s has deletion vectors, which this reader does not apply" % path)
                live[action["add"]["path"]] = action["add"]
            elif "remove" in action:
                live.pop(action["remove"]["path"], None)
    return list(live.values())


def row_count(path, version):
    """The rows of the table at the version, from its live files' statistics."""
    return sum(json.loads(added["stats"])["numRecords"] for added in live_files(path, version))


def frame(path, version):
    """The table's rows at the version as a pandas DataFrame, read from its live Parquet files."""
    parts = [pandas.read_parquet(os.path.join(path, added["path"])) for added in live_files(path, version)]
    return pandas.concat(parts, ignore_index=True)


def columns(path, version):
    """The column names of the table's schema at the version."""
    schema = None
    for commit in commits(path)[:version + 1]:
        for action in commit["actions"]:
            if "metaData" in action:
                schema = json.loads(action["metaData"]["schemaString"])
    return [field["name"] for field in schema["fields"]]
