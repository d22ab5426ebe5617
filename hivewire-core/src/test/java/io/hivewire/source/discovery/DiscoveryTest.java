package io.hivewire.source.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType.Primitive;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

  private static final String BUCKET = "customer-data";
  private static final List<Column> FILE_COLUMNS =
      List.of(
          new Column("user_id", Primitive.VARCHAR, true, ColumnOrigin.FILE),
          new Column("amount", Primitive.BIGINT, true, ColumnOrigin.FILE));

  private final InMemoryObjectStore store = new InMemoryObjectStore().createBucket(BUCKET);
  private final ObjectStore denyingReads = new PrefixDenyingStore(store, "schema/secret/");

  /** Every call the schema source gets: table's first data file key -> the keys it was given. */
  private final Map<String, List<String>> schemaReads = new ConcurrentHashMap<>();

  private final FileSchemaSource schemas =
      (bucket, format, files) -> {
        List<String> keys = files.stream().map(ObjectInfo::key).toList();
        schemaReads.merge(keys.get(0), keys, (a, b) -> List.of("read twice"));
        return FILE_COLUMNS;
      };

  private void put(String key) {
    store.put(
        new S3Location(BUCKET, key), "x".getBytes(StandardCharsets.UTF_8), PutOptions.defaults());
  }

  private void putEmpty(String key) {
    store.put(new S3Location(BUCKET, key), new byte[0], PutOptions.defaults());
  }

  private static ConnectionSettings settings(DataFormat format, Partitioning partitioning) {
    return new ConnectionSettings(
        AwsRegion.parse("us-east-1"),
        BucketName.parse(BUCKET),
        SchemaPrefix.parse("schema/"),
        format,
        partitioning);
  }

  @Test
  void discoveringOneTableListsAndReadsOnlyThatTable() {
    put("schema/events/date=2025-01-01/a.csv");
    put("schema/events/date=2025-01-02/a.csv");
    put("schema/other/a.csv");

    DiscoveryResult result =
        new Discovery(store, schemas)
            .discoverTable(settings(DataFormat.CSV, Partitioning.ALL), "events");

    assertThat(result.tables()).extracting(DiscoveredTable::name).containsExactly("events");
    assertThat(result.tables().get(0).columns())
        .extracting(Column::name)
        .containsExactly("user_id", "amount", "date");
    assertThat(schemaReads).containsOnlyKeys("schema/events/date=2025-01-01/a.csv");
  }

  @Test
  void discoveringATableWithoutFilesSaysSo() {
    put("schema/events/a.csv");

    DiscoveryResult result =
        new Discovery(store, schemas)
            .discoverTable(settings(DataFormat.CSV, Partitioning.NONE), "gone");

    assertThat(result.tables()).isEmpty();
    assertThat(result.skipped())
        .extracting(SkippedTable::reason)
        .containsExactly(SkipReason.NO_DATA_FILES);
  }

  @Test
  void partitionColumnsFollowFileColumnsWithSafelyInferredTypes() {
    put("schema/events/year=2025/month=01/day=2025-01-31/a.csv");
    put("schema/events/year=2025/month=02/day=2025-02-01/a.csv");
    put("schema/events/year=2026/month=12/day=__HIVE_DEFAULT_PARTITION__/b.csv.gz");

    DiscoveryResult result =
        new Discovery(store, schemas).discover(settings(DataFormat.CSV, Partitioning.ALL));

    assertThat(result.tables()).hasSize(1);
    DiscoveredTable events = result.tables().get(0);
    assertThat(events.name()).isEqualTo("events");
    assertThat(events.columns())
        .containsExactly(
            FILE_COLUMNS.get(0),
            FILE_COLUMNS.get(1),
            new Column("year", Primitive.BIGINT, true, ColumnOrigin.PARTITION),
            new Column("month", Primitive.VARCHAR, true, ColumnOrigin.PARTITION),
            new Column("day", Primitive.DATE, true, ColumnOrigin.PARTITION));
    assertThat(events.partitionKeys()).containsExactly("year", "month", "day");
    assertThat(events.partitions()).isEqualTo(3);
    assertThat(events.files()).isEqualTo(3);
    assertThat(events.bytes()).isEqualTo(3);
  }

  @Test
  void schemaIsReadOncePerTableFromItsSortedDataFiles() {
    put("schema/a/k=2/f.csv");
    put("schema/a/k=1/f.csv");
    put("schema/b/k=1/f.csv");
    put("schema/b/k=1/_SUCCESS");

    new Discovery(store, schemas).discover(settings(DataFormat.CSV, Partitioning.ALL));

    assertThat(schemaReads)
        .containsOnly(
            Map.entry("schema/a/k=1/f.csv", List.of("schema/a/k=1/f.csv", "schema/a/k=2/f.csv")),
            Map.entry("schema/b/k=1/f.csv", List.of("schema/b/k=1/f.csv")));
  }

  @Test
  void eachObjectIsListedOnce() {
    for (int table = 0; table < 3; table++) {
      for (int file = 0; file < 5; file++) {
        put("schema/t" + table + "/k=" + file + "/f.csv");
      }
    }
    var before = store.requestCounts();

    new Discovery(store, schemas).discover(settings(DataFormat.CSV, Partitioning.ALL));

    // One delimiter listing of the schema prefix, then one recursive listing per table.
    assertThat(store.requestCounts().minus(before).get("ListObjectsV2")).isEqualTo(4);
  }

  @Test
  void everyTableNotShownHasAReasonAndEveryIgnoredFileIsReported() {
    put("schema/good/k=1/f.csv");
    put("schema/good/k=1/_SUCCESS");
    put("schema/columnar/k=1/f.parquet");
    put("schema/flat/f.csv");
    put("schema/mixed/k=1/f.csv");
    put("schema/mixed/k=1/j=2/f.csv");
    put("schema/notes/readme.txt");
    put("schema/_staging/k=1/f.csv");
    put("schema/loose.csv");
    putEmpty("schema/");

    DiscoveryResult result =
        new Discovery(store, schemas).discover(settings(DataFormat.CSV, Partitioning.ALL));

    assertThat(result.tables()).extracting(DiscoveredTable::name).containsExactly("good");
    assertThat(result.skipped())
        .extracting(SkippedTable::name, SkippedTable::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("columnar", SkipReason.WRONG_FORMAT),
            org.assertj.core.groups.Tuple.tuple("flat", SkipReason.NOT_PARTITIONED),
            org.assertj.core.groups.Tuple.tuple("mixed", SkipReason.INCONSISTENT_PARTITIONS),
            org.assertj.core.groups.Tuple.tuple("notes", SkipReason.NO_DATA_FILES));
    assertThat(result.ignoredFiles())
        .containsExactly(
            new IgnoredFile("schema/columnar/k=1/f.parquet", IgnoreReason.OTHER_FORMAT),
            new IgnoredFile("schema/good/k=1/_SUCCESS", IgnoreReason.SUCCESS_MARKER),
            new IgnoredFile("schema/loose.csv", IgnoreReason.OUTSIDE_TABLE),
            new IgnoredFile("schema/notes/readme.txt", IgnoreReason.UNSUPPORTED_EXTENSION));
    assertThat(result.warnings())
        .containsExactly(
            "the directory s3://customer-data/schema/_staging/ is not a table: directory names"
                + " starting with '_' or '.' (or empty) are hidden");
  }

  @Test
  void unpartitionedModeReadsKeyValueDirectoriesAsPlainDirectories() {
    put("schema/events/date=2025-01-01/a.csv");
    put("schema/events/b.csv");

    DiscoveryResult result =
        new Discovery(store, schemas).discover(settings(DataFormat.CSV, Partitioning.NONE));

    DiscoveredTable events = result.tables().get(0);
    assertThat(events.columns()).isEqualTo(FILE_COLUMNS);
    assertThat(events.partitionKeys()).isEmpty();
    assertThat(events.files()).isEqualTo(2);
  }

  @Test
  void fileColumnNamedLikeAPartitionKeyGivesWayWithAWarning() {
    put("schema/events/amount=5/a.csv");

    DiscoveryResult result =
        new Discovery(store, schemas).discover(settings(DataFormat.CSV, Partitioning.ALL));

    assertThat(result.tables().get(0).columns())
        .containsExactly(
            FILE_COLUMNS.get(0),
            new Column("amount", Primitive.BIGINT, true, ColumnOrigin.PARTITION));
    assertThat(result.warnings())
        .containsExactly(
            "table events: column 'amount' is both in the files and a partition key; the partition"
                + " directory's value is used");
  }

  @Test
  void noMoreTablesThanTheParallelismAreDiscoveredAtOnce() throws Exception {
    for (int table = 0; table < 12; table++) {
      put("schema/t" + table + "/k=1/f.csv");
    }
    AtomicInteger submitted = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    FileSchemaSource blocking =
        (bucket, format, files) -> {
          running.incrementAndGet();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return FILE_COLUMNS;
        };
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Executor counting =
          task -> {
            submitted.incrementAndGet();
            threads.execute(task);
          };
      Discovery discovery = new Discovery(store, blocking, counting, 3);
      Future<DiscoveryResult> result =
          threads.submit(() -> discovery.discover(settings(DataFormat.CSV, Partitioning.ALL)));
      while (running.get() < 3) {
        Thread.onSpinWait();
      }

      assertThat(submitted.get()).isEqualTo(3);
      release.countDown();
      assertThat(result.get(30, TimeUnit.SECONDS).tables()).hasSize(12);
      assertThat(submitted.get()).isEqualTo(12);
    }
  }

  @Test
  void planTableGivesTheDataFilesOfOneTable() {
    put("schema/events/k=1/a.csv");
    put("schema/events/k=2/b.csv");

    TablePlan plan =
        new Discovery(store, schemas)
            .planTable(settings(DataFormat.CSV, Partitioning.ALL), "events");

    assertThat(((Table) plan).dataFiles())
        .extracting(DataFile::key)
        .containsExactly("schema/events/k=1/a.csv", "schema/events/k=2/b.csv");
  }

  @Test
  void tableThatMayNotBeListedIsSkippedAsAccessDenied() {
    put("schema/open/k=1/f.csv");
    put("schema/secret/k=1/f.csv");
    ObjectStore denying = new PrefixDenyingStore(store, "schema/secret/");

    DiscoveryResult result =
        new Discovery(denying, schemas).discover(settings(DataFormat.CSV, Partitioning.ALL));

    assertThat(result.tables()).extracting(DiscoveredTable::name).containsExactly("open");
    assertThat(result.skipped()).hasSize(1);
    SkippedTable secret = result.skipped().get(0);
    assertThat(secret.reason()).isEqualTo(SkipReason.ACCESS_DENIED);
    assertThat(secret.detail())
        .startsWith(
            "hivewire may not list s3://customer-data/schema/secret/ (access_denied): check that"
                + " the bucket policy grants s3:ListBucket and s3:GetObject");
  }

  @Test
  void tableWhoseFilesMayNotBeReadIsSkippedAsAccessDenied() {
    put("schema/open/k=1/f.csv");
    put("schema/secret/k=1/f.csv");
    FileSchemaSource reading =
        (bucket, format, files) -> {
          denyingReads.openRange(new S3Location(bucket, files.get(0).key()), 0, 1);
          return FILE_COLUMNS;
        };

    DiscoveryResult result =
        new Discovery(store, reading).discover(settings(DataFormat.CSV, Partitioning.ALL));

    assertThat(result.skipped())
        .extracting(SkippedTable::name, SkippedTable::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("secret", SkipReason.ACCESS_DENIED));
  }

  @Test
  void listingFailureOtherThanAccessFailsTheDiscovery() {
    put("schema/events/k=1/f.csv");
    FileSchemaSource failing =
        (bucket, format, files) -> {
          throw new ObjectStoreException(
              ObjectStoreException.Reason.SERVER_ERROR, bucket, "k", "InternalError (500)");
        };

    assertThatThrownBy(
            () ->
                new Discovery(store, failing).discover(settings(DataFormat.CSV, Partitioning.ALL)))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessage("InternalError (500)");
  }
}
