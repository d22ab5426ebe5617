package io.hivewire.app;

import io.hivewire.cluster.LeaseKeeper;
import io.hivewire.cluster.node.NodeRole;
import io.hivewire.config.HivewireConfig;
import io.hivewire.connections.ConnectionRepository;
import io.hivewire.connections.DiscoverySnapshotRepository;
import io.hivewire.connections.SourceAccess;
import io.hivewire.imports.ImportMetrics;
import io.hivewire.imports.ImportRepository;
import io.hivewire.imports.ImportRunRepository;
import io.hivewire.imports.ImportSchemaService;
import io.hivewire.imports.ImportService;
import io.hivewire.imports.ImportTableStore;
import io.hivewire.store.Database;
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
      LeaseKeeper leases,
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
            config.work().importRuns(),
            config.work().importFilesPerRun(),
            SCHEDULER_TICK,
            config.cluster().roles().has(NodeRole.WORK)),
        new ImportMetrics(registry),
        leases,
        clock);
  }
}
