package io.hivewire.app;

import io.hivewire.config.HivewireConfig;
import io.hivewire.server.ImportMetrics;
import io.hivewire.server.ImportSchemaService;
import io.hivewire.server.ImportService;
import io.hivewire.server.SourceAccess;
import io.hivewire.store.ConnectionRepository;
import io.hivewire.store.Database;
import io.hivewire.store.DiscoverySnapshotRepository;
import io.hivewire.store.ImportRepository;
import io.hivewire.store.ImportRunRepository;
import io.hivewire.store.ImportTableStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Wires the import service on the database, the source access and the import schemas, with its
 * configured workers.
 */
final class ImportParts {

  /** How often the scheduler looks for due imports; schedules are at least minutes apart. */
  private static final Duration SCHEDULER_TICK = Duration.ofSeconds(1);

  private ImportParts() {}

  static ImportService start(
      HivewireConfig config,
      Database database,
      ImportSchemaService schemas,
      SourceAccess access,
      MeterRegistry registry,
      InstantSource clock) {
    return ImportService.start(
        new ImportService.Stores(
            new ConnectionRepository(database),
            new DiscoverySnapshotRepository(database),
            new ImportRepository(database),
            new ImportRunRepository(database),
            new ImportTableStore(database)),
        schemas,
        access,
        new ImportService.Settings(
            config.work().importRuns(), config.work().importFilesPerRun(), SCHEDULER_TICK),
        new ImportMetrics(registry),
        clock);
  }
}
