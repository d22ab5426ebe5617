package io.hivewire.importer.schema;

import io.hivewire.s3.ObjectInfo;
import io.hivewire.source.DataFormat;
import io.hivewire.source.discovery.FileSchemaSource;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.SchemaReader;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads a table's columns from its newest data file (the last by key, as discovery does) in both
 * formats, fetching only that file: schema changes show in the files written last.
 */
public final class NewestFileSchema implements FileSchemaSource {

  private final SchemaReader reader;

  public NewestFileSchema(SchemaReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader is null");
  }

  @Override
  public List<Column> readSchema(String bucket, DataFormat format, List<ObjectInfo> dataFiles) {
    List<ObjectInfo> newest =
        dataFiles.stream().max(Comparator.comparing(ObjectInfo::key)).stream().toList();
    return reader.readSchema(bucket, format, newest);
  }
}
