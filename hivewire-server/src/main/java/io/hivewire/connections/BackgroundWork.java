package io.hivewire.connections;

import io.hivewire.errors.BusyException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs connection checks and resyncs in the background: a fixed number of workers and a bounded
 * queue, so a burst of requests is refused with {@link BusyException} instead of piling up.
 */
public final class BackgroundWork implements AutoCloseable {

  private final ThreadPoolExecutor executor;
  private boolean closed;

  public BackgroundWork(int workers, int queueCapacity) {
    this.executor =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            Thread.ofVirtual().name("hivewire-background-", 0).factory(),
            new ThreadPoolExecutor.AbortPolicy());
  }

  /** Queues a task; throws {@link BusyException} when the queue is full. */
  public void submit(String what, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      throw new BusyException(
          "too much background work is queued to start "
              + what
              + " now: try again in a few seconds, or raise HIVEWIRE_VALIDATION_QUEUE",
          e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
