"""The Spark integration in local mode: the same records as a single process on the same rows.

Skips when pyspark (the `spark` extra) or Java is missing; CI installs the extra and runs it.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from test_cli import STORY

from cleaner import Cleaner
from cleaner.model import Document

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java", allow_module_level=True)

from cleaner.integrations.spark import clean_dataframe, cleaner_for, main  # noqa: E402

PAGE = ("<html><head><title>Harbour budget approved</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Harbour budget approved</h1><p>By Jane Doe</p>"
        "<p>The council approved the new budget on Tuesday after a long debate about the harbour works.</p>"
        "<p>Opposition members said the spending plan left too little for the schools in the north.</p>"
        "<p>Advertisement</p></article></body></html>")
ROWS = [
    {"id": "page", "url": "https://news.example.com/harbour", "outlet": None, "html": PAGE, "text": None},
    {"id": "story", "url": None, "outlet": None, "html": None, "text": STORY},
    {"id": "vcpost", "url": None, "outlet": "vcpost", "html": None, "text": STORY + "\n© 2024 VCPOST\nMore"},
    {"id": "empty", "url": None, "outlet": None, "html": None, "text": None},
]


@pytest.fixture(scope="module")
def spark():
    """A local Spark whose Python workers run this interpreter (PYSPARK_PYTHON, read at start-up)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYSPARK_PYTHON", sys.executable)
        session = (pyspark.sql.SparkSession.builder.master("local[2]").appName("cleaner-test")
                   .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
        yield session
        session.stop()


def _without_timing(record: dict) -> dict:
    return {**record, "stats": {k: v for k, v in record["stats"].items() if k != "ms"}}


def _expected(row: dict) -> dict:
    format = "html" if row["html"] is not None else "text"
    document = Document(row[format], format, row["id"], row["url"] or "", row["outlet"] or "")
    return _without_timing(Cleaner().clean_document(document).to_record())


def test_dataframe_records_equal_the_single_process_records(spark):
    frame = spark.createDataFrame(ROWS, "id string, url string, outlet string, html string, text string")
    got = {row["id"]: row.asDict(recursive=True) for row in clean_dataframe(frame.repartition(2)).collect()}
    for row in ROWS[:3]:
        record = got[row["id"]]
        assert record.pop("error") is None
        assert _without_timing(record) == _expected(row)
    assert got["empty"]["error"] == "read: record has neither 'html' nor 'text'"
    assert got["vcpost"]["profile"] == "vcpost" and "VCPOST" not in got["vcpost"]["text"]


def test_a_frame_without_content_columns_is_refused(spark):
    with pytest.raises(ValueError, match="'html' or 'text' column"):
        clean_dataframe(spark.createDataFrame([{"id": "a"}]))


def test_one_cleaner_per_worker_process():
    from cleaner.config import CleanerConfig

    assert cleaner_for(CleanerConfig()) is cleaner_for(CleanerConfig())


def test_script_cleans_jsonl_to_jsonl_parts(spark, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({k: v for k, v in row.items() if v is not None}) + "\n" for row in ROWS[:3]))
    main([str(source), str(tmp_path / "out")])
    lines = [json.loads(line) for part in sorted((tmp_path / "out").glob("part-*.json")) for line in part.open()]
    assert sorted(r["id"] for r in lines) == ["page", "story", "vcpost"]
    assert all(r["error"] is None and "title" in r for r in lines)


def test_the_core_never_imports_spark():
    code = "import sys, cleaner, cleaner.cli, cleaner.bench; assert 'pyspark' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
