#!/usr/bin/env python3
"""Runs Clerk over a corpus on Apache Spark, one `clerk stream` process per partition.

    spark-submit --master yarn --files /path/to/clerk scale/spark_convert.py INPUT OUTPUT [options]
    python3 scale/spark_convert.py INPUT OUTPUT --clerk .build/release/clerk --master 'local[2]'

INPUT is a folder of dumps (searched recursively for --extensions, hidden entries skipped) or
a JSON Lines corpus (a .jsonl file, or a folder of them with --jsonl) of records
{"id": ..., "text" | "base64" | "path": ..., "name": ...} as `clerk stream` reads them. Dumps
in a folder are sent as their raw bytes (base64), so a dump that is not UTF-8 converts exactly
as `clerk convert` converts the file; its id is its path relative to INPUT.

OUTPUT/jsonl gets the result records (Spark's part-* text files), one line per input:
{"id": ..., "document": {...}} or {"id": ..., "line": N, "error": "..."}. With --parquet,
OUTPUT/parquet also gets them as a table (id, converted, error, document as a JSON string).

The binary reaches the executors the Spark way: `--files clerk` on spark-submit, or
`--clerk PATH` here (SparkContext.addFile); each executor finds its copy with SparkFiles.get.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import threading


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="a folder of dumps, or a JSON Lines corpus (file or folder)")
    parser.add_argument("output", help="output folder (must not exist)")
    parser.add_argument("--clerk", help="the clerk binary to ship to the executors (default: one shipped with --files)")
    parser.add_argument("--master", help="Spark master when not run by spark-submit, e.g. local[2]")
    parser.add_argument("--jsonl", action="store_true", help="INPUT is JSON Lines even if it is a folder")
    parser.add_argument("--extensions", default="txt,html,htm", help="extensions taken from a folder of dumps")
    parser.add_argument("--partitions", type=int, default=0, help="partitions (default: Spark's choice)")
    parser.add_argument("--config", help="a pipeline.json shipped with the binary and used by every executor")
    parser.add_argument("--parquet", action="store_true", help="also write OUTPUT/parquet")
    return parser.parse_args(argv)


def folder_records(sc, folder, extensions, partitions):
    """(id, JSON Lines record) for each dump in `folder`, read as raw bytes."""
    root = os.path.abspath(folder)
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    files = sc.binaryFiles(root, minPartitions=partitions or None)

    def wanted(item):
        relative = os.path.relpath(item[0].replace("file:", "", 1), root)
        parts = relative.split(os.sep)
        return not any(part.startswith(".") for part in parts) and relative.rsplit(".", 1)[-1].lower() in extensions

    def record(item):
        relative = os.path.relpath(item[0].replace("file:", "", 1), root)
        return json.dumps({"id": relative, "name": os.path.basename(relative),
                           "base64": base64.b64encode(item[1]).decode("ascii")})

    # Sorted by path (range-partitioned into --partitions): the output comes out in path order.
    return files.filter(wanted).sortBy(lambda item: item[0], numPartitions=partitions or None).map(record)


def pipe_through_clerk(arguments):
    """What RDD.pipe does (one process per partition, records on its standard input, its lines
    back), with the binary looked up where the partition runs: SparkFiles.get is only right on
    the executor itself."""
    def run(records):
        from pyspark import SparkFiles
        clerk = SparkFiles.get("clerk")
        if not os.access(clerk, os.X_OK):
            os.chmod(clerk, 0o755)
        command = [clerk, "stream"] + [SparkFiles.get(a) if a == "pipeline.json" else a for a in arguments]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        def feed():
            try:
                for line in records:
                    process.stdin.write(line.encode("utf-8") + b"\n")
            finally:
                process.stdin.close()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        for line in process.stdout:
            yield line.decode("utf-8").rstrip("\n")
        feeder.join()
        errors = process.stderr.read().decode("utf-8", "replace")
        status = process.wait()
        # 1: some records failed, and each has its error line; anything else is the run's failure.
        if status not in (0, 1):
            raise RuntimeError("clerk stream exited with %d: %s" % (status, errors.strip()))

    return run


def main(argv):
    arguments = parse_arguments(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("clerk-convert")
    if arguments.master:
        builder = builder.master(arguments.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    if arguments.clerk:
        sc.addFile(os.path.abspath(arguments.clerk))
    stream_arguments = []
    if arguments.config:
        if os.path.basename(arguments.config) != "pipeline.json":
            sys.exit("spark_convert: --config must name a file called pipeline.json")
        sc.addFile(os.path.abspath(arguments.config))
        stream_arguments = ["--config", "pipeline.json"]

    is_jsonl = arguments.jsonl or os.path.isfile(arguments.input)
    if is_jsonl:
        records = sc.textFile(arguments.input, minPartitions=arguments.partitions or None).filter(lambda l: l.strip())
    else:
        extensions = {e.strip().lower() for e in arguments.extensions.split(",") if e.strip()}
        records = folder_records(sc, arguments.input, extensions, arguments.partitions)

    results = records.mapPartitions(pipe_through_clerk(stream_arguments)).cache()
    results.saveAsTextFile(os.path.join(arguments.output, "jsonl"))
    total = results.count()
    failed = results.filter(lambda line: "document" not in json.loads(line)).count()
    print("spark_convert: %d record(s), %d converted, %d failed" % (total, total - failed, failed))

    if arguments.parquet:
        from pyspark.sql import Row

        def row(line):
            record = json.loads(line)
            document = record.get("document")
            return Row(id=str(record.get("id")), converted=document is not None, error=record.get("error"),
                       document=json.dumps(document, ensure_ascii=False) if document is not None else None)

        path = os.path.join(arguments.output, "parquet")
        spark.createDataFrame(results.map(row), "id string, converted boolean, error string, document string") \
            .write.parquet(path)
        print("spark_convert: parquet: %d row(s)" % spark.read.parquet(path).count())
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
