package io.hivewire.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LocalS3FixtureIT {

  @RegisterExtension static final LocalS3Fixture s3 = LocalS3Fixture.start("fixture-data");

  @TempDir Path dir;

  @Test
  void putObjectIsVisibleThroughTheStore() {
    ObjectInfo written = s3.putObject("fixture-data", "a/b.csv", "x,y\n".getBytes(UTF_8));

    assertThat(s3.store().head(new S3Location("fixture-data", "a/b.csv")))
        .hasValueSatisfying(head -> assertThat(head.etag()).isEqualTo(written.etag()));
  }

  @Test
  void settingsPointAtTheEndpointWithItsKeys() {
    S3ClientSettings settings = s3.settings();

    assertThat(settings.endpoint()).contains(s3.localS3().endpoint());
    assertThat(settings.region()).isEqualTo("us-east-1");
    assertThat(settings.pathStyle()).isTrue();
    assertThat(settings.credentials())
        .isEqualTo(
            new S3ClientSettings.Credentials.Static(
                s3.localS3().accessKey(), s3.localS3().secretKey()));
    assertThat(s3.withWrongSecret().credentials()).isNotEqualTo(settings.credentials());
  }

  @Test
  void anInvalidBucketNameIsRefusedUpFront() {
    assertThatThrownBy(() -> s3.createBucket("b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'b' is not valid");
  }

  @Test
  void anOnDiskEndpointKeepsObjectsAcrossRestarts() {
    try (LocalS3Fixture first = LocalS3Fixture.startOnDisk(dir, "kept")) {
      first.putObject("kept", "k", "v".getBytes(UTF_8));
    }

    try (LocalS3Fixture second = LocalS3Fixture.startOnDisk(dir, "kept")) {
      assertThat(second.store().head(new S3Location("kept", "k"))).isPresent();
    }
  }
}
