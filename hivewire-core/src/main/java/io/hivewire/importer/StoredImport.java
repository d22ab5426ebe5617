package io.hivewire.importer;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An import as stored: its id, its definition and the PostgreSQL table it loads into. */
public record StoredImport(
    UUID id, ImportDefinition definition, String targetTable, Instant createdAt) {

  public StoredImport {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(targetTable, "targetTable is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
  }
}
