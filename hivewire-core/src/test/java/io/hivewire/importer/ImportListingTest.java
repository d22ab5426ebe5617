package io.hivewire.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.importer.filter.PartitionFilter;
import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.discovery.DataFile;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType.Primitive;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImportListingTest {

  private static final String BUCKET = "data";
  private static final ConnectionSettings SETTINGS =
      new ConnectionSettings(
          AwsRegion.parse("us-east-1"),
          BucketName.parse(BUCKET),
          SchemaPrefix.parse("schema/"),
          DataFormat.CSV,
          Partitioning.ALL);
  private static final DiscoveredTable EVENTS =
      new DiscoveredTable(
          "events",
          List.of(
              new Column("uid", Primitive.VARCHAR, true, ColumnOrigin.FILE),
              new Column("segment", Primitive.VARCHAR, true, ColumnOrigin.FILE),
              new Column("date", Primitive.DATE, true, ColumnOrigin.PARTITION),
              new Column("region", Primitive.VARCHAR, true, ColumnOrigin.PARTITION)),
          List.of("date", "region"),
          4,
          5,
          5,
          Instant.parse("2026-01-01T00:00:00Z"));

  private final InMemoryObjectStore files = new InMemoryObjectStore();
  private final ListingRecordingStore store = new ListingRecordingStore(files);

  @BeforeEach
  void files() {
    files.createBucket(BUCKET);
    put("schema/events/date=2025-01-01/region=EU/a.csv");
    put("schema/events/date=2025-01-01/region=US/a.csv");
    put("schema/events/date=2025-01-02/region=EU/a.csv");
    put("schema/events/date=2025-01-03/region=APAC/a.csv");
    put("schema/events/date=2025-01-03/region=EU/_SUCCESS");
  }

  private void put(String key) {
    store.put(
        new S3Location(BUCKET, key), "x\n".getBytes(StandardCharsets.UTF_8), PutOptions.defaults());
  }

  private List<String> keys(String filter) {
    CheckedImport checked =
        ImportCheck.check(
            new ImportDefinition(
                "events",
                UUID.randomUUID(),
                "events",
                DataType.USER_SEGMENTS,
                new Mapping(Map.of("user_id", "uid", "segment", "segment"), List.of()),
                List.of(),
                filter.isEmpty() ? Optional.empty() : Optional.of(PartitionFilter.parse(filter)),
                new Schedule.Manual(),
                ImportMode.INCREMENTAL,
                OnError.FAIL,
                0),
            EVENTS);
    List<String> keys =
        new ImportListing(store).list(SETTINGS, checked).stream().map(DataFile::key).toList();
    assertThat(store.readKeys()).as("listing reads no file").isEmpty();
    return keys;
  }

  @Test
  void withoutFilterEveryDataFileIsListed() {
    assertThat(keys(""))
        .containsExactly(
            "schema/events/date=2025-01-01/region=EU/a.csv",
            "schema/events/date=2025-01-01/region=US/a.csv",
            "schema/events/date=2025-01-02/region=EU/a.csv",
            "schema/events/date=2025-01-03/region=APAC/a.csv");
    assertThat(store.listedPrefixes()).containsExactly("schema/events/");
  }

  @Test
  void filterOnALaterKeyLeavesOutItsFilesAfterOneListing() {
    assertThat(keys("region IN ('EU', 'US') AND date >= '2025-01-02'"))
        .containsExactly("schema/events/date=2025-01-02/region=EU/a.csv");
    assertThat(store.listedPrefixes()).containsExactly("schema/events/");
  }

  @Test
  void equalityOnTheLeadingKeyListsOnlyItsDirectories() {
    assertThat(keys("date IN ('2025-01-01', '2025-01-03') AND region != 'US'"))
        .containsExactly(
            "schema/events/date=2025-01-01/region=EU/a.csv",
            "schema/events/date=2025-01-03/region=APAC/a.csv");
    assertThat(store.listedPrefixes())
        .containsExactly("schema/events/date=2025-01-01/", "schema/events/date=2025-01-03/");
  }

  @Test
  void pinnedDirectoryWithoutFilesGivesNoFiles() {
    assertThat(keys("date = '2030-01-01'")).isEmpty();
    assertThat(store.listedPrefixes()).containsExactly("schema/events/date=2030-01-01/");
  }
}
