package io.hivewire.importer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of an import: its status, and its totals so far (progress while it runs); a {@code
 * reload} run loads every file again, not only new and changed ones.
 */
public record ImportRun(
    UUID id,
    UUID importId,
    boolean reload,
    RunStatus status,
    RunTotals totals,
    Instant queuedAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt) {

  public ImportRun {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(importId, "importId is null");
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(totals, "totals is null");
    Objects.requireNonNull(queuedAt, "queuedAt is null");
    Objects.requireNonNull(startedAt, "startedAt is null");
    Objects.requireNonNull(finishedAt, "finishedAt is null");
  }
}
