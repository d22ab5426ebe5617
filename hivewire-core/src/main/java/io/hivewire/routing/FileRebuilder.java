package io.hivewire.routing;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Rebuilds a journaled file from the log: the records of its partition in its offset range, in
 * order, which is exactly what the file held when it was cut.
 */
final class FileRebuilder {

  private static final int BATCH = 1000;

  private final EventLog.Consumer consumer;
  private final LogPartition partition;
  private final Path spillDir;
  private final BlockGzip gzip;

  FileRebuilder(EventLog.Consumer consumer, LogPartition partition, Path spillDir, BlockGzip gzip) {
    this.consumer = Objects.requireNonNull(consumer, "consumer is null");
    this.partition = Objects.requireNonNull(partition, "partition is null");
    this.spillDir = Objects.requireNonNull(spillDir, "spillDir is null");
    this.gzip = Objects.requireNonNull(gzip, "gzip is null");
  }

  ClosedFile rebuild(CutJournal.Cut cut, Instant now) {
    FileRange range = cut.range();
    OpenFile file =
        OpenFile.create(
            range.partition(),
            spillDir.resolve("recovered-" + range.firstOffset() + ".jsonl.gz"),
            gzip,
            now);
    try {
      long next = range.firstOffset();
      while (next <= range.lastOffset()) {
        List<LogRecord> batch = consumer.read(partition, next, BATCH, Duration.ZERO);
        if (batch.isEmpty()) {
          throw new IllegalStateException(
              "the event log no longer holds offset "
                  + next
                  + " of the journaled file "
                  + cut.key()
                  + ": it cannot be rebuilt (was the log directory replaced?)");
        }
        for (LogRecord record : batch) {
          if (record.offset() > range.lastOffset()) {
            break;
          }
          if (range.contains(PartitionKey.of(record), record.offset())) {
            file.append(record);
          }
          next = record.offset() + 1;
        }
      }
      if (file.records() != cut.records()) {
        throw new IllegalStateException(
            "rebuilding "
                + cut.key()
                + " from the log gave "
                + file.records()
                + " records where "
                + cut.records()
                + " were journaled: the log changed under the routing state in its directory");
      }
      return file.finish(RollReason.RECOVERED);
    } catch (RuntimeException e) {
      try {
        file.discard();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }
}
