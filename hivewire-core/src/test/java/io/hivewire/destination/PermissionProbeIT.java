package io.hivewire.destination;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.Encryption;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ObjectStores;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe against S3Proxy with SigV4: real answers for good and bad credentials. */
class PermissionProbeIT {

  private static final String BUCKET = "routing-target";
  private static final DestinationPrefix PREFIX = new DestinationPrefix("hivewire/");

  static LocalS3Fixture s3;

  private final PermissionProbe probe =
      new PermissionProbe(() -> UUID.fromString("00000000-0000-4000-8000-000000000001"));

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start(BUCKET);
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void workingCredentialsPassAndLeaveNoProbeObject() {
    ProbeResult result = probe.probe(s3.store(), BUCKET, PREFIX, Encryption.none());

    assertThat(result).isEqualTo(new ProbeResult.Passed());
    assertThat(s3.store().listRecursively(BUCKET, "hivewire/")).isEmpty();
  }

  @Test
  void wrongSecretFailsNamingTheCredentials() {
    try (ObjectStore wrong = S3ObjectStores.create(s3.withWrongSecret())) {
      ProbeResult result = probe.probe(wrong, BUCKET, PREFIX, Encryption.none());

      assertThat(result)
          .isEqualTo(
              new ProbeResult.Failed(
                  "credentials",
                  "the access key id or secret access key is wrong: copy both again from the IAM"
                      + " user's security credentials"));
    }
  }

  @Test
  void missingBucketFailsNamingTheBucket() {
    ProbeResult result = probe.probe(s3.store(), "no-such-bucket", PREFIX, Encryption.none());

    assertThat(result)
        .isEqualTo(
            new ProbeResult.Failed(
                "bucket", "bucket no-such-bucket does not exist: check its name and region"));
  }
}
