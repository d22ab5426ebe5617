package io.hivewire.source.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The checks that need no S3 protocol: regions, prefixes and table directories. */
class ConnectionCheckTest {

  private final InMemoryObjectStore store =
      new InMemoryObjectStore().createBucket("in-ireland", "eu-west-1").createBucket("data");

  private void put(String bucket, String key, String body) {
    store.put(
        new S3Location(bucket, key), body.getBytes(StandardCharsets.UTF_8), PutOptions.defaults());
  }

  private static ConnectionSettings settings(String region, String bucket, String prefix) {
    return new ConnectionSettings(
        AwsRegion.parse(region),
        BucketName.parse(bucket),
        SchemaPrefix.parse(prefix),
        DataFormat.CSV,
        Partitioning.ALL);
  }

  private CheckResult check(String region, String bucket, String prefix) {
    return new ConnectionCheck(store).check(settings(region, bucket, prefix));
  }

  @Test
  void bucketInAnotherRegionFailsNamingTheActualRegion() {
    put("in-ireland", "schema/events/k=1/a.csv", "id\n1\n");

    CheckResult result = check("us-east-1", "in-ireland", "schema/");

    assertThat(result.failure()).contains(FailureReason.WRONG_REGION);
    assertThat(result.message())
        .isEqualTo(
            "bucket in-ireland is in eu-west-1, not us-east-1: set the connection's region to"
                + " eu-west-1");
  }

  @Test
  void bucketInTheConfiguredRegionIsActive() {
    put("in-ireland", "schema/events/k=1/a.csv", "id\n1\n");

    CheckResult result = check("eu-west-1", "in-ireland", "schema/");

    assertThat(result.isActive()).isTrue();
    assertThat(result.message())
        .isEqualTo(
            "listed 1 table directory under s3://in-ireland/schema/ and read"
                + " s3://in-ireland/schema/events/k=1/a.csv");
  }

  @Test
  void missingPrefixSuggestsTheDirectoriesBesideIt() {
    put("data", "exports/audiences/events/a.csv", "id\n1\n");
    put("data", "exports/users/t/a.csv", "id\n1\n");

    CheckResult result = check("us-east-1", "data", "exports/audience/");

    assertThat(result.failure()).contains(FailureReason.PREFIX_NOT_FOUND);
    assertThat(result.message())
        .startsWith("nothing exists under s3://data/exports/audience/")
        .endsWith("directories beside it: exports/audiences/, exports/users/");
  }

  @Test
  void prefixHoldingOnlyFilesHasNoTables() {
    put("data", "schema/a.csv", "id\n1\n");

    CheckResult result = check("us-east-1", "data", "schema/");

    assertThat(result.failure()).contains(FailureReason.NO_TABLES);
    assertThat(result.message()).contains("(e.g. schema/a.csv)");
  }

  @Test
  void prefixHoldingOnlyHiddenDirectoriesHasNoTables() {
    put("data", "schema/_temporary/0/a.csv", "id\n1\n");

    assertThat(check("us-east-1", "data", "schema/").failure()).contains(FailureReason.NO_TABLES);
  }

  @Test
  void emptyBucketAtTheRootIsEmpty() {
    CheckResult result = check("us-east-1", "data", "");

    assertThat(result.failure()).contains(FailureReason.PREFIX_EMPTY);
    assertThat(result.message()).startsWith("bucket data is empty");
  }

  @Test
  void tablesWithoutFilesAreActiveButSayReadingWasNotChecked() {
    put("data", "schema/events/", "");

    CheckResult result = check("us-east-1", "data", "schema/");

    assertThat(result.isActive()).isTrue();
    assertThat(result.message()).endsWith("so reading (s3:GetObject) could not be checked");
  }

  @Test
  void dataFileOfTheFormatIsPreferredForTheReadCheck() {
    put("data", "schema/events/k=1/_SUCCESS", "");
    put("data", "schema/events/k=1/a.json", "{}");
    put("data", "schema/events/k=1/b.csv", "id\n1\n");

    assertThat(check("us-east-1", "data", "schema/").message())
        .endsWith("read s3://data/schema/events/k=1/b.csv");
  }
}
