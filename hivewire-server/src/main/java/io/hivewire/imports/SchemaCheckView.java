package io.hivewire.imports;

import io.hivewire.importer.schema.SchemaChanges;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An import's last schema check as the API shows it: when and why it ran, and the changes found
 * (none when the table could not be read, and {@code error} says why).
 *
 * @param trigger {@code REFRESH} (asked for) or {@code RESYNC} (the connection's resync)
 */
public record SchemaCheckView(
    UUID importId,
    Instant checkedAt,
    String trigger,
    SchemaChanges changes,
    Optional<String> error) {

  public SchemaCheckView {
    Objects.requireNonNull(importId, "importId is null");
    Objects.requireNonNull(checkedAt, "checkedAt is null");
    Objects.requireNonNull(trigger, "trigger is null");
    Objects.requireNonNull(changes, "changes is null");
    Objects.requireNonNull(error, "error is null");
  }
}
