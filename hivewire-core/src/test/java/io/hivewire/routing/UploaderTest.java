package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.SupportsMultipartUpload;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UploaderTest {

  private static final String BUCKET = "lake";
  private static final Instant T0 = Instant.parse("2026-01-15T14:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryObjectStore store = new InMemoryObjectStore(clock);
  private final ExecutorService parts = Executors.newVirtualThreadPerTaskExecutor();
  private final Uploader uploader =
      new Uploader(
          store,
          BUCKET,
          PutOptions.defaults(),
          new Retrier(
              Backoff.defaults(), d -> {}, RandomGenerator.getDefault(), () -> false, () -> {}),
          parts);

  @AfterEach
  void stop() {
    parts.close();
  }

  @Test
  void staleUploadsUnderThePrefixAreAbortedWhoeverBeganThemAndRecentOnesAreLeft() {
    store.createBucket(BUCKET);
    SupportsMultipartUpload multipart = store.multipart().orElseThrow();
    String deadNodes =
        multipart.start(
            key("routed/type=events/2026-01-15T13:59:00Z-a1-node-a.jsonl.gz"),
            PutOptions.defaults());
    multipart.start(key("elsewhere/type=events/old-upload.jsonl.gz"), PutOptions.defaults());
    clock.advance(Duration.ofHours(25));
    String inFlight =
        multipart.start(
            key("routed/type=events/2026-01-16T14:59:00Z-b2-node-b.jsonl.gz"),
            PutOptions.defaults());

    int aborted = uploader.abortStale("routed/", clock.instant().minus(Duration.ofDays(1)));

    assertThat(aborted).isEqualTo(1);
    assertThat(multipart.listPending(BUCKET, "routed/"))
        .extracting(SupportsMultipartUpload.PendingUpload::uploadId)
        .containsExactly(inFlight)
        .doesNotContain(deadNodes);
    assertThat(multipart.listPending(BUCKET, "elsewhere/")).hasSize(1);
  }

  private static S3Location key(String key) {
    return new S3Location(BUCKET, key);
  }
}
