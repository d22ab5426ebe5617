package io.hivewire.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls the API as a client would while background work runs; no timer is involved. */
final class Polling {

  private static final Duration LIMIT = Duration.ofMinutes(1);
  private static final long INTERVAL_MILLIS = 50;

  private Polling() {}

  /** Reads until {@code done} holds, at most a minute; answers the last read. */
  static JsonNode until(Supplier<JsonNode> read, Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      JsonNode value = read.get();
      if (done.test(value) || System.nanoTime() > deadline) {
        return value;
      }
      sleep(INTERVAL_MILLIS);
    }
  }

  /** Connection {@code id} once its background check has finished, at most a minute. */
  static JsonNode checkedConnection(ApiClient api, String id) {
    return until(
        () -> api.get("/api/v1/connections/" + id).json(),
        connection -> !connection.path("status").asText().equals("PROCESSING"));
  }

  /** Waits {@code millis}, for tests that let background work go on. */
  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
