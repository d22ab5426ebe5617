package io.hivewire.server;

import io.hivewire.routing.RoutingDestination;
import io.hivewire.routing.UploadedFile;
import io.hivewire.s3.ObjectStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A routing engine at work for one destination, with the store it writes through. */
final class RunningDestination implements AutoCloseable {

  /** The last file that reached the bucket and when. */
  record LastFile(String key, Instant at) {}

  private final RoutingDestination engine;
  private final ObjectStore store;
  private final AtomicReference<LastFile> lastFile = new AtomicReference<>();
  private boolean closed;

  RunningDestination(RoutingDestination engine, ObjectStore store, InstantSource clock) {
    this.engine = Objects.requireNonNull(engine, "engine is null");
    this.store = Objects.requireNonNull(store, "store is null");
    engine.onUpload((UploadedFile file) -> lastFile.set(new LastFile(file.key(), clock.instant())));
  }

  RoutingDestination engine() {
    return engine;
  }

  Optional<LastFile> lastFile() {
    return Optional.ofNullable(lastFile.get());
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (store) {
      engine.close();
    }
  }
}
