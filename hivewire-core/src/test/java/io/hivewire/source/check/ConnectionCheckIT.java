package io.hivewire.source.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connection check against S3Proxy with SigV4 on: the real protocol and its errors. */
class ConnectionCheckIT {

  private static LocalS3Fixture s3;

  @BeforeAll
  static void startS3() {
    s3 = LocalS3Fixture.start("customer-data", "empty-bucket");
    byte[] csv = "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8);
    s3.putObject("customer-data", "schema/events/date=2025-01-01/part-0.csv", csv);
    s3.putObject("customer-data", "folder-only/", new byte[0]);
    s3.putObject("customer-data", "files-only/part-0.csv", csv);
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  private static ConnectionSettings settings(String bucket, String prefix) {
    return new ConnectionSettings(
        AwsRegion.parse("us-east-1"),
        BucketName.parse(bucket),
        SchemaPrefix.parse(prefix),
        DataFormat.CSV,
        Partitioning.ALL);
  }

  @Test
  void readableSchemaIsActive() {
    CheckResult result = new ConnectionCheck(s3.store()).check(settings("customer-data", "schema"));

    assertThat(result.isActive()).as(result.message()).isTrue();
    assertThat(result.message())
        .isEqualTo(
            "listed 1 table directory under s3://customer-data/schema/ and read"
                + " s3://customer-data/schema/events/date=2025-01-01/part-0.csv");
  }

  @Test
  void wrongSecretKeyFailsWithAnAccessReason() {
    try (ObjectStore wrongSecret = S3ObjectStores.create(s3.withWrongSecret())) {
      CheckResult result =
          new ConnectionCheck(wrongSecret).check(settings("customer-data", "schema"));

      assertThat(result.failure()).contains(FailureReason.INVALID_CREDENTIALS);
      assertThat(result.message())
          .startsWith("S3 rejected the credentials hivewire reads s3://customer-data/schema/ with")
          .doesNotContain("found none");
    }
  }

  @Test
  void missingBucketIsNotFound() {
    CheckResult result =
        new ConnectionCheck(s3.store()).check(settings("no-such-bucket", "schema"));

    assertThat(result.failure()).contains(FailureReason.BUCKET_NOT_FOUND);
    assertThat(result.message())
        .isEqualTo(
            "bucket no-such-bucket does not exist: enter the bucket name exactly as the S3 console"
                + " shows it");
  }

  @Test
  void prefixThatIsAnEmptyFolderIsEmpty() {
    CheckResult result =
        new ConnectionCheck(s3.store()).check(settings("customer-data", "folder-only/"));

    assertThat(result.failure()).contains(FailureReason.PREFIX_EMPTY);
  }

  @Test
  void prefixThatDoesNotExistIsNotFound() {
    CheckResult result = new ConnectionCheck(s3.store()).check(settings("customer-data", "schma/"));

    assertThat(result.failure()).contains(FailureReason.PREFIX_NOT_FOUND);
    assertThat(result.message()).contains("directories beside it:").contains("schema/");
  }

  @Test
  void emptyBucketIsEmpty() {
    CheckResult result = new ConnectionCheck(s3.store()).check(settings("empty-bucket", ""));

    assertThat(result.failure()).contains(FailureReason.PREFIX_EMPTY);
  }

  @Test
  void prefixWithoutTableDirectoriesHasNoTables() {
    CheckResult result =
        new ConnectionCheck(s3.store()).check(settings("customer-data", "files-only/"));

    assertThat(result.failure()).contains(FailureReason.NO_TABLES);
  }

  @Test
  void connectionConfiguredForAnotherRegionThanTheBucketsIsWrongRegion() {
    ConnectionSettings inIreland =
        new ConnectionSettings(
            AwsRegion.parse("eu-west-1"),
            BucketName.parse("customer-data"),
            SchemaPrefix.parse("schema/"),
            DataFormat.CSV,
            Partitioning.ALL);

    CheckResult result = new ConnectionCheck(s3.store()).check(inIreland);

    assertThat(result.failure()).contains(FailureReason.WRONG_REGION);
    assertThat(result.message())
        .isEqualTo(
            "bucket customer-data is in us-east-1, not eu-west-1: set the connection's region to"
                + " us-east-1");
  }
}
