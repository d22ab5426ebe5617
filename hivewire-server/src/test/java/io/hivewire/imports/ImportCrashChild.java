package io.hivewire.imports;

import io.hivewire.config.DatabaseConfig;
import io.hivewire.importer.CheckedImport;
import io.hivewire.importer.ImportCheck;
import io.hivewire.importer.RunTotals;
import io.hivewire.importer.StoredImport;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.store.Database;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs one import, a file at a time, in its own JVM against the crash test's S3 endpoint and
 * PostgreSQL, until it ends or is killed.
 *
 * <p>Arguments: {@code s3Endpoint accessKey secretKey jdbcUrl user importId prefix workDir}.
 */
public final class ImportCrashChild {

  private ImportCrashChild() {}

  public static void main(String[] args) {
    S3ClientSettings s3 =
        S3ClientSettings.endpoint(URI.create(args[0]), "us-east-1", args[1], args[2]);
    DatabaseConfig db = new DatabaseConfig.External(args[3], args[4], Optional.empty(), 2);
    UUID importId = UUID.fromString(args[5]);
    ConnectionSettings settings = ImportTestBed.settings(args[6], DataFormat.CSV);
    try (ObjectStore store = S3ObjectStores.create(s3);
        Database database = Database.open(db, Path.of(args[7]))) {
      StoredImport stored = new ImportRepository(database).find(importId).orElseThrow();
      CheckedImport checked =
          ImportCheck.check(
              stored.definition(),
              Discovery.withSchemaReader(store).discover(settings).tables().stream()
                  .filter(t -> t.name().equals(stored.definition().table()))
                  .findFirst()
                  .orElseThrow());
      System.out.println("running");
      RunTotals totals =
          new ImportRunner(store, new ImportTableStore(database), InstantSource.system(), 1)
              .run(stored, settings, checked);
      System.out.println("finished: " + totals);
    }
  }
}
