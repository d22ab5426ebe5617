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
 * the committed log position until it is done.
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
   * Runs {@code upload} of {@code file} (named {@code key}) on its own thread once a slot is free;
   * the file counts as pending until {@link #done} is called for its key.
   */
  void submit(String key, ClosedFile file, Runnable upload) {
    pending.put(key, new Pending(file.range().firstOffset(), file.openedAt()));
    slots.acquireUninterruptibly();
    uploads.execute(
        () -> {
          try {
            upload.run();
          } finally {
            slots.release();
          }
        });
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
