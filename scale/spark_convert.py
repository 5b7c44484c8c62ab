#!/usr/bin/env python3
"""Runs Clerk over a corpus on Apache Spark, one `clerk stream` process per partition.

    spark-submit --master yarn --files /path/to/clerk scale/spark_convert.py INPUT OUTPUT [options]
    python3 scale/spark_convert.py INPUT OUTPUT --clerk .build/release/clerk --master 'local[2]'

INPUT is a folder of dumps (searched recursively for --extensions, hidden entries skipped), a
JSON Lines corpus (a .jsonl file, or a folder of them with --jsonl) of records
{"id": ..., "text" | "base64" | "path" | "record": ..., "name": ...} as `clerk stream` reads
them, with --records a JSON Lines corpus whose lines are case-law records themselves (a
Caselaw Access Project volume: a case per line), or with --csv a CSV table with a header
(CourtListener's bulk opinions file; .bz2 and .gz read by Spark), a row per record, joined with
CourtListener's clusters, dockets and courts tables when --clusters, --dockets and --courts name
them (quoting as --csv-quote and --csv-escape say; default: quotes doubled). A record
line or a row becomes {"id": its id, "record": {...}}, and the records are spread over
--partitions (a compressed CSV file is read by one task, then repartitioned). Dumps
in a folder are sent as their raw bytes (base64), so a dump that is not UTF-8 converts exactly
as `clerk convert` converts the file; its id is its path relative to INPUT.

OUTPUT/jsonl gets the result records (Spark's part-* text files), one line per input:
{"id": ..., "document": {...}} or {"id": ..., "line": N, "error": "..."}. With --parquet,
OUTPUT/parquet also gets them as a table (id, converted, error, document as a JSON string).
An OUTPUT that exists and holds anything is refused unless --overwrite is given, which removes
OUTPUT/jsonl and OUTPUT/parquet (nothing else) first. OUTPUT must lie outside INPUT and INPUT
outside OUTPUT. Local paths are checked before Spark starts; URIs (hdfs://, s3a://, file:/)
through Hadoop's FileSystem once it has.

The binary reaches the executors the Spark way: `--files clerk` on spark-submit, or
`--clerk PATH` here (SparkContext.addFile); each executor finds its copy with SparkFiles.get.
"""
import argparse
import base64
import json
import os
import re
import subprocess
import sys
import threading

# What the job writes in OUTPUT: all that --overwrite ever removes.
RESULTS = ("jsonl", "parquet")


def fail(message):
    """A usage error: one line and exit status 2, as every Clerk command does; never a stack trace."""
    print("spark_convert: error: " + message, file=sys.stderr, flush=True)
    sys.exit(2)


class Parser(argparse.ArgumentParser):
    def error(self, message):
        fail(message + " (see --help)")


def parse_arguments(argv):
    parser = Parser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="a folder of dumps, or a JSON Lines corpus (file or folder)")
    parser.add_argument("output", help="output folder: absent, empty, or with --overwrite")
    parser.add_argument("--overwrite", action="store_true",
                        help="remove OUTPUT/jsonl and OUTPUT/parquet (nothing else) before the job")
    parser.add_argument("--clerk", help="the clerk binary to ship to the executors (default: one shipped with --files)")
    parser.add_argument("--master", help="Spark master when not run by spark-submit, e.g. local[2]")
    parser.add_argument("--jsonl", action="store_true", help="INPUT is JSON Lines even if it is a folder")
    parser.add_argument("--records", action="store_true",
                        help="INPUT is JSON Lines of case-law records (CAP cases, CourtListener opinions), a record per line")
    parser.add_argument("--csv", action="store_true",
                        help="INPUT is a CSV table with a header (CourtListener's bulk opinions), a record per row")
    parser.add_argument("--csv-quote", default='"', help="with --csv: the character that quotes a field (PostgreSQL's COPY ... QUOTE)")
    parser.add_argument("--csv-escape", help="with --csv: the character that escapes a quote inside a quoted field "
                        "(PostgreSQL's COPY ... ESCAPE; CourtListener's exports from 2025 on use \\); default: the quote, doubled")
    parser.add_argument("--clusters", help="with --csv: CourtListener's clusters table, joined to the opinions (case name, date)")
    parser.add_argument("--dockets", help="with --clusters: CourtListener's dockets table (docket number)")
    parser.add_argument("--courts", help="with --dockets: CourtListener's courts table (court's full name)")
    parser.add_argument("--extensions", default="txt,html,htm", help="extensions taken from a folder of dumps")
    parser.add_argument("--partitions", type=int, default=0, help="partitions (default: Spark's choice)")
    parser.add_argument("--config", help="a pipeline.json shipped with the binary and used by every executor")
    parser.add_argument("--parquet", action="store_true", help="also write OUTPUT/parquet")
    arguments = parser.parse_args(argv)
    for name in ("csv_quote", "csv_escape"):
        value = getattr(arguments, name)
        if value is not None and (len(value) != 1 or not value.isascii() or value in ",\r\n"):
            parser.error("--%s must be one ASCII character other than a comma or a line end" % name.replace("_", "-"))
    if arguments.clusters and not arguments.csv:
        parser.error("--clusters joins tables to a CSV table of opinions: give --csv")
    if arguments.dockets and not arguments.clusters:
        parser.error("--dockets needs --clusters: a record reaches its docket through its cluster")
    if arguments.courts and not arguments.dockets:
        parser.error("--courts needs --dockets: a record reaches its court through its docket")
    return arguments


def is_uri(path):
    """hdfs://..., s3a://..., file:/...: a path for Hadoop's FileSystem, not for os.path."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*:/", path) is not None


def overlap(input_path, input_key, output, output_key):
    """The rule of every Clerk command that writes: an output never replaces an input, and the
    output folder is never read as input (a re-run would take the results, or --overwrite
    would remove the corpus). The keys are the paths resolved, compared component-wise."""
    def inside(path, folder):
        return path.startswith(folder.rstrip("/") + "/")

    if output_key == input_key:
        relation = "OUTPUT %s is INPUT %s" % (output, input_path)
    elif inside(output_key, input_key):
        relation = "OUTPUT %s lies inside INPUT %s" % (output, input_path)
    elif inside(input_key, output_key):
        relation = "INPUT %s lies inside OUTPUT %s" % (input_path, output)
    else:
        return
    fail(relation + "; the output folder must lie outside the input, and the input outside it")


def refuse_existing(output, is_folder, names, overwrite):
    """OUTPUT as found: absent (is_folder None) or an empty folder is fine; a folder that holds
    anything needs --overwrite, which removes only RESULTS; a file is never written over."""
    if is_folder is None:
        return
    if not is_folder:
        fail("OUTPUT %s exists and is not a folder; remove it or name another OUTPUT" % output)
    if names and not overwrite:
        names = sorted(names, key=lambda name: (name not in RESULTS, name))
        held = ", ".join(names[:3]) + (" and %d more" % (len(names) - 3) if len(names) > 3 else "")
        fail("OUTPUT %s exists (it holds %s); remove it or pass --overwrite" % (output, held))


def tables(arguments):
    """The tables joined to the opinions, with their options' names."""
    return [("--" + name, getattr(arguments, name)) for name in ("clusters", "dockets", "courts") if getattr(arguments, name)]


def check_locally(arguments):
    """The checks on local paths, before Spark starts: a refusal takes a fraction of a second
    instead of a JVM's start and a stack trace. URIs wait for check_with_hadoop."""
    if arguments.clerk and not os.access(arguments.clerk, os.X_OK):
        fail("--clerk %s is not an executable file" % arguments.clerk)
    if arguments.config:
        if os.path.basename(arguments.config) != "pipeline.json":
            fail("--config %s must name a file called pipeline.json" % arguments.config)
        if not os.path.isfile(arguments.config):
            fail("--config %s does not exist" % arguments.config)
    if not is_uri(arguments.input) and not os.path.exists(arguments.input):
        fail("INPUT %s does not exist" % arguments.input)
    for option, table in tables(arguments):
        if not is_uri(table) and not os.path.exists(table):
            fail("%s %s does not exist" % (option, table))
    if is_uri(arguments.output):
        return
    if not is_uri(arguments.input):
        overlap(arguments.input, os.path.realpath(arguments.input),
                arguments.output, os.path.realpath(arguments.output))
    output = arguments.output
    if os.path.isdir(output):
        refuse_existing(output, True, os.listdir(output), arguments.overwrite)
    else:
        refuse_existing(output, False if os.path.lexists(output) else None, [], arguments.overwrite)


def check_with_hadoop(sc, arguments):
    """The same checks where Spark reads and writes, through Hadoop's FileSystem (so for URIs
    too), and --overwrite's removal; for local paths the checks only repeat check_locally."""
    hadoop = sc._jvm.org.apache.hadoop.fs
    configuration = sc._jsc.hadoopConfiguration()

    def resolve(path):
        filesystem = hadoop.Path(path).getFileSystem(configuration)
        return filesystem, filesystem.makeQualified(hadoop.Path(path))

    input_filesystem, input_path = resolve(arguments.input)
    if not input_filesystem.exists(input_path):
        fail("INPUT %s does not exist" % arguments.input)
    for option, table in tables(arguments):
        table_filesystem, table_path = resolve(table)
        if not table_filesystem.exists(table_path):
            fail("%s %s does not exist" % (option, table))
    filesystem, output = resolve(arguments.output)
    overlap(arguments.input, input_path.toString(), arguments.output, output.toString())
    if filesystem.exists(output):
        is_folder = filesystem.getFileStatus(output).isDirectory()
        names = [status.getPath().getName() for status in filesystem.listStatus(output)] if is_folder else []
        refuse_existing(arguments.output, is_folder, names, arguments.overwrite)
        if arguments.overwrite:
            for name in RESULTS:
                filesystem.delete(hadoop.Path(output, name), True)


def folder_records(sc, folder, extensions, partitions):
    """(id, JSON Lines record) for each dump in `folder` (a local path or a URI such as
    hdfs:///dumps), read as raw bytes; the id is the dump's path relative to `folder`."""
    configuration = sc._jsc.hadoopConfiguration()
    configuration.set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    location = folder if is_uri(folder) else os.path.abspath(folder)
    # binaryFiles names each file by its qualified path (file:/…, hdfs://host:port/…): the root
    # qualified the same way is what to take off.
    path = sc._jvm.org.apache.hadoop.fs.Path(location)
    root = path.getFileSystem(configuration).makeQualified(path).toString().rstrip("/") + "/"
    files = sc.binaryFiles(location, minPartitions=partitions or None)

    def relative(item):
        return item[0][len(root):] if item[0].startswith(root) else item[0]

    def wanted(item):
        parts = relative(item).split("/")
        return not any(part.startswith(".") for part in parts) and parts[-1].rsplit(".", 1)[-1].lower() in extensions

    def record(item):
        name = relative(item)
        return json.dumps({"id": name, "name": name.rsplit("/", 1)[-1],
                           "base64": base64.b64encode(item[1]).decode("ascii")})

    # Sorted by path (range-partitioned into --partitions): the output comes out in path order.
    return files.filter(wanted).sortBy(lambda item: item[0], numPartitions=partitions or None).map(record)


def record_line(record, fallback_id):
    """A case-law record as `clerk stream` takes it: {"id": its id, "record": {...}}."""
    identifier = record.get("id")
    if not isinstance(identifier, (str, int)) or identifier == "":
        identifier = fallback_id
    return json.dumps({"id": identifier, "record": record})


def json_line_records(sc, path, partitions):
    """Each line a record of its own (a CAP case); a line that is not a JSON object is passed on
    as it is, and `clerk stream` reports it with its line number."""
    def wrap(item):
        line, number = item
        try:
            record = json.loads(line)
        except ValueError:
            return line
        return record_line(record, "line %d" % (number + 1)) if isinstance(record, dict) else line

    lines = sc.textFile(path, minPartitions=partitions or None).zipWithIndex().filter(lambda item: item[0].strip())
    return lines.map(wrap)


def read_table(spark, path, arguments):
    """A CSV table with a header, fields over several lines, quoted as --csv-quote and
    --csv-escape say (default: RFC 4180, a quote doubled inside a quoted field)."""
    quote = arguments.csv_quote
    return spark.read.csv(path, header=True, multiLine=True, quote=quote, escape=arguments.csv_escape or quote)


def joined_tables(spark, opinions, path, arguments):
    """The opinions with the columns clerk's CourtListener reader reads from the other tables:
    case_name, case_name_full and date_filed of the cluster, docket_number of its docket,
    court_full_name of the docket's court; a column the opinions table has itself is kept."""
    from pyspark.sql import functions as F

    def first_of_each(table, key):
        """One row per key, the first in the file (its read order), as convert keeps."""
        from pyspark.sql import Window
        ordered = table.withColumn("_order", F.monotonically_increasing_id())
        first = F.row_number().over(Window.partitionBy(key).orderBy("_order"))
        return ordered.withColumn("_first", first).filter(F.col("_first") == 1).drop("_order", "_first")

    def require(table, path, names):
        missing = [name for name in names if name not in table.columns]
        if missing:
            fail("%s: no column %s (the header names: %s)" % (path, ", ".join(missing), ", ".join(table.columns)))

    require(opinions, path, ["cluster_id"])
    clusters = read_table(spark, arguments.clusters, arguments)
    require(clusters, arguments.clusters, ["id", "case_name", "case_name_full", "date_filed", "docket_id"])
    # One row per id: a repeated id would repeat its opinions.
    extra = first_of_each(clusters.select(F.col("id").alias("_cluster"), "case_name", "case_name_full", "date_filed",
                                          F.col("docket_id").alias("_docket")), "_cluster")
    if arguments.dockets:
        dockets = read_table(spark, arguments.dockets, arguments)
        require(dockets, arguments.dockets, ["id", "docket_number", "court_id"])
        dockets = first_of_each(dockets.select(F.col("id").alias("_docket"), "docket_number", F.col("court_id").alias("_court")), "_docket")
        extra = extra.join(dockets, "_docket", "left")
        if arguments.courts:
            courts = read_table(spark, arguments.courts, arguments)
            require(courts, arguments.courts, ["id", "full_name"])
            courts = first_of_each(courts.select(F.col("id").alias("_court"), F.col("full_name").alias("court_full_name")), "_court")
            extra = extra.join(courts, "_court", "left")
    added = [name for name in ("case_name", "case_name_full", "date_filed", "docket_number", "court_full_name") if name in extra.columns]
    renamed = extra.select(["_cluster"] + [F.col(name).alias("_joined_" + name) for name in added])
    table = opinions.join(renamed, opinions["cluster_id"] == renamed["_cluster"], "left")
    for name in added:
        value = F.col("_joined_" + name)
        table = table.withColumn(name, F.coalesce(F.col(name), value) if name in opinions.columns else value)
    return table.drop("_cluster", *["_joined_" + name for name in added])


def csv_records(spark, path, arguments):
    """A row per record, by the header's names, with the other tables joined when given."""
    table = read_table(spark, path, arguments)
    if arguments.clusters:
        table = joined_tables(spark, table, path, arguments)
    rows = table.rdd.zipWithIndex().map(lambda item: record_line(item[0].asDict(), "row %d" % (item[1] + 1)))
    return rows.repartition(arguments.partitions) if arguments.partitions else rows


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


def report(line):
    """A result line, on a line of its own and in order with Spark's log lines on stderr."""
    sys.stderr.flush()
    print("spark_convert: " + line, flush=True)


def main(argv):
    arguments = parse_arguments(argv)
    check_locally(arguments)
    from pyspark.sql import SparkSession

    # No console progress bar: it redraws itself on stderr with carriage returns, so the result
    # lines would run into it.
    builder = SparkSession.builder.appName("clerk-convert").config("spark.ui.showConsoleProgress", "false")
    if arguments.master:
        builder = builder.master(arguments.master)
    spark = builder.getOrCreate()
    try:
        run(spark, arguments)
    finally:
        spark.stop()


def run(spark, arguments):
    sc = spark.sparkContext
    check_with_hadoop(sc, arguments)
    if arguments.clerk:
        sc.addFile(os.path.abspath(arguments.clerk))
    stream_arguments = []
    if arguments.config:
        sc.addFile(os.path.abspath(arguments.config))
        stream_arguments = ["--config", "pipeline.json"]

    is_jsonl = arguments.jsonl or os.path.isfile(arguments.input)
    if arguments.csv:
        records = csv_records(spark, arguments.input, arguments)
    elif arguments.records:
        records = json_line_records(sc, arguments.input, arguments.partitions)
    elif is_jsonl:
        records = sc.textFile(arguments.input, minPartitions=arguments.partitions or None).filter(lambda l: l.strip())
    else:
        extensions = {e.strip().lower() for e in arguments.extensions.split(",") if e.strip()}
        records = folder_records(sc, arguments.input, extensions, arguments.partitions)

    results = records.mapPartitions(pipe_through_clerk(stream_arguments)).cache()
    results.saveAsTextFile(os.path.join(arguments.output, "jsonl"))
    total = results.count()
    failed = results.filter(lambda line: "document" not in json.loads(line)).count()
    report("%d record(s), %d converted, %d failed" % (total, total - failed, failed))

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
        report("parquet: %d row(s)" % spark.read.parquet(path).count())


if __name__ == "__main__":
    main(sys.argv[1:])
