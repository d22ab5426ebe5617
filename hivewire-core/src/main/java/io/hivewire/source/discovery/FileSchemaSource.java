package io.hivewire.source.discovery;

import io.hivewire.s3.ObjectInfo;
import io.hivewire.source.DataFormat;
import io.hivewire.source.schema.Column;
import java.util.List;

/** Reads the file columns of one table from (a few of) its data files. */
@FunctionalInterface
public interface FileSchemaSource {

  /**
   * The columns the data files hold, with origin {@code FILE}.
   *
   * @param dataFiles the table's data files, sorted by key
   */
  List<Column> readSchema(String bucket, DataFormat format, List<ObjectInfo> dataFiles);
}
