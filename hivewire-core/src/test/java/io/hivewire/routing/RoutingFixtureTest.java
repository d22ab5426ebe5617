package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.InMemoryObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture's restarts are real ones: stopping closes the log, starting reopens its files. */
class RoutingFixtureTest {

  @TempDir Path dir;

  @Test
  void stoppingClosesTheLogAndStartingAgainReopensItFromItsFiles() throws Exception {
    try (InMemoryObjectStore store = new InMemoryObjectStore().createBucket(RoutingFixture.BUCKET);
        RoutingFixture routing =
            new RoutingFixture(
                dir, store, new ManualClock(Instant.parse("2026-01-15T14:30:00Z")))) {
      RoutingSettings settings = routing.settings();
      routing.start(settings);
      long end = routing.append(RecordType.EVENTS, "a", "2026-01-15T14:00:01Z");

      routing.stop();

      // Only a closed log can be opened again: its directory is locked while it is open.
      try (WalEventLog reopened = WalEventLog.open(WalSettings.defaults(dir.resolve("log")))) {
        assertThat(reopened.endOffset()).isEqualTo(end);
      }
      RoutingDestination restarted = routing.start(settings);
      Eventually.until("the record is read again", () -> restarted.progress().recordsRead() == 1);
      restarted.drain();
      assertThat(restarted.awaitCommitted(end, Duration.ofSeconds(20))).isTrue();
    }
  }
}
