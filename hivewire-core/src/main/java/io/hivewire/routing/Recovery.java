package io.hivewire.routing;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a destination does at start before it routes: deletes the spill files a crashed run left,
 * and rebuilds from the log the files whose cuts were journaled but not uploaded, so that they are
 * uploaded under their journaled keys and a replay writes no second copy.
 */
final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final RoutingSettings settings;
  private final EventLog.Consumer consumer;
  private final LogPartition partition;
  private final InstantSource clock;

  Recovery(
      RoutingSettings settings,
      EventLog.Consumer consumer,
      LogPartition partition,
      InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.consumer = Objects.requireNonNull(consumer, "consumer is null");
    this.partition = Objects.requireNonNull(partition, "partition is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** Deletes the spill files of an earlier run: their records are read again from the log. */
  void clearSpillFiles() {
    Path spill = spillDir();
    try (var files = Files.list(spill)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear spill directory " + spill + ": " + e, e);
    }
  }

  /** Opens the cut journal, forgetting cuts below the committed log position. */
  CutJournal openJournal(long committed) {
    return CutJournal.open(settings.stateDir().resolve("cuts.journal"), committed);
  }

  /**
   * Rebuilds each unfinished cut of {@code journal} and hands it to {@code upload} with its
   * journaled key, in journal order, until {@code closing} says to stop.
   */
  void replayUnfinished(
      CutJournal journal,
      BlockGzip gzip,
      BooleanSupplier closing,
      BiConsumer<ClosedFile, String> upload) {
    FileRebuilder rebuilder = new FileRebuilder(consumer, partition, spillDir(), gzip);
    for (CutJournal.Cut cut : journal.unfinished()) {
      if (closing.getAsBoolean()) {
        return;
      }
      ClosedFile file = rebuilder.rebuild(cut, clock.instant());
      LOG.info(
          "recovering {} ({} records, offsets {}..{})",
          cut.key(),
          cut.records(),
          cut.range().firstOffset(),
          cut.range().lastOffset());
      upload.accept(file, cut.key());
    }
  }

  private Path spillDir() {
    return settings.stateDir().resolve("spill");
  }
}
