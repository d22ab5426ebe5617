package io.hivewire.cli;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogFullException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends batches to the event log with a few in flight, so that the next batch is read and parsed
 * while the previous one is being synced; counts what is acknowledged (durable). When the log is
 * full it waits for routing to free room and tries again: nothing is dropped. One thread drives it.
 */
public final class AppendPipeline {

  private static final int IN_FLIGHT = 3;
  private static final Duration FULL_RETRY = Duration.ofMillis(200);

  private final EventLog log;
  private final PrintStream err;
  private final AtomicLong acknowledged = new AtomicLong();
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private boolean toldFull;

  private record InFlight(List<LogEntry> batch, CompletableFuture<Long> durable) {}

  /** Appends to {@code log}; tells {@code err} once when the log is full. */
  public AppendPipeline(EventLog log, PrintStream err) {
    this.log = Objects.requireNonNull(log, "log is null");
    this.err = Objects.requireNonNull(err, "err is null");
  }

  /** Queues {@code batch} (a copy is kept), first waiting while too many are in flight. */
  public void append(List<LogEntry> batch) throws InterruptedException {
    List<LogEntry> entries = List.copyOf(batch);
    if (entries.isEmpty()) {
      return;
    }
    while (inFlight.size() >= IN_FLIGHT) {
      awaitOldest();
    }
    while (true) {
      try {
        inFlight.add(new InFlight(entries, log.appendAsync(entries)));
        return;
      } catch (LogFullException e) {
        // Room comes from uploads of what is already durable, so let those in flight finish first.
        awaitAll();
        waitForRoom(e);
      }
    }
  }

  /** Waits until every batch appended so far is durable. */
  public void awaitAll() throws InterruptedException {
    while (!inFlight.isEmpty()) {
      awaitOldest();
    }
  }

  /** Entries that are durable in the log: a caller may forget them. */
  public long acknowledged() {
    return acknowledged.get();
  }

  private void awaitOldest() throws InterruptedException {
    InFlight oldest = inFlight.poll();
    try {
      oldest.durable().join();
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof LogFullException full)) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
      waitForRoom(full);
      appendWhenRoom(oldest.batch());
    }
    acknowledged.addAndGet(oldest.batch().size());
  }

  private void appendWhenRoom(List<LogEntry> batch) throws InterruptedException {
    while (true) {
      try {
        log.append(batch);
        return;
      } catch (LogFullException e) {
        waitForRoom(e);
      }
    }
  }

  private void waitForRoom(LogFullException e) throws InterruptedException {
    if (!toldFull) {
      err.println(
          "event log full, waiting for routing to catch up (--log-max-bytes gives it more room): "
              + e.getMessage());
      toldFull = true;
    }
    Thread.sleep(FULL_RETRY);
  }
}
