"""Clean a Spark DataFrame: rows of HTML or text (plus id, url, outlet) to the CLI's records.

    from cleaner.integrations.spark import clean_dataframe
    cleaned = clean_dataframe(spark.read.json("s3://bucket/pages/*.jsonl.gz"))

A row is read like a JSONL record of `cleaner clean`: its `html` column if set, else its `text`
column, with `id`, `url` and `outlet` where the DataFrame has them. Each output row has the fields
of the CLI's JSONL record (`id`, `url`, `outlet`, `profile`, `title`, `authors`, `date`, `text`,
`removed`, `stats`) plus `error`: null when the document was cleaned, else "stage: reason" and
the other fields empty, so one bad page never fails the job.

Partitions are cleaned with `mapPartitions` by a Cleaner kept in the Python worker process: the
profiles are loaded and compiled once per worker, not once per row or task. Profile folders
(`CleanerConfig.profile_dirs`) must be readable on every executor, e.g. on shared storage.

Run as a script (`spark-submit .../cleaner/integrations/spark.py IN OUT`) it reads JSONL, cleans
it and writes JSONL part files. Needs `pip install 'cleaner[spark]'` (pyspark) and Java.
"""
from __future__ import annotations

import argparse
from typing import Iterable, Iterator

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from cleaner.config import CleanerConfig
from cleaner.model import Document, Failure
from cleaner.pipeline import Cleaner
from cleaner.pool import clean_outcome

INPUT_COLUMNS = ("id", "url", "outlet", "html", "text")
STATS = ("chars_in", "chars_out", "blocks_kept", "blocks_removed", "ms")
RECORD_SCHEMA = StructType([
    *(StructField(name, StringType()) for name in ("id", "url", "outlet", "profile", "title")),
    StructField("authors", ArrayType(StringType())),
    StructField("date", StringType()),
    StructField("text", StringType()),
    StructField("removed", ArrayType(StructType([StructField("rule", StringType()), StructField("text", StringType())]))),
    StructField("stats", StructType([*(StructField(name, LongType()) for name in STATS[:-1]), StructField("ms", DoubleType())])),
    StructField("error", StringType()),
])

_cleaners: dict[CleanerConfig, Cleaner] = {}


def cleaner_for(config: CleanerConfig) -> Cleaner:
    """The worker process's Cleaner for this configuration, created on first use and kept."""
    if config not in _cleaners:
        _cleaners[config] = Cleaner(config)
    return _cleaners[config]


def row_to_document(row: dict) -> Document | Failure:
    """A row as `cleaner clean` reads a JSONL record: html if set, else text."""
    doc_id = "" if row.get("id") is None else str(row["id"])
    for format in ("html", "text"):
        content = row.get(format)
        if content is not None:
            return Document(content=str(content), format=format, id=doc_id, url=row.get("url") or "",
                            outlet=row.get("outlet") or "", source=doc_id)
    return Failure(source=doc_id, stage="read", reason="record has neither 'html' nor 'text'", id=doc_id)


def clean_row(cleaner: Cleaner, row: dict) -> tuple:
    """One output row in RECORD_SCHEMA's order: the CLI's record, or the failure in `error`."""
    outcome = clean_outcome(cleaner, row_to_document(row))  # as the CLI's workers do: never raises
    if isinstance(outcome, Failure):
        return (outcome.id, row.get("url") or "", row.get("outlet") or "", None, None, [], None, None, [], None,
                f"{outcome.stage}: {outcome.reason}")
    record = outcome.to_record()
    stats = record["stats"]
    return (*(record[f] for f in ("id", "url", "outlet", "profile", "title", "authors", "date", "text")),
            [(r["rule"], r["text"]) for r in record["removed"]], tuple(stats[s] for s in STATS), None)


def _partition_cleaner(config: CleanerConfig):
    def clean_partition(rows: Iterable) -> Iterator[tuple]:
        cleaner = cleaner_for(config)
        for row in rows:
            yield clean_row(cleaner, row.asDict())

    return clean_partition


def clean_dataframe(frame: DataFrame, config: CleanerConfig | None = None) -> DataFrame:
    """The cleaned records of a DataFrame with `html` and/or `text` columns (and id, url, outlet)."""
    present = [c for c in INPUT_COLUMNS if c in frame.columns]
    if "html" not in present and "text" not in present:
        raise ValueError(f"the DataFrame needs an 'html' or 'text' column; it has {', '.join(frame.columns)}")
    rows = frame.select(*present).rdd.mapPartitions(_partition_cleaner(config or CleanerConfig()))
    return frame.sparkSession.createDataFrame(rows, RECORD_SCHEMA)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Clean JSONL records {id, url?, outlet?, html|text} with Spark.")
    parser.add_argument("input", help="JSONL file(s) or folder, any path Spark reads (gzip too)")
    parser.add_argument("output", help="folder for the cleaned JSONL part files")
    parser.add_argument("--profiles", action="append", default=[], metavar="DIR",
                        help="outlet profiles on top of the bundled ones; readable on every executor")
    parser.add_argument("--no-bundled-profiles", action="store_true")
    args = parser.parse_args(argv)
    spark = SparkSession.builder.appName("cleaner").getOrCreate()
    config = CleanerConfig(profile_dirs=tuple(args.profiles), bundled_profiles=not args.no_bundled_profiles)
    cleaned = clean_dataframe(spark.read.json(args.input), config)
    cleaned.write.mode("errorifexists").option("ignoreNullFields", "false").json(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
