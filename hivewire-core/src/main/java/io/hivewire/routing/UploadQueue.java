package io.hivewire.routing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Closed files on their way to the bucket: at most a fixed number upload at once (the caller blocks
 * beyond, which holds back reading the log rather than piling up files), and each one holds back
 * the committed log position from when it is added until it is done. Every method is safe to call
 * from any thread.
 */
final class UploadQueue implements AutoCloseable {

  private record Pending(long firstOffset, Instant openedAt) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Semaphore slots;
  private final ExecutorService uploads = Executors.newVirtualThreadPerTaskExecutor();

  UploadQueue(int maxInFlight) {
    this.slots = new Semaphore(maxInFlight);
  }

  /**
   * Holds back the log for {@code file} (named {@code key}) from now until {@link #done} is called
   * for its key. Never blocks, so that the caller may hold a lock while it hands a file over.
   */
  void add(String key, ClosedFile file) {
    pending.put(key, new Pending(file.range().firstOffset(), file.openedAt()));
  }

  /**
   * Runs {@code upload} on its own thread once a slot is free, waiting for one: call it without
   * holding any lock, since a slot frees only when an upload ends, which can take as long as the
   * endpoint stalls.
   */
  void start(Runnable upload) throws InterruptedException {
    slots.acquire();
    try {
      uploads.execute(
          () -> {
            try {
              upload.run();
            } finally {
              slots.release();
            }
          });
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  /** The file {@code key} is in the bucket: it no longer holds back the log. */
  void done(String key) {
    pending.remove(key);
  }

  /** The lowest first offset of a file not yet in the bucket. */
  OptionalLong lowestFirstOffset() {
    return pending.values().stream().mapToLong(Pending::firstOffset).min();
  }

  /** When the oldest file not yet in the bucket was opened. */
  Optional<Instant> oldestOpenedAt() {
    return pending.values().stream().map(Pending::openedAt).min(Instant::compareTo);
  }

  /** Interrupts running uploads and waits for them to end; pending files stay in the log. */
  @Override
  public void close() {
    uploads.shutdownNow();
    try {
      uploads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
