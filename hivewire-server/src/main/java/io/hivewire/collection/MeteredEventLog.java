package io.hivewire.collection;

import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogFullException;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * An event log whose appends are timed as {@code hivewire.collect.log.append}, by outcome ({@code
 * durable}, {@code full} or {@code failed}), from the call until the entries are fsync'ed; empty
 * appends are not timed. Reads and everything else go straight to the log.
 */
public final class MeteredEventLog implements EventLog {

  private final EventLog log;
  private final Timer durable;
  private final Timer full;
  private final Timer failed;
  private final IntConsumer refused;

  /** {@code refused} is told how many entries an append refused because the log was full. */
  public MeteredEventLog(EventLog log, MeterRegistry registry, IntConsumer refused) {
    this.log = Objects.requireNonNull(log, "log is null");
    this.refused = Objects.requireNonNull(refused, "refused is null");
    this.durable = timer(registry, "durable");
    this.full = timer(registry, "full");
    this.failed = timer(registry, "failed");
  }

  private static Timer timer(MeterRegistry registry, String outcome) {
    return Timer.builder("hivewire.collect.log.append")
        .description("appends to the event log, from the call until they are fsync'ed")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public long append(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return log.append(entries); // nothing is written, so there is no latency to speak of
    }
    long start = System.nanoTime();
    try {
      long offset = log.append(entries);
      durable.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return offset;
    } catch (RuntimeException e) {
      failedAppend(e, entries.size(), start);
      throw e;
    }
  }

  @Override
  public CompletableFuture<Long> appendAsync(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return log.appendAsync(entries);
    }
    long start = System.nanoTime();
    int count = entries.size();
    try {
      return log.appendAsync(entries)
          .whenComplete(
              (offset, e) -> {
                if (e == null) {
                  durable.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                } else {
                  failedAppend(e instanceof CompletionException c ? c.getCause() : e, count, start);
                }
              });
    } catch (RuntimeException e) {
      failedAppend(e, count, start);
      throw e;
    }
  }

  private void failedAppend(Throwable e, int entries, long start) {
    if (e instanceof LogFullException) {
      full.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      refused.accept(entries);
    } else {
      failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public List<LogPartition> partitions() {
    return log.partitions();
  }

  @Override
  public long endOffset(LogPartition partition) {
    return log.endOffset(partition);
  }

  @Override
  public Optional<LogRecord> recordAt(LogPartition partition, long offset) {
    return log.recordAt(partition, offset);
  }

  @Override
  public void addGroup(String group) {
    log.addGroup(group);
  }

  @Override
  public CommittedPosition committed(String group, LogPartition partition) {
    return log.committed(group, partition);
  }

  @Override
  public Consumer consumer(String group, AssignmentListener listener) {
    return log.consumer(group, listener);
  }

  @Override
  public void removeGroup(String group) {
    log.removeGroup(group);
  }

  @Override
  public long sizeBytes() {
    return log.sizeBytes();
  }

  /** Closes nothing: the log belongs to whoever opened it. */
  @Override
  public void close() {}
}
