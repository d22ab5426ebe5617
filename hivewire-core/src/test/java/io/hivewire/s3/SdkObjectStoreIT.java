package io.hivewire.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.s3.ObjectStoreException.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The object-store contract against the SDK store talking to S3Proxy (in memory, SigV4), plus what
 * only a real endpoint can show: signatures, the network, encryption headers, exact request counts.
 */
class SdkObjectStoreIT extends ObjectStoreContract {

  private static LocalS3Fixture s3;

  @BeforeAll
  static void startS3() {
    s3 = LocalS3Fixture.start(BUCKET);
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Override
  ObjectStore store() {
    return s3.store();
  }

  @Test
  void wrongSecretKeyFailsWithInvalidCredentials() {
    try (ObjectStore wrong = S3ObjectStores.create(s3.withWrongSecret())) {
      assertThatThrownBy(() -> wrong.list(ListRequest.directory(BUCKET, prefix)))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS);
                assertThat(e.getMessage())
                    .contains("ListObjectsV2", "s3://" + BUCKET, "SignatureDoesNotMatch")
                    .doesNotContain(s3.localS3().secretKey());
              });
      assertThatThrownBy(() -> wrong.put(at("k"), new byte[] {1}, PutOptions.defaults()))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
    }
  }

  @Test
  void unknownAccessKeyFailsWithInvalidCredentials() {
    S3ClientSettings unknown =
        s3.settings()
            .withCredentials(new S3ClientSettings.Credentials.Static("AKIAUNKNOWN", "secret"));
    try (ObjectStore store = S3ObjectStores.create(unknown)) {
      assertThatThrownBy(() -> store.list(ListRequest.directory(BUCKET, prefix)))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS);
                assertThat(e.getMessage()).contains("InvalidAccessKeyId");
              });
    }
  }

  @Test
  void headWithWrongKeysCanOnlyBeReportedAsAccessDenied() {
    // A HEAD answer has no body, so the 403 carries no error code to tell bad keys apart.
    try (ObjectStore wrong = S3ObjectStores.create(s3.withWrongSecret())) {
      assertThatThrownBy(() -> wrong.head(at("k")))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED);
                assertThat(e.getMessage()).contains("s3:GetObject", "wrong keys also get 403");
              });
    }
  }

  @Test
  void unreachableEndpointFailsWithNetwork() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    S3ClientSettings nowhere =
        s3.settings().withEndpoint(URI.create("http://127.0.0.1:" + closedPort));
    try (ObjectStore store = S3ObjectStores.create(nowhere)) {
      assertThatThrownBy(() -> store.list(ListRequest.directory(BUCKET, "")))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.NETWORK);
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("ListObjectsV2", "could not reach S3");
              });
    }
  }

  @Test
  void encryptionHeadersAreSentAndAcceptedByTheInMemoryEndpoint() throws IOException {
    store()
        .put(
            at("sse-s3"),
            "a".getBytes(UTF_8),
            PutOptions.defaults().withEncryption(new Encryption.S3Managed()));
    store()
        .put(
            at("sse-kms"),
            "b".getBytes(UTF_8),
            PutOptions.defaults().withEncryption(new Encryption.Kms("alias/hivewire")));

    assertThat(read(store().open(at("sse-s3")))).isEqualTo("a");
    assertThat(read(store().open(at("sse-kms")))).isEqualTo("b");
  }

  @Test
  void everyPutIsExactlyOneRequestWithoutChunkedEncoding() {
    RequestCounts before = store().requestCounts();

    for (int i = 0; i < 40; i++) {
      put("many/" + i, "record " + i + "\n".repeat(i * 100));
    }

    // With aws-chunked bodies S3Proxy leaves tails unread and a few requests are retried.
    assertThat(store().requestCounts().minus(before).get("PutObject")).isEqualTo(40);
  }

  @Test
  void closingTwiceIsHarmless() {
    ObjectStore store = S3ObjectStores.create(s3.settings());
    store.list(ListRequest.directory(BUCKET, prefix));

    store.close();
    store.close();

    assertThat(store.requestCounts().get("ListObjectsV2")).isEqualTo(1);
  }
}
