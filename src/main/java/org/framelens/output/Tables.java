package org.framelens.output;

import java.util.List;

/**
 * The documentation of the output folder, docs/tables.md, generated from the specs of what the stages write (each
 * stage package holds its tables' specs) and the run manifest's keys.
 */
public final class Tables {
  private Tables() {}

  /** docs/tables.md, generated from the outputs' specs (in pipeline order) so that it cannot drift from the code. */
  public static String markdown(List<OutputSpec> outputs) {
    StringBuilder md = new StringBuilder();
    md.append("# Output tables\n\n")
        .append("<!-- Generated from the stages' output specs by `jobs/framelens tables`; ")
        .append("a test fails when this file and the code differ. -->\n\n")
        .append("Each table is a folder of Parquet files under `--output`, with a `_framelens_table.json` beside the files ")
        .append("(table name, schema version, run id). Spark types map to Parquet as usual: string = BYTE_ARRAY (UTF8), ")
        .append("int = INT32, bigint = INT64, double = DOUBLE, date = INT32 (DATE), map = MAP. Every column is stored ")
        .append("as optional; the null column below says which ones framelens guarantees never to be null. ")
        .append("Folders of other files carry a `_framelens_folder.json`. framelens replaces or removes only what ")
        .append("carries its mark: anything else under one of these names stops a run before any work.\n\n");
    for (OutputSpec o : outputs) {
      if (!(o instanceof TableSpec t)) {
        continue;
      }
      md.append("## ").append(t.name()).append(" (schema version ").append(t.version()).append(")\n\n")
          .append(t.purpose()).append("\n\n")
          .append("| column | type | null | meaning |\n|---|---|---|---|\n");
      for (Column c : t.columns()) {
        md.append("| ").append(c.name()).append(" | ").append(c.type().simpleString()).append(" | ")
            .append(c.nullable() ? "yes" : "no").append(" | ").append(c.meaning().replace("|", "\\|")).append(" |\n");
      }
      md.append('\n');
    }
    for (OutputSpec o : outputs) {
      if (o instanceof FolderSpec f) {
        md.append("## ").append(f.name()).append("/\n\n").append(f.purpose()).append("\n\n");
      } else if (o instanceof FileSpec f) {
        md.append("## ").append(f.name()).append("\n\n").append(f.purpose()).append("\n\n");
      }
    }
    md.append(RUN_MANIFEST_DOC);
    return md.toString();
  }

  private static final String RUN_MANIFEST_DOC = """
      ## run_manifest.json

      Written last, after every table of the run has been committed: its presence means the run succeeded.

      | key | meaning |
      |---|---|
      | run_id | Identifier of the run (UTC time and a random suffix). |
      | command | The subcommand (`run`, `ingest`, `terms`, `distinctive`, `topics`, `entities`, `report`). |
      | status | `succeeded` (a failed run writes no manifest). |
      | started_at, finished_at | UTC timestamps. |
      | config | Every setting of this run's stages, defaults included, by options group (`ingest`, `analysis`, `terms`, `groups`, `keyness`, `topics`, `entities`), and `output`. |
      | versions | framelens, Spark, Scala, Java, Lucene, Hadoop, ICU. |
      | spark | master, application id, default parallelism. |
      | input | path, format, files (path, bytes, modified), the SHA-256 of that listing, and records_xxhash64_xor: the XOR of every input record's xxhash64 (position, id, outlet, date, title, text), which changes when any record's content does, wherever the files are moved. From the run that read the input, when a later run did not. |
      | counts | The counts of every stage in `stages` merged: input records, documents, quarantined (by reason), duplicates, unknown outlets, outlets, tokens, cleaning removals, vocabulary, phrases, groups, topic corpus, entity mentions. |
      | stages | One record per stage whose outputs the folder holds, and per stage of this run: name, status (`ran` or `skipped`), run_id (the run it belongs to: a partial rerun keeps the records of the earlier run's stages whose outputs still stand), seconds, reason (for a skipped stage), counts, and figures such as documents and tokens. |
      | tables | For every table in the folder: schema version, rows, the run and stage that wrote it, and that stage's settings. |
      | folders | The same for models/, graphs/ and report.md: run, stage, settings. |
      """;
}
