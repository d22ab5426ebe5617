package io.hivewire.source.schema;

import io.hivewire.s3.S3Location;
import java.util.List;
import java.util.Objects;

/**
 * The columns read from a table's data files, with the file they came from and what a user should
 * know about how they were derived (e.g. renamed duplicate CSV headers).
 *
 * @param columns the file columns, origin {@link ColumnOrigin#FILE}, in file order
 * @param source the data file the schema was read from
 * @param warnings sentences for the user; empty when nothing needs saying
 */
public record FileSchema(List<Column> columns, S3Location source, List<String> warnings) {

  public FileSchema {
    columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    Objects.requireNonNull(source, "source is null");
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings is null"));
  }
}
