package io.hivewire.destinations;

import io.hivewire.destination.DestinationTotals;
import io.hivewire.routing.RoutingDestination;
import io.hivewire.routing.UploadedFile;
import io.hivewire.s3.ObjectStore;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A routing engine at work for one destination, with the store it writes through and the totals of
 * what the destination has written, counted on from those saved by its earlier runs.
 */
final class RunningDestination implements AutoCloseable {

  private final RoutingDestination engine;
  private final ObjectStore store;
  private final AtomicReference<DestinationTotals> totals;
  private final AtomicBoolean unsaved = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  RunningDestination(
      RoutingDestination engine, ObjectStore store, InstantSource clock, DestinationTotals saved) {
    this.engine = Objects.requireNonNull(engine, "engine is null");
    this.store = Objects.requireNonNull(store, "store is null");
    this.totals = new AtomicReference<>(Objects.requireNonNull(saved, "saved is null"));
    engine.onUpload(
        (UploadedFile file) -> {
          // Microseconds, as the database keeps them: a status reads the same before and after.
          Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
          totals.updateAndGet(t -> t.plus(file.key(), file.bytes(), at));
          unsaved.set(true);
        });
  }

  RoutingDestination engine() {
    return engine;
  }

  DestinationTotals totals() {
    return totals.get();
  }

  /**
   * Hands the totals to {@code save} if they changed since it last took them. Calls are serialised,
   * so a later save never writes older totals than an earlier one.
   */
  synchronized void saveIfChanged(Consumer<DestinationTotals> save) {
    if (unsaved.getAndSet(false)) {
      try {
        save.accept(totals.get());
      } catch (RuntimeException e) {
        unsaved.set(true);
        throw e;
      }
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try (store) {
      engine.close();
    }
  }
}
