package io.hivewire.routing.log.wal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The offset after the last record forced to disk: readers see records below it only, and wait on
 * it (signalled by the writer, never polled) for new ones. Thread-safe.
 */
final class DurableWatermark {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private long end;
  private boolean closed;

  DurableWatermark(long end) {
    this.end = end;
  }

  long get() {
    lock.lock();
    try {
      return end;
    } finally {
      lock.unlock();
    }
  }

  void advance(long newEnd) {
    lock.lock();
    try {
      end = Math.max(end, newEnd);
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the watermark is above {@code offset}, at most {@code wait}, and returns it;
   * returns early when closed or interrupted (keeping the interrupt flag).
   */
  long awaitAbove(long offset, Duration wait) {
    long nanos = wait.toNanos();
    lock.lock();
    try {
      while (end <= offset && !closed && nanos > 0) {
        nanos = advanced.awaitNanos(nanos);
      }
      return end;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return end;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiting reader. */
  void close() {
    lock.lock();
    try {
      closed = true;
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
