package io.hivewire.source.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.ObjectInfo;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TablePlannerTest {

  private static final String TABLE = "data/events/";
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  /** Objects under the table, each "relative/key:size"; the n-th is modified n hours after T0. */
  private static List<ObjectInfo> listing(String... entries) {
    return Arrays.stream(entries)
        .map(
            entry -> {
              int colon = entry.lastIndexOf(':');
              String key = TABLE + entry.substring(0, colon);
              long size = Long.parseLong(entry.substring(colon + 1));
              int index = Arrays.asList(entries).indexOf(entry);
              return new ObjectInfo(key, size, T0.plusSeconds(3600L * index), "etag" + index);
            })
        .toList();
  }

  private static TablePlan plan(DataFormat format, Partitioning partitioning, String... entries) {
    return new TablePlanner(format, partitioning).plan("events", TABLE, listing(entries));
  }

  @Test
  void partitionedTableHasItsKeysCountsAndNewestModification() {
    TablePlan plan =
        plan(
            DataFormat.CSV,
            Partitioning.ALL,
            "date=2025-01-01/region=EU/a.csv:10",
            "date=2025-01-01/region=EU/b.csv.gz:20",
            "date=2025-01-01/region=US/a.csv:30",
            "date=2025-01-02/region=EU/a.gz:40");

    assertThat(plan).isInstanceOf(Table.class);
    Table table = (Table) plan;
    assertThat(table.name()).isEqualTo("events");
    assertThat(table.partitionKeys()).containsExactly("date", "region");
    assertThat(table.partitionCount()).isEqualTo(3);
    assertThat(table.fileCount()).isEqualTo(4);
    assertThat(table.bytes()).isEqualTo(100);
    assertThat(table.lastModified()).isEqualTo(T0.plusSeconds(3 * 3600));
    assertThat(table.dataFiles().get(0).key()).isEqualTo(TABLE + "date=2025-01-01/region=EU/a.csv");
    assertThat(table.dataFiles().get(0).partition().value("region")).contains("EU");
    assertThat(table.ignoredFiles()).isEmpty();
  }

  @Test
  void unpartitionedTableReadsFilesAtAnyDepthAndKeyValueDirectoriesArePlain() {
    TablePlan plan =
        plan(
            DataFormat.CSV,
            Partitioning.NONE,
            "a.csv:1",
            "inner/b.csv:2",
            "inner_1/inner_2/c.csv:3",
            "date=2025-01-01/d.csv:4");

    Table table = (Table) plan;
    assertThat(table.fileCount()).isEqualTo(4);
    assertThat(table.partitionKeys()).isEmpty();
    assertThat(table.partitionCount()).isZero();
    assertThat(table.dataFiles()).allMatch(f -> f.partition().isEmpty());
  }

  @Test
  void markersChecksumsTemporaryAndHiddenFilesAreIgnoredWithReasons() {
    TablePlan plan =
        plan(
            DataFormat.PARQUET,
            Partitioning.ALL,
            ":0",
            "d=1/:0",
            "d=1_$folder$:0",
            "d=1/_SUCCESS:0",
            "d=1/part-0.parquet:10",
            "d=1/.part-0.parquet.crc:8",
            "d=1/_committed_123:5",
            "_temporary/0/d=2/part-0.parquet:10",
            ".spark-staging/part-0.parquet:10",
            "d=1/notes.txt:3",
            "d=1/part-1.csv:3",
            "d=1/part-2.parquet:0");

    Table table = (Table) plan;
    assertThat(table.dataFiles())
        .extracting(DataFile::key)
        .containsExactly(TABLE + "d=1/part-0.parquet");
    assertThat(table.ignoredFiles())
        .extracting(f -> f.key().substring(TABLE.length()), IgnoredFile::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("", IgnoreReason.FOLDER_MARKER),
            org.assertj.core.groups.Tuple.tuple("d=1/", IgnoreReason.FOLDER_MARKER),
            org.assertj.core.groups.Tuple.tuple("d=1_$folder$", IgnoreReason.FOLDER_MARKER),
            org.assertj.core.groups.Tuple.tuple("d=1/_SUCCESS", IgnoreReason.SUCCESS_MARKER),
            org.assertj.core.groups.Tuple.tuple("d=1/.part-0.parquet.crc", IgnoreReason.CHECKSUM),
            org.assertj.core.groups.Tuple.tuple("d=1/_committed_123", IgnoreReason.HIDDEN),
            org.assertj.core.groups.Tuple.tuple(
                "_temporary/0/d=2/part-0.parquet", IgnoreReason.TEMPORARY),
            org.assertj.core.groups.Tuple.tuple(
                ".spark-staging/part-0.parquet", IgnoreReason.HIDDEN),
            org.assertj.core.groups.Tuple.tuple(
                "d=1/notes.txt", IgnoreReason.UNSUPPORTED_EXTENSION),
            org.assertj.core.groups.Tuple.tuple("d=1/part-1.csv", IgnoreReason.OTHER_FORMAT),
            org.assertj.core.groups.Tuple.tuple("d=1/part-2.parquet", IgnoreReason.EMPTY_FILE));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // no data files at all
        "CSV     | ALL  | ''                                    | NO_DATA_FILES",
        "CSV     | NONE | _SUCCESS:0                            | NO_DATA_FILES",
        "CSV     | ALL  | d=1/readme.txt:5 d=1/_SUCCESS:0       | NO_DATA_FILES",
        "CSV     | NONE | d=1/empty.csv:0                       | NO_DATA_FILES",
        // files of the other format only
        "CSV     | ALL  | d=1/a.parquet:5                       | WRONG_FORMAT",
        "CSV     | NONE | a.parquet:5 b.parquet:5               | WRONG_FORMAT",
        "PARQUET | ALL  | d=1/a.csv.gz:5                        | WRONG_FORMAT",
        "PARQUET | NONE | a.csv:5                               | WRONG_FORMAT",
        // ALL: files directly under the table root
        "CSV     | ALL  | a.csv:5                               | NOT_PARTITIONED",
        "CSV     | ALL  | d=1/a.csv:5 b.csv:5                   | NOT_PARTITIONED",
        "PARQUET | ALL  | a.parquet:5 d=1/b=2/c.parquet:5 d=1/c.parquet:5 | NOT_PARTITIONED",
        // ALL: different keys, key order, plain directories
        "CSV     | ALL  | d=1/a.csv:5 d=1/e=2/b.csv:5           | INCONSISTENT_PARTITIONS",
        "CSV     | ALL  | d=1/e=2/a.csv:5 e=2/d=1/b.csv:5       | INCONSISTENT_PARTITIONS",
        "CSV     | ALL  | d=1/a.csv:5 x=1/b.csv:5               | INCONSISTENT_PARTITIONS",
        "CSV     | ALL  | d=1/sub/a.csv:5                       | INCONSISTENT_PARTITIONS",
        "CSV     | ALL  | sub/a.csv:5                           | INCONSISTENT_PARTITIONS",
        "CSV     | ALL  | d=1/d=2/a.csv:5                       | INCONSISTENT_PARTITIONS",
      })
  void tableIsSkippedWithTheReason(
      DataFormat format, Partitioning partitioning, String entries, SkipReason expected) {
    String[] listing = entries.isBlank() ? new String[0] : entries.trim().split("\\s+");

    TablePlan plan = plan(format, partitioning, listing);

    assertThat(plan).isInstanceOf(SkippedTable.class);
    assertThat(((SkippedTable) plan).reason()).isEqualTo(expected);
    assertThat(((SkippedTable) plan).name()).isEqualTo("events");
  }

  @Test
  void wrongFormatDetailSaysWhichFormatToSet() {
    SkippedTable skipped =
        (SkippedTable) plan(DataFormat.CSV, Partitioning.ALL, "d=1/a.parquet:5", "d=2/b.parquet:5");

    assertThat(skipped.detail())
        .isEqualTo(
            "found 2 PARQUET file(s) (.parquet) and no CSV file; set the connection's data format"
                + " to PARQUET, or put CSV files in the table");
    assertThat(skipped.ignoredFiles())
        .extracting(IgnoredFile::reason)
        .containsOnly(IgnoreReason.OTHER_FORMAT);
  }

  @Test
  void inconsistentPartitionsDetailNamesTwoDifferingPaths() {
    SkippedTable skipped =
        (SkippedTable)
            plan(DataFormat.CSV, Partitioning.ALL, "date=1/a.csv:5", "date=1/hour=2/b.csv:5");

    assertThat(skipped.detail())
        .isEqualTo(
            "date=1/a.csv is partitioned by [date] but date=1/hour=2/b.csv by [date, hour]; every"
                + " file of a table must sit under the same partition keys in the same order");
  }

  @Test
  void plainDirectoryInPartitionedTableIsNamed() {
    SkippedTable skipped = (SkippedTable) plan(DataFormat.CSV, Partitioning.ALL, "d=1/sub/a.csv:5");

    assertThat(skipped.detail())
        .startsWith("'sub/' in d=1/sub/a.csv is not a key=value partition directory")
        .endsWith("or set the connection's partitioning to NONE");
  }

  @Test
  void notPartitionedDetailSuggestsPartitioningNone() {
    SkippedTable skipped = (SkippedTable) plan(DataFormat.CSV, Partitioning.ALL, "a.csv:5");

    assertThat(skipped.detail())
        .contains("a.csv sits directly under the table directory data/events/")
        .contains("date=2025-01-01/a.csv")
        .endsWith("set the connection's partitioning to NONE");
  }

  @Test
  void noDataFilesDetailCountsWhatWasIgnored() {
    SkippedTable skipped =
        (SkippedTable)
            plan(DataFormat.CSV, Partitioning.NONE, "_SUCCESS:0", "a.json:4", "b.json:4");

    assertThat(skipped.detail())
        .isEqualTo(
            "no CSV data file (.csv, .csv.gz, .gz) under data/events/; ignored 3 object(s): 1"
                + " success_marker, 2 unsupported_extension");
  }

  @Test
  void nullPartitionValuesBelongToTheirOwnPartition() {
    Table table =
        (Table)
            plan(
                DataFormat.CSV,
                Partitioning.ALL,
                "k=__HIVE_DEFAULT_PARTITION__/a.csv:1",
                "k=1/a.csv:1",
                "k=/a.csv:1");

    assertThat(table.partitionCount()).isEqualTo(2);
    assertThat(table.dataFiles().get(0).partition().value("k")).isEmpty();
  }
}
