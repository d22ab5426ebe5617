package io.hivewire.bench;

import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event log that notes, per partition, when its members' reads first returned records after
 * {@link #watchFrom}: how the rebalance pause is seen from the worker that takes the partitions
 * over, without changing what routing does.
 */
final class ReadWatchingLog implements EventLog {

  private final EventLog log;
  private final Map<LogPartition, Long> firstReadNanos = new ConcurrentHashMap<>();
  private volatile long since = Long.MAX_VALUE;

  ReadWatchingLog(EventLog log) {
    this.log = log;
  }

  /** Forgets earlier reads: from now on, each partition's first read with records is noted. */
  void watchFrom(long nanoTime) {
    firstReadNanos.clear();
    since = nanoTime;
  }

  /** When a read of {@code partition} first returned records since {@link #watchFrom}. */
  Optional<Long> firstReadNanos(LogPartition partition) {
    return Optional.ofNullable(firstReadNanos.get(partition));
  }

  @Override
  public CompletableFuture<Long> appendAsync(List<LogEntry> entries) {
    return log.appendAsync(entries);
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
    Consumer member = log.consumer(group, listener);
    return new Consumer() {
      @Override
      public String id() {
        return member.id();
      }

      @Override
      public Set<LogPartition> assignment(Duration wait) {
        return member.assignment(wait);
      }

      @Override
      public CommittedPosition committed(LogPartition partition) {
        return member.committed(partition);
      }

      @Override
      public List<LogRecord> read(
          LogPartition partition, long fromOffset, int maxRecords, Duration wait) {
        List<LogRecord> records = member.read(partition, fromOffset, maxRecords, wait);
        long now = System.nanoTime();
        if (!records.isEmpty() && now >= since) {
          firstReadNanos.putIfAbsent(partition, now);
        }
        return records;
      }

      @Override
      public long position(LogPartition partition) {
        return member.position(partition);
      }

      @Override
      public void commit(LogPartition partition, CommittedPosition position) {
        member.commit(partition, position);
      }

      @Override
      public void close() {
        member.close();
      }
    };
  }

  @Override
  public void removeGroup(String group) {
    log.removeGroup(group);
  }

  @Override
  public long sizeBytes() {
    return log.sizeBytes();
  }

  @Override
  public void close() {
    log.close();
  }
}
