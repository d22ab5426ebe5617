package io.hivewire.source.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.reader.parquet.ParquetBytes;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.source.BucketName;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery against S3Proxy (SigV4 on) with the real schema reader, in both partitioning modes. */
class DiscoveryIT {

  private static final String BUCKET = "customer-data";
  private static final BucketName BUCKET_NAME = BucketName.parse(BUCKET);
  private static final String CSV = "user_id,amount\nu1,3\nu2,7\n";

  private static LocalS3Fixture s3;

  @BeforeAll
  static void writeSchemas() {
    s3 = LocalS3Fixture.start(BUCKET);
    csv("csv/events/date=2025-01-01/country=US/part-0.csv.gz", gzip(CSV));
    csv("csv/events/date=2025-01-02/country=New%20Zealand/part-0.csv", bytes(CSV));
    csv("csv/events/date=__HIVE_DEFAULT_PARTITION__/country=FR/part-0.gz", gzip(CSV));
    csv("csv/events/date=2025-01-02/country=New%20Zealand/_SUCCESS", new byte[0]);
    csv("csv/events/_temporary/0/part-9.csv", bytes(CSV));
    csv("csv/flat/part-0.csv", bytes(CSV));
    csv("csv/flat/inner/part-1.csv", bytes(CSV));
    csv("csv/columnar/day=1/part-0.parquet", parquet("required int64 id;"));
    csv("csv/markers/day=1/_SUCCESS", new byte[0]);
    csv("csv/mixed/day=1/part-0.csv", bytes(CSV));
    csv("csv/mixed/day=1/hour=2/part-0.csv", bytes(CSV));
    csv("pq/sales/day=2025-01-01/part-0.parquet", parquet("required int64 id;"));
    csv(
        "pq/sales/day=2025-01-02/part-1.parquet",
        parquet("required int64 id; optional binary name (STRING);"));
    csv("pq/liar/day=2025-01-01/part-0.parquet", bytes(CSV));
    csv("appended/visits/2025-01-01.csv", bytes("user_id,page\nu1,home\n"));
    csv("appended/visits/2025-01-02.csv", bytes("user_id,page,country\nu2,cart,NL\n"));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  private static void csv(String key, byte[] body) {
    s3.putObject(BUCKET, key, body);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] parquet(String fields) {
    return ParquetBytes.write(
        "message row { " + fields + " }",
        CompressionCodecName.ZSTD,
        rows -> List.of(rows.newGroup().append("id", 1L)));
  }

  private static DiscoveryResult discover(String prefix, DataFormat format, Partitioning mode) {
    return Discovery.withSchemaReader(s3.store())
        .discover(BUCKET_NAME, SchemaPrefix.parse(prefix), format, mode);
  }

  @Test
  void partitionedCsvSchemaGivesTablesAndReasonsForTheRest() {
    DiscoveryResult result = discover("csv/", DataFormat.CSV, Partitioning.ALL);

    assertThat(result.tables()).extracting(DiscoveredTable::name).containsExactly("events");
    DiscoveredTable events = result.tables().get(0);
    assertThat(events.columns())
        .extracting(Column::name, c -> c.type().sqlName(), Column::origin)
        .containsExactly(
            tuple("user_id", "VARCHAR", ColumnOrigin.FILE),
            tuple("amount", "BIGINT", ColumnOrigin.FILE),
            tuple("date", "DATE", ColumnOrigin.PARTITION),
            tuple("country", "VARCHAR", ColumnOrigin.PARTITION));
    assertThat(events.partitions()).isEqualTo(3);
    assertThat(events.files()).isEqualTo(3);
    assertThat(result.skipped())
        .extracting(SkippedTable::name, SkippedTable::reason)
        .containsExactly(
            tuple("columnar", SkipReason.WRONG_FORMAT),
            tuple("flat", SkipReason.NOT_PARTITIONED),
            tuple("markers", SkipReason.NO_DATA_FILES),
            tuple("mixed", SkipReason.INCONSISTENT_PARTITIONS));
    assertThat(result.ignoredFiles())
        .extracting(IgnoredFile::key, IgnoredFile::reason)
        .containsExactly(
            tuple("csv/columnar/day=1/part-0.parquet", IgnoreReason.OTHER_FORMAT),
            tuple("csv/events/_temporary/0/part-9.csv", IgnoreReason.TEMPORARY),
            tuple(
                "csv/events/date=2025-01-02/country=New%20Zealand/_SUCCESS",
                IgnoreReason.SUCCESS_MARKER),
            tuple("csv/markers/day=1/_SUCCESS", IgnoreReason.SUCCESS_MARKER));
  }

  @Test
  void unpartitionedModeReadsEveryFileAtAnyDepth() {
    DiscoveryResult result = discover("csv/", DataFormat.CSV, Partitioning.NONE);

    assertThat(result.tables())
        .extracting(DiscoveredTable::name, DiscoveredTable::files, DiscoveredTable::partitionKeys)
        .containsExactly(
            tuple("events", 3L, List.of()),
            tuple("flat", 2L, List.of()),
            tuple("mixed", 2L, List.of()));
    assertThat(result.tables().get(0).columns())
        .extracting(Column::origin)
        .containsOnly(ColumnOrigin.FILE);
  }

  @Test
  void parquetSchemaComesFromTheAlphabeticallyLastFile() {
    DiscoveryResult result = discover("pq/", DataFormat.PARQUET, Partitioning.ALL);

    assertThat(result.tables()).extracting(DiscoveredTable::name).containsExactly("sales");
    assertThat(result.tables().get(0).columns())
        .extracting(Column::name, c -> c.type().sqlName(), Column::origin)
        .containsExactly(
            tuple("id", "BIGINT", ColumnOrigin.FILE),
            tuple("name", "VARCHAR", ColumnOrigin.FILE),
            tuple("day", "DATE", ColumnOrigin.PARTITION));
    assertThat(result.skipped())
        .extracting(SkippedTable::name, SkippedTable::reason)
        .containsExactly(tuple("liar", SkipReason.WRONG_FORMAT));
    assertThat(result.skipped().get(0).detail()).contains("liar/day=2025-01-01/part-0.parquet");
  }

  @Test
  void csvSchemaComesFromTheAlphabeticallyLastFileWithTheColumnsItAppends() {
    DiscoveryResult result = discover("appended/", DataFormat.CSV, Partitioning.NONE);

    assertThat(result.tables()).extracting(DiscoveredTable::name).containsExactly("visits");
    assertThat(result.tables().get(0).columns())
        .extracting(Column::name, c -> c.type().sqlName())
        .containsExactly(
            tuple("user_id", "VARCHAR"), tuple("page", "VARCHAR"), tuple("country", "VARCHAR"));
  }

  @Test
  void jsonDocumentHasTheDocumentedShape() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(DiscoveryJson.write(discover("csv/", DataFormat.CSV, Partitioning.ALL)));

    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("tables", "skipped", "ignoredFiles", "warnings");
    assertThat(json.get("tables").get(0).fieldNames())
        .toIterable()
        .containsExactly("name", "columns", "partitionKeys", "partitions", "files", "bytes");
    assertThat(json.get("tables").get(0).get("columns").get(2).toString())
        .isEqualTo(
            "{\"name\":\"date\",\"type\":\"DATE\",\"nullable\":true,\"origin\":\"partition\"}");
    assertThat(json.get("skipped").get(1).get("reason").asText()).isEqualTo("not_partitioned");
  }
}
