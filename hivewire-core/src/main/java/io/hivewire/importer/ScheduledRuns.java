package io.hivewire.importer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which imports are due for a scheduled run at a given instant: those with an interval schedule
 * whose interval has passed since their last run started (or since they were created). A pure
 * function of the time, so a scheduler ticks it with an injected clock.
 */
public final class ScheduledRuns {

  private ScheduledRuns() {}

  /**
   * The ids of the imports due at {@code now}, in the order given.
   *
   * @param lastRunStarts when each import's last run started; absent when it never ran
   */
  public static List<UUID> due(
      List<StoredImport> imports, Map<UUID, Instant> lastRunStarts, Instant now) {
    Objects.requireNonNull(imports, "imports is null");
    Objects.requireNonNull(lastRunStarts, "lastRunStarts is null");
    Objects.requireNonNull(now, "now is null");
    List<UUID> due = new ArrayList<>();
    for (StoredImport stored : imports) {
      Optional<Instant> next =
          stored
              .definition()
              .schedule()
              .nextRun(Optional.ofNullable(lastRunStarts.get(stored.id())), stored.createdAt());
      if (next.isPresent() && !next.get().isAfter(now)) {
        due.add(stored.id());
      }
    }
    return due;
  }
}
