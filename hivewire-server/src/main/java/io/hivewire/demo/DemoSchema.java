package io.hivewire.demo;

import io.hivewire.connections.ConnectionRequest;
import io.hivewire.importer.DataType;
import io.hivewire.importer.Mapping;
import io.hivewire.imports.ImportRequest;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The demo's sample data in one bucket, laid out as three schemas because a connection has one
 * format and one partitioning mode:
 *
 * <ul>
 *   <li>{@code web/} CSV, all partitioned: {@code page_views/date=…/part-00000.csv.gz}, and {@code
 *       exports_tmp/} with a file directly under the table, which such a connection skips;
 *   <li>{@code shop/} Parquet (ZSTD), all partitioned: {@code orders/country=…/part-00000.parquet};
 *   <li>{@code crm/} CSV, not partitioned: {@code segments/segments.csv} and {@code
 *       customers/2025/01/customers.csv} (files at any depth are read).
 * </ul>
 */
public final class DemoSchema {

  /** One connection the demo creates, and what it shows a user. */
  public record DemoConnection(String lesson, ConnectionRequest request) {
    public DemoConnection {
      Objects.requireNonNull(lesson, "lesson is null");
      Objects.requireNonNull(request, "request is null");
    }
  }

  /** One import the demo creates: a sample table of the connection reading {@code schemaPrefix}. */
  public record DemoImport(
      String schemaPrefix,
      String table,
      DataType dataType,
      Map<String, String> mapping,
      List<String> attributes) {
    public DemoImport {
      Objects.requireNonNull(schemaPrefix, "schemaPrefix is null");
      Objects.requireNonNull(table, "table is null");
      Objects.requireNonNull(dataType, "dataType is null");
      mapping = Map.copyOf(Objects.requireNonNull(mapping, "mapping is null"));
      attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes is null"));
    }

    /** The request that creates this import on the connection {@code connectionId}. */
    public ImportRequest request(UUID connectionId) {
      return new ImportRequest(
          Optional.of("Demo " + table),
          Optional.of(connectionId.toString()),
          Optional.of(table),
          Optional.of(dataType.name()),
          new Mapping(new TreeMap<>(mapping), attributes),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
  }

  private static final String ORDERS_SCHEMA =
      "message orders { required binary order_id (STRING); required int64 customer_id;"
          + " required double amount; required int64 ordered_at (TIMESTAMP(MILLIS,true)); }";

  private final ObjectStore store;
  private final String bucket;

  public DemoSchema(ObjectStore store, String bucket) {
    this.store = Objects.requireNonNull(store, "store is null");
    this.bucket = Objects.requireNonNull(bucket, "bucket is null");
  }

  /** Writes every sample object (idempotent: the same keys and contents each time). */
  public void write(Path scratchDir) {
    csvGz(
        "web/page_views/date=2025-01-01/part-00000.csv.gz",
        """
        user_id,url,referrer,duration_ms,viewed_at
        1001,/home,https://search.example,5400,2025-01-01 08:15:00
        1002,/pricing,,12000,2025-01-01 09:02:11
        1001,/docs/getting-started,/home,33000,2025-01-01 09:30:45
        """);
    csvGz(
        "web/page_views/date=2025-01-02/part-00000.csv.gz",
        """
        user_id,url,referrer,duration_ms,viewed_at
        1003,/home,https://news.example,2100,2025-01-02 10:00:00
        1002,/signup,/pricing,45000,2025-01-02 10:05:30
        """);
    csv(
        "web/exports_tmp/export.csv",
        """
        user_id,url
        1001,/home
        """);
    parquet(scratchDir, "shop/orders/country=FR/part-00000.parquet", "A-1", 1001, 42.5);
    parquet(scratchDir, "shop/orders/country=DE/part-00000.parquet", "A-2", 1003, 19.99);
    csv(
        "crm/segments/segments.csv",
        """
        user_id;segment;active
        1001;Newsletter readers;true
        1002;Premium trial;false
        """);
    csv(
        "crm/customers/2025/01/customers.csv",
        """
        customer_id,email,signed_up_on
        1001,ada@example.com,2024-11-02
        1002,alan@example.com,2024-12-24
        1003,grace@example.com,2025-01-02
        """);
  }

  /** The connections that show every sample table, pointed at {@code endpoint}. */
  public List<DemoConnection> connections(URI endpoint, String region) {
    return List.of(
        new DemoConnection(
            "CSV (gzipped) with Hive partitions: date=… becomes a column. exports_tmp has its file"
                + " directly under the table, so an all-partitioned connection skips it and says"
                + " why.",
            request("Web analytics (CSV, partitioned)", "web/", "CSV", "ALL", endpoint, region)),
        new DemoConnection(
            "Parquet (ZSTD) partitioned by country: the schema comes from the Parquet footer.",
            request(
                "Shop orders (Parquet, partitioned)", "shop/", "PARQUET", "ALL", endpoint, region)),
        new DemoConnection(
            "CSV without partitions: every file under a table is read, at any depth; the"
                + " delimiter (';' in segments) is detected.",
            request(
                "CRM lookups (CSV, not partitioned)", "crm/", "CSV", "NONE", endpoint, region)));
  }

  /** An import of each sample table, with the data type its rows fit. */
  public List<DemoImport> imports() {
    return List.of(
        new DemoImport(
            "web/",
            "page_views",
            DataType.USER_ACTIVITY,
            Map.of("user_id", "user_id", "timestamp", "viewed_at"),
            List.of()),
        new DemoImport(
            "shop/",
            "orders",
            DataType.USER_ACTIVITY,
            Map.of("user_id", "customer_id", "timestamp", "ordered_at"),
            List.of()),
        new DemoImport(
            "crm/",
            "segments",
            DataType.USER_SEGMENTS,
            Map.of("user_id", "user_id", "segment", "segment"),
            List.of()),
        new DemoImport(
            "crm/",
            "customers",
            DataType.USER_PROFILE,
            Map.of("user_id", "customer_id", "user_id_tag", "crm_id"),
            List.of("email", "signed_up_on")));
  }

  private ConnectionRequest request(
      String name, String prefix, String format, String partitioning, URI endpoint, String region) {
    return new ConnectionRequest(
        Optional.of(name),
        Optional.of(region),
        Optional.of(bucket),
        Optional.of(prefix),
        Optional.of(format),
        Optional.of(partitioning),
        Optional.of(endpoint.toString()));
  }

  private void csv(String key, String text) {
    put(key, text.getBytes(StandardCharsets.UTF_8));
  }

  private void csvGz(String key, String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot gzip demo file " + key, e);
    }
    put(key, bytes.toByteArray());
  }

  private void parquet(
      Path scratchDir, String key, String orderId, long customerId, double amount) {
    MessageType schema = MessageTypeParser.parseMessageType(ORDERS_SCHEMA);
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    Path file = scratchDir.resolve("demo-" + key.replace('/', '_'));
    try {
      Files.createDirectories(scratchDir);
      try (ParquetWriter<Group> writer =
          ExampleParquetWriter.builder(new LocalOutputFile(file))
              .withType(schema)
              .withCompressionCodec(CompressionCodecName.ZSTD)
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .build()) {
        long at = Instant.parse("2025-01-02T12:00:00Z").toEpochMilli();
        for (int i = 0; i < 3; i++) {
          writer.write(
              rows.newGroup()
                  .append("order_id", orderId + "-" + i)
                  .append("customer_id", customerId + i)
                  .append("amount", amount * (i + 1))
                  .append("ordered_at", at + i * 3_600_000L));
        }
      }
      store.put(new S3Location(bucket, key), file, PutOptions.defaults());
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write demo Parquet file " + key + " via " + file, e);
    }
  }

  private void put(String key, byte[] bytes) {
    store.put(new S3Location(bucket, key), bytes, PutOptions.defaults());
  }
}
