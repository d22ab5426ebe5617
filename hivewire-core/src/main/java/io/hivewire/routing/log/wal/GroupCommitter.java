package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.AppendTooLargeException;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogFullException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of a log: appenders hand their entries to a bounded queue (blocking when it is
 * full, which is the backpressure), one thread takes everything queued, writes it, forces the file
 * once for the whole group and only then completes every appender's future. Thread-safe.
 *
 * <p>The quota is checked when an append is queued, counting the bytes already queued as used
 * ({@link #reservedBytes}), so a queued append always fits: the log never refuses an append after
 * accepting a later one, and an appender that retries a refused append keeps its order.
 */
final class GroupCommitter implements AutoCloseable {

  /** A group stops growing past this many bytes so that its callers are not held back for long. */
  private static final long MAX_GROUP_BYTES = 8L * 1024 * 1024;

  private final SegmentFiles files;
  private final DurableWatermark watermark;
  private final long maxBytes;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<PendingAppend> queue = new ArrayDeque<>();
  private final Thread writer;
  private boolean closed;
  // Bytes of appends queued or being written and not yet counted in files.sizeBytes(); guarded by
  // lock. Released after the writer has flushed them (so for a moment they may count twice, which
  // refuses early but never exceeds the quota) and before their appenders are told.
  private long reservedBytes;
  private volatile IOException failure;

  GroupCommitter(
      SegmentFiles files,
      DurableWatermark watermark,
      WalSettings settings,
      ThreadFactory threadFactory) {
    this.files = files;
    this.watermark = watermark;
    this.maxBytes = settings.maxBytes();
    this.capacity = settings.maxPendingAppends();
    this.writer = threadFactory.newThread(this::run);
    writer.start();
  }

  /**
   * Queues the entries, waiting while the queue is full; the future completes once durable. Throws
   * {@link LogFullException}, queuing nothing, when they would not fit in the quota, and {@link
   * AppendTooLargeException} when they are larger than the whole quota and so never will.
   */
  CompletableFuture<Long> submit(List<LogEntry> entries, long frameBytes) {
    PendingAppend append = new PendingAppend(entries, frameBytes, new CompletableFuture<>());
    lock.lock();
    try {
      while (queue.size() >= capacity && !closed) {
        notFull.awaitUninterruptibly();
      }
      if (closed) {
        throw new IllegalStateException(
            "the event log is closed: nothing of this append was written");
      }
      if (frameBytes > maxBytes) {
        throw new AppendTooLargeException(frameBytes, maxBytes);
      }
      long used = files.sizeBytes() + reservedBytes;
      if (used + frameBytes > maxBytes) {
        throw logFull(maxBytes, used, frameBytes);
      }
      reservedBytes += frameBytes;
      queue.add(append);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
    return append.result();
  }

  private void run() {
    List<PendingAppend> group = new ArrayList<>();
    try {
      while (takeGroup(group)) {
        commit(group);
        group.clear();
      }
    } catch (RuntimeException | Error e) {
      // No appender may wait forever on a writer that is gone.
      failure = new IOException("the event log writer stopped", e);
      lock.lock();
      try {
        closed = true;
        group.addAll(queue);
        queue.clear();
        notFull.signalAll();
      } finally {
        lock.unlock();
      }
      group.forEach(a -> a.result().completeExceptionally(failed()));
      throw e;
    }
  }

  /** Takes what is queued (at least one append); false once closed and drained. */
  private boolean takeGroup(List<PendingAppend> group) {
    lock.lock();
    try {
      while (queue.isEmpty() && !closed) {
        notEmpty.awaitUninterruptibly();
      }
      long bytes = 0;
      while (!queue.isEmpty()
          && (group.isEmpty() || bytes + queue.peek().frameBytes() <= MAX_GROUP_BYTES)) {
        PendingAppend append = queue.poll();
        bytes += append.frameBytes();
        group.add(append);
      }
      notFull.signalAll();
      return !group.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  private void commit(List<PendingAppend> group) {
    if (failure != null) {
      release(group);
      group.forEach(a -> a.result().completeExceptionally(failed()));
      return;
    }
    List<Long> firstOffsets = new ArrayList<>(group.size());
    try {
      for (PendingAppend append : group) {
        firstOffsets.add(files.append(append.entries()));
      }
      files.force();
      watermark.advance(files.nextOffset());
    } catch (IOException | RuntimeException e) {
      failure = e instanceof IOException io ? io : new IOException(e);
      release(group);
      group.forEach(a -> a.result().completeExceptionally(failed()));
      return;
    }
    // Before the appenders hear of it: one that appends again at once must not find its own
    // bytes counted twice.
    release(group);
    for (int i = 0; i < group.size(); i++) {
      group.get(i).result().complete(firstOffsets.get(i));
    }
  }

  /** The group's bytes are in files.sizeBytes() now, or never will be. */
  private void release(List<PendingAppend> group) {
    long bytes = 0;
    for (PendingAppend append : group) {
      bytes += append.frameBytes();
    }
    lock.lock();
    try {
      reservedBytes -= bytes;
    } finally {
      lock.unlock();
    }
  }

  private UncheckedIOException failed() {
    return new UncheckedIOException(
        "writing the event log failed, so it accepts no more appends; restart to recover it"
            + " (recovery keeps every acknowledged record and cuts off the unacknowledged tail)",
        failure);
  }

  /** Stops taking appends, writes those already queued, and waits for the writer to finish. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private record PendingAppend(
      List<LogEntry> entries, long frameBytes, CompletableFuture<Long> result) {}

  /**
   * The quota error, phrased for whoever reads it: it names no setting, since the quota is set
   * differently by each program that opens a log; the caller adds how to raise it.
   */
  static LogFullException logFull(long maxBytes, long sizeBytes, long neededBytes) {
    return new LogFullException(
        "the event log is full: it holds "
            + sizeBytes
            + " bytes of its quota of "
            + maxBytes
            + " bytes and this append needs "
            + neededBytes
            + " more; nothing of it was written. Routing is behind: records are kept until every"
            + " routing destination has uploaded them, so check the status of each destination");
  }
}
