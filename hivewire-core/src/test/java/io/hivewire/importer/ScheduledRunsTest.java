package io.hivewire.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScheduledRunsTest {

  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private static StoredImport stored(String id, Schedule schedule) {
    return new StoredImport(
        UUID.fromString("00000000-0000-0000-0000-00000000000" + id),
        new ImportDefinition(
            "import " + id,
            UUID.fromString("00000000-0000-0000-0000-0000000000aa"),
            "events",
            DataType.USER_SEGMENTS,
            new Mapping(Map.of("user_id", "u", "segment", "s"), List.of()),
            List.of(),
            Optional.empty(),
            schedule,
            ImportMode.INCREMENTAL,
            OnError.FAIL,
            0),
        "import_" + id,
        CREATED);
  }

  private static final StoredImport HOURLY = stored("1", Schedule.parse("PT1H"));
  private static final StoredImport DAILY = stored("2", Schedule.parse("P1D"));
  private static final StoredImport MANUAL = stored("3", new Schedule.Manual());
  private static final List<StoredImport> ALL = List.of(HOURLY, DAILY, MANUAL);

  @Test
  void nothingIsDueBeforeTheFirstInterval() {
    assertThat(ScheduledRuns.due(ALL, Map.of(), CREATED.plus(Duration.ofMinutes(59)))).isEmpty();
  }

  @Test
  void importIsDueOnceItsIntervalHasPassedSinceCreation() {
    assertThat(ScheduledRuns.due(ALL, Map.of(), CREATED.plus(Duration.ofHours(1))))
        .containsExactly(HOURLY.id());
    assertThat(ScheduledRuns.due(ALL, Map.of(), CREATED.plus(Duration.ofDays(1))))
        .containsExactly(HOURLY.id(), DAILY.id());
  }

  @Test
  void intervalCountsFromTheLastRunStart() {
    Instant lastRun = CREATED.plus(Duration.ofMinutes(90));
    Map<UUID, Instant> starts = Map.of(HOURLY.id(), lastRun);

    assertThat(ScheduledRuns.due(ALL, starts, lastRun.plus(Duration.ofMinutes(59)))).isEmpty();
    assertThat(ScheduledRuns.due(ALL, starts, lastRun.plus(Duration.ofHours(1))))
        .containsExactly(HOURLY.id());
  }

  @Test
  void manualImportIsNeverDue() {
    assertThat(ScheduledRuns.due(List.of(MANUAL), Map.of(), CREATED.plus(Duration.ofDays(365))))
        .isEmpty();
  }
}
