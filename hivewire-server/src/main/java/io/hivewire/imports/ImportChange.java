package io.hivewire.imports;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to change an import, as the user sent it: only the fields present change; {@link
 * ImportService} checks them.
 */
public record ImportChange(
    Optional<String> name,
    Optional<String> schedule,
    Optional<String> mode,
    Optional<String> onError,
    Optional<Integer> maxErrors,
    Optional<List<String>> columns) {

  public ImportChange {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(schedule, "schedule is null");
    Objects.requireNonNull(mode, "mode is null");
    Objects.requireNonNull(onError, "onError is null");
    Objects.requireNonNull(maxErrors, "maxErrors is null");
    columns = Objects.requireNonNull(columns, "columns is null").map(List::copyOf);
  }

  /** Whether the request changes nothing. */
  public boolean isEmpty() {
    return name.isEmpty()
        && schedule.isEmpty()
        && mode.isEmpty()
        && onError.isEmpty()
        && maxErrors.isEmpty()
        && columns.isEmpty();
  }
}
