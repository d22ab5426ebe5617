package io.hivewire.routing.intake;

import io.hivewire.routing.log.AppendTooLargeException;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogFullException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Appends batches to the event log with a few in flight, so that the next batch is read and parsed
 * while the previous one is being synced; counts what is acknowledged (durable). When the log is
 * full it waits for routing to free room and offers the refused batch again before any later one,
 * so records reach the log in input order and nothing is dropped. It gives up only when the
 * destination that would free the room has stopped, or when a batch is larger than the whole log
 * and so could never fit. One thread drives it.
 */
public final class AppendPipeline {

  private static final int IN_FLIGHT = 3;
  private static final Duration FULL_RETRY = Duration.ofMillis(200);

  private final EventLog log;
  private final PrintStream err;
  private final Supplier<Optional<String>> stopped;
  private final AtomicLong acknowledged = new AtomicLong();
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private boolean toldFull;

  private record InFlight(List<LogEntry> batch, CompletableFuture<Long> durable) {}

  /**
   * Appends to {@code log}; tells {@code err} once when the log is full. {@code stopped} gives the
   * error of the destination that routes the log once it has stopped, and is empty while it runs.
   */
  public AppendPipeline(EventLog log, PrintStream err, Supplier<Optional<String>> stopped) {
    this.log = Objects.requireNonNull(log, "log is null");
    this.err = Objects.requireNonNull(err, "err is null");
    this.stopped = Objects.requireNonNull(stopped, "stopped is null");
  }

  /**
   * Queues {@code batch} (a copy is kept), first waiting while too many are in flight; throws, with
   * the destination's error, once the destination has stopped, so that reading ends. Throws {@link
   * AppendTooLargeException} at once, after the batches before it are durable, when {@code batch}
   * is larger than the log's whole quota.
   */
  public void append(List<LogEntry> batch) throws InterruptedException, StoppedException {
    List<LogEntry> entries = List.copyOf(batch);
    if (entries.isEmpty()) {
      return;
    }
    throwIfStopped();
    while (inFlight.size() >= IN_FLIGHT) {
      awaitOldest();
    }
    while (true) {
      try {
        inFlight.add(new InFlight(entries, log.appendAsync(entries)));
        return;
      } catch (AppendTooLargeException e) {
        // No upload can make room for it: waiting would never end.
        awaitAll();
        throw e;
      } catch (LogFullException e) {
        // The log refuses when an append is queued, so no later batch is in it yet. Room comes
        // from uploads of what is already durable, so let those in flight finish first.
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
      oldest.durable().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException("appending to the event log failed", e.getCause());
    }
    acknowledged.addAndGet(oldest.batch().size());
  }

  private void waitForRoom(LogFullException e) throws InterruptedException, StoppedException {
    throwIfStopped();
    if (!toldFull) {
      err.println(
          "event log full, waiting for routing to catch up (--log-max-bytes gives it more room): "
              + e.getMessage());
      toldFull = true;
    }
    Thread.sleep(FULL_RETRY);
  }

  private void throwIfStopped() throws StoppedException {
    Optional<String> error = stopped.get();
    if (error.isPresent()) {
      throw new StoppedException(error.get());
    }
  }

  /** The destination stopped: nothing will free room in the log or upload what is read. */
  public static final class StoppedException extends Exception {
    private static final long serialVersionUID = 1L;

    StoppedException(String error) {
      super(error);
    }
  }
}
