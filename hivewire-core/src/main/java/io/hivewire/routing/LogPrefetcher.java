package io.hivewire.routing;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and decodes the log on a thread of its own, a few batches ahead of the routing thread, so
 * that reading overlaps with gzip instead of taking turns with it. The queue is bounded: at most
 * {@code depth} batches wait, however far behind the routing thread is.
 */
final class LogPrefetcher implements AutoCloseable {

  private final EventLog.Consumer consumer;
  private final LogPartition partition;
  private final int batchSize;
  private final Duration readWait;
  private final BlockingQueue<List<LogRecord>> batches;
  private final Thread thread;
  private volatile RuntimeException failure;
  private volatile boolean stopped;

  LogPrefetcher(
      EventLog.Consumer consumer,
      LogPartition partition,
      long fromOffset,
      int batchSize,
      int depth,
      Duration readWait,
      String name) {
    this.consumer = Objects.requireNonNull(consumer, "consumer is null");
    this.partition = Objects.requireNonNull(partition, "partition is null");
    this.readWait = Objects.requireNonNull(readWait, "readWait is null");
    if (batchSize < 1 || depth < 1) {
      throw new IllegalArgumentException(
          "batchSize and depth must be at least 1, got " + batchSize + " and " + depth);
    }
    this.batchSize = batchSize;
    this.batches = new ArrayBlockingQueue<>(depth);
    this.thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> readFrom(fromOffset));
  }

  void start() {
    thread.start();
  }

  private void readFrom(long fromOffset) {
    long next = fromOffset;
    try {
      while (!stopped) {
        List<LogRecord> batch = consumer.read(partition, next, batchSize, readWait);
        if (batch.isEmpty()) {
          continue;
        }
        next = batch.getLast().offset() + 1;
        batches.put(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stopped) {
        failure = e;
      }
    }
  }

  /**
   * The next batch in log order, or an empty list when none is ready within {@code wait}; rethrows
   * what stopped the reading thread.
   */
  List<LogRecord> next(Duration wait) throws InterruptedException {
    List<LogRecord> batch = batches.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    if (batch != null) {
      return batch;
    }
    RuntimeException failed = failure;
    if (failed != null) {
      throw failed;
    }
    return List.of();
  }

  /**
   * Makes a {@link #next} that is waiting return at once with an empty batch, so that its caller
   * can act on something other than the log; does nothing while batches are waiting anyway.
   */
  void wake() {
    if (batches.isEmpty()) {
      batches.offer(List.of());
    }
  }

  /** Stops the reading thread and waits for it; batches not taken are dropped. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    batches.clear();
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
