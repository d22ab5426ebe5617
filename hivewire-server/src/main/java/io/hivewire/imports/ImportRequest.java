package io.hivewire.imports;

import io.hivewire.importer.Mapping;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A request to create an import, as the user sent it; {@link ImportService} checks it. */
public record ImportRequest(
    Optional<String> name,
    Optional<String> connectionId,
    Optional<String> table,
    Optional<String> dataType,
    Mapping mapping,
    List<String> columns,
    Optional<String> partitionFilter,
    Optional<String> schedule,
    Optional<String> mode,
    Optional<String> onError,
    Optional<Integer> maxErrors) {

  public ImportRequest {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(connectionId, "connectionId is null");
    Objects.requireNonNull(table, "table is null");
    Objects.requireNonNull(dataType, "dataType is null");
    Objects.requireNonNull(mapping, "mapping is null");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    Objects.requireNonNull(partitionFilter, "partitionFilter is null");
    Objects.requireNonNull(schedule, "schedule is null");
    Objects.requireNonNull(mode, "mode is null");
    Objects.requireNonNull(onError, "onError is null");
    Objects.requireNonNull(maxErrors, "maxErrors is null");
  }
}
