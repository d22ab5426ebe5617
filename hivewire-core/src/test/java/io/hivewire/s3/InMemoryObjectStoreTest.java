package io.hivewire.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.s3.ObjectStoreException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The object-store contract against {@link InMemoryObjectStore}, and what only it can show. */
class InMemoryObjectStoreTest extends ObjectStoreContract {

  private static final Instant NOON = Instant.parse("2026-01-15T12:00:00Z");

  private final InMemoryObjectStore store =
      new InMemoryObjectStore(InstantSource.fixed(NOON)).createBucket(BUCKET);

  @Override
  ObjectStore store() {
    return store;
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void keysAreOrderedByCodePointLikeS3sUtf8Order() {
    // In UTF-16 the emoji's surrogates sort before U+FFFD; in UTF-8 (S3's order) after it.
    put("\uD83D\uDE00", "emoji");
    put("\uFFFD", "replacement");
    put("z", "ascii");

    assertThat(keys(store.listRecursively(BUCKET, prefix)))
        .containsExactly("z", "\uFFFD", "\uD83D\uDE00");
  }

  @Test
  void aForeignContinuationTokenIsAnInvalidRequest() {
    ListRequest request = ListRequest.recursive(BUCKET, prefix).withContinuationToken("bogus");

    assertThatThrownBy(() -> store.list(request))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST));
  }

  @Test
  void objectsAreStampedWithTheInjectedClock() {
    put("stamped", "x");

    assertThat(store.head(at("stamped")).orElseThrow().lastModified()).isEqualTo(NOON);
  }

  @Test
  void changingTheWrittenArrayDoesNotChangeTheObject() {
    byte[] body = "abc".getBytes(UTF_8);
    store.put(at("copy"), body, PutOptions.defaults());

    body[0] = 'X';

    assertThat(store.readRange(at("copy"), 0, 3)).isEqualTo("abc".getBytes(UTF_8));
  }

  @Test
  void concurrentConditionalPutsHaveExactlyOneWinner() throws Exception {
    List<Future<Optional<ObjectStoreException.Reason>>> attempts = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 32; i++) {
        byte[] body = ("writer " + i).getBytes(UTF_8);
        attempts.add(
            threads.submit(
                () -> {
                  try {
                    store.put(at("race"), body, PutOptions.defaults().withIfNoneMatch(true));
                    return Optional.empty();
                  } catch (ObjectStoreException e) {
                    return Optional.of(e.reason());
                  }
                }));
      }
    }

    List<Optional<ObjectStoreException.Reason>> outcomes = new ArrayList<>();
    for (Future<Optional<ObjectStoreException.Reason>> attempt : attempts) {
      outcomes.add(attempt.get());
    }
    // A loser lost the race only if the store said so: any other failure is a bug, not a loss.
    assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(1);
    assertThat(outcomes)
        .filteredOn(Optional::isPresent)
        .hasSize(31)
        .containsOnly(Optional.of(ObjectStoreException.Reason.PRECONDITION_FAILED));
    String winner = new String(store.readRange(at("race"), 0, 9), UTF_8);
    assertThat(winner).startsWith("writer ");
  }

  @Test
  void multipartEtagIsTheDigestOfPartDigestsWithThePartCount() throws Exception {
    byte[] bytes = pattern((int) SupportsMultipartUpload.MIN_PART_SIZE + 10);
    Path file = Files.write(tmp.resolve("two-parts.bin"), bytes);
    S3Location target = at("two-parts.bin");
    String id = store.start(target, PutOptions.defaults());
    var first = store.uploadPart(target, id, 1, file, 0, SupportsMultipartUpload.MIN_PART_SIZE);
    var second = store.uploadPart(target, id, 2, file, SupportsMultipartUpload.MIN_PART_SIZE, 10);

    ObjectInfo done = store.complete(target, id, List.of(first, second), PutOptions.defaults());

    assertThat(done.etag()).matches("\"[0-9a-f]{32}-2\"");
  }

  @Test
  void partsForAnUnknownUploadAreRefusedAsS3Does() throws Exception {
    Path file = Files.write(tmp.resolve("part"), new byte[] {1});

    assertThatThrownBy(() -> store.uploadPart(at("k"), "no-such-upload", 1, file, 0, 1))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_KEY);
              assertThat(e.getMessage()).contains("NoSuchUpload");
            });
  }

  @Test
  void bucketsReportTheRegionTheyWereCreatedIn() {
    store.createBucket("eu-data", "eu-west-1");

    assertThat(store.bucketRegion("eu-data")).isEqualTo("eu-west-1");
    assertThat(store.bucketRegion(BUCKET)).isEqualTo("us-east-1");
  }

  @Test
  void aClosedStoreRefusesCalls() {
    store.close();
    store.close();

    assertThatThrownBy(() -> store.list(ListRequest.directory(BUCKET, "")))
        .isInstanceOf(IllegalStateException.class);
  }
}
