package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.wal.SegmentFiles.ReadPosition;
import io.hivewire.routing.log.wal.SegmentFiles.ReadResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A member of a group on a {@link WalEventLog}: owns the only partition, and remembers where its
 * last read stopped, so that a tailing reader continues from that file position instead of looking
 * its offset up again.
 */
final class WalConsumer implements EventLog.Consumer {

  private static final Set<LogPartition> ONLY = Set.of(WalEventLog.PARTITION);

  private final WalEventLog log;
  private final String id;
  private final EventLog.AssignmentListener listener;
  private final ReadBuffer reader = new ReadBuffer();
  private ReadPosition next = ReadPosition.NONE;
  private long position;
  private boolean told;
  private boolean closed;

  WalConsumer(WalEventLog log, String id, EventLog.AssignmentListener listener) {
    this.log = log;
    this.id = id;
    this.listener = listener;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Set<LogPartition> assignment(Duration wait) {
    if (closed) {
      return Set.of();
    }
    tellAssigned();
    return ONLY;
  }

  private void tellAssigned() {
    if (!told) {
      told = true;
      listener.assigned(ONLY);
    }
  }

  @Override
  public CommittedPosition committed(LogPartition partition) {
    owned(partition);
    return log.committed(id);
  }

  @Override
  public List<LogRecord> read(
      LogPartition partition, long fromOffset, int maxRecords, Duration wait) {
    if (!owned(partition)) {
      return List.of();
    }
    tellAssigned();
    ReadResult result = log.read(fromOffset, maxRecords, wait, next, reader);
    next = result.next();
    List<LogRecord> records = result.records();
    position = records.isEmpty() ? fromOffset : records.getLast().offset() + 1;
    return records;
  }

  @Override
  public long position(LogPartition partition) {
    owned(partition);
    return position;
  }

  @Override
  public void commit(LogPartition partition, CommittedPosition position) {
    if (!owned(partition)) {
      throw new IllegalStateException(
          "event log consumer '" + id + "' was closed: it no longer owns " + partition);
    }
    log.commit(id, position);
  }

  private boolean owned(LogPartition partition) {
    if (!WalEventLog.PARTITION.equals(partition)) {
      throw new IllegalArgumentException(
          "the local event log has one partition, " + WalEventLog.PARTITION + ", not " + partition);
    }
    return !closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (told) {
      listener.revoked(ONLY);
    }
  }
}
