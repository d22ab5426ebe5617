package io.hivewire.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The STS lookup against endpoints that do not answer as STS: each gives a reason instead of an
 * identity, within the time-out, and never throws.
 */
class StsCallerIdentityIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  static LocalS3Fixture s3;

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start("any");
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  @Test
  void refusedConnectionIsUnavailableWithTheReason() throws IOException {
    CallerIdentity identity =
        new StsCallerIdentity(
            s3.settings().credentials(), "us-east-1", Optional.of(closedPort()), TIMEOUT);

    long started = System.nanoTime();
    CallerIdentity.Lookup lookup = identity.lookup();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
    assertThat(lookup)
        .isInstanceOfSatisfying(
            CallerIdentity.Lookup.Unavailable.class,
            u -> assertThat(u.reason()).startsWith("STS GetCallerIdentity failed"));
  }

  @Test
  void anEndpointWithoutStsIsUnavailable() {
    CallerIdentity identity =
        new StsCallerIdentity(
            s3.settings().credentials(),
            "us-east-1",
            Optional.of(s3.localS3().endpoint()),
            TIMEOUT);

    assertThat(identity.lookup()).isInstanceOf(CallerIdentity.Lookup.Unavailable.class);
  }
}
