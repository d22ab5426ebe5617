package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.wal.SegmentFiles.ReadPosition;
import io.hivewire.routing.log.wal.SegmentFiles.ReadResult;
import java.time.Duration;
import java.util.List;

/**
 * A consumer of a {@link WalEventLog}: remembers where its last read stopped, so that a tailing
 * reader continues from that file position instead of looking its offset up again.
 */
final class WalConsumer implements EventLog.Consumer {

  private final WalEventLog log;
  private final String id;
  private final ReadBuffer reader = new ReadBuffer();
  private ReadPosition next = ReadPosition.NONE;

  WalConsumer(WalEventLog log, String id) {
    this.log = log;
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public long committedOffset() {
    return log.committedOffset(id);
  }

  @Override
  public List<LogRecord> read(long fromOffset, int maxRecords, Duration wait) {
    ReadResult result = log.read(fromOffset, maxRecords, wait, next, reader);
    next = result.next();
    return result.records();
  }

  @Override
  public void commit(long offset) {
    log.commit(id, offset);
  }
}
