package io.hivewire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that posts numbered events in batches to {@code POST /v2.0/events}, spread round-robin
 * over the nodes it is given, the way a load balancer with retries would: a batch that fails (no
 * connection, 5xx) is sent again, as a new attempt, to the next node. It remembers the event ids of
 * every acknowledged ({@code 201}) batch and every answer that was not one.
 *
 * <p>Each event carries {@code properties.seq} (its number) and {@code properties.attempt}, so a
 * reader of the bucket can tell each attempt's copy apart; its time falls in one of {@code hours}
 * consecutive hours from {@code firstHour}, so routing writes several hourly partitions.
 */
final class EventPublisher implements AutoCloseable {

  /** One answer that was not {@code 201}: the node, the status (0: no answer) and what it said. */
  record Failure(String node, int status, String detail, boolean retryAfter) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);

  private final int events;
  private final int batchSize;
  private final Instant firstHour;
  private final int hours;
  private final List<ClusterNode> targets = new CopyOnWriteArrayList<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextBatch = new AtomicInteger();
  private final AtomicInteger nextTarget = new AtomicInteger();
  private final AtomicLong attempts = new AtomicLong();
  private final List<UUID> users = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final int threadCount;
  private final ExecutorService threads;
  private final List<Future<?>> senders = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private boolean held;

  EventPublisher(int events, int batchSize, int threads, Instant firstHour, int hours) {
    this.events = events;
    this.batchSize = batchSize;
    this.firstHour = firstHour;
    this.hours = hours;
    this.threadCount = threads;
    this.threads = Executors.newFixedThreadPool(threads);
    for (int i = 0; i < 1_000; i++) {
      users.add(UUID.nameUUIDFromBytes(("user-" + i).getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Sends to {@code node} too, from the next batch on. */
  void target(ClusterNode node) {
    targets.add(node);
  }

  /** Sends no further batch until {@link #release}; batches in flight go on. */
  void hold() {
    synchronized (gate) {
      held = true;
    }
  }

  /** Lets batches go again after {@link #hold}. */
  void release() {
    synchronized (gate) {
      held = false;
      gate.notifyAll();
    }
  }

  /** Starts posting every event, on the publisher's threads. */
  EventPublisher start() {
    if (targets.isEmpty()) {
      throw new IllegalStateException("no node to post to");
    }
    for (int i = 0; i < threadCount; i++) {
      senders.add(threads.submit(this::sendBatches));
    }
    return this;
  }

  /** Waits until at least {@code count} events are acknowledged. */
  void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acknowledged.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            acknowledged.size() + " of " + count + " events acknowledged after " + timeout);
      }
      if (senders.stream().allMatch(Future::isDone)) {
        awaitAllSent(Duration.ZERO);
        throw new AssertionError("the publisher stopped at " + acknowledged.size() + " events");
      }
      Thread.sleep(20);
    }
  }

  /** Waits until every batch is acknowledged; fails with the first error of a sender. */
  void awaitAllSent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Future<?> sender : senders) {
      try {
        sender.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError("a sender failed", e.getCause());
      } catch (TimeoutException e) {
        throw new AssertionError(
            "not every batch was acknowledged after "
                + timeout
                + " ("
                + acknowledged.size()
                + " events)");
      }
    }
  }

  /** The event ids the nodes acknowledged with {@code 201}. */
  Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  /** Every answer that was not {@code 201}, in the order they came. */
  List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** How many requests were sent, acknowledged or not. */
  long attempts() {
    return attempts.get();
  }

  private void sendBatches() {
    int batches = (events + batchSize - 1) / batchSize;
    for (int batch = nextBatch.getAndIncrement();
        batch < batches;
        batch = nextBatch.getAndIncrement()) {
      awaitRelease();
      sendUntilAcknowledged(batch);
    }
  }

  private void sendUntilAcknowledged(int batch) {
    for (int attempt = 1; ; attempt++) {
      ClusterNode node = targets.get(Math.floorMod(nextTarget.getAndIncrement(), targets.size()));
      attempts.incrementAndGet();
      HttpResponse<String> response;
      try {
        response =
            http.send(
                request(node.baseUrl(), batch, attempt), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        failures.add(new Failure(node.id(), 0, e.toString(), false));
        pause(Duration.ofMillis(50));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while posting", e);
      }
      if (response.statusCode() == 201) {
        acknowledge(batch, response.body());
        return;
      }
      if (response.statusCode() < 500) {
        throw new AssertionError(
            node.id() + " refused a batch: " + response.statusCode() + " " + response.body());
      }
      var retryAfter = response.headers().firstValue("Retry-After");
      failures.add(
          new Failure(node.id(), response.statusCode(), response.body(), retryAfter.isPresent()));
      Duration pause =
          retryAfter.map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(Duration.ofMillis(50));
      // Respecting Retry-After in full would only make the test slower, not more telling.
      pause(pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause);
    }
  }

  private void acknowledge(int batch, String body) {
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("201 without JSON: " + body, e);
    }
    JsonNode accepted = answer.path("accepted");
    int expected = Math.min(batchSize, events - batch * batchSize);
    if (accepted.size() != expected) {
      throw new AssertionError("201 for " + accepted.size() + " of " + expected + ": " + body);
    }
    accepted.forEach(a -> acknowledged.add(a.path("event_id").asText()));
  }

  private HttpRequest request(URI node, int batch, int attempt) {
    StringBuilder body = new StringBuilder(batchSize * 160).append('[');
    int first = batch * batchSize;
    int last = Math.min(events, first + batchSize);
    for (int seq = first; seq < last; seq++) {
      if (seq > first) {
        body.append(',');
      }
      Instant time =
          firstHour.plusSeconds((long) (seq % hours) * 3_600 + (seq / hours) % 3_600).plusMillis(7);
      body.append("{\"name\":\"Pageview\",\"user_id\":\"")
          .append(users.get(seq % users.size()))
          .append("\",\"time\":\"")
          .append(time)
          .append("\",\"properties\":{\"seq\":")
          .append(seq)
          .append(",\"attempt\":")
          .append(attempt)
          .append("}}");
    }
    body.append(']');
    return HttpRequest.newBuilder(node.resolve("/v2.0/events"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("X-API-Key", KafkaClusterFixture.API_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  private void awaitRelease() {
    synchronized (gate) {
      while (held) {
        try {
          gate.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while held", e);
        }
      }
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
    http.close();
  }
}
