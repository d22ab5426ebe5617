package io.hivewire.reader;

import io.hivewire.reader.parquet.InvalidParquetFileException;
import io.hivewire.reader.parquet.ObjectStoreInputFile;
import io.hivewire.reader.parquet.ParquetCodecs;
import io.hivewire.reader.parquet.ParquetFooter;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.S3Location;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnType;
import io.hivewire.source.schema.ParquetSchemaMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads one Parquet file row group by row group through ranged GETs, decoding only the columns the
 * table asks for (matched by name; a column the file lacks is NULL).
 */
final class ParquetRowReader implements RowReader {

  private final S3Location file;
  private final List<Column> columns;
  private final ParquetFileReader parquet;
  private final MessageType fileSchema;
  private final String createdBy;
  private final boolean usesLz4;
  private final MessageType projection;

  /** Per column, its field index in the projection, or -1 when the file lacks it. */
  private final int[] projected;

  /** Whether every projected field is a single primitive: rows are then read without Groups. */
  private final boolean flat;

  private final PrimitiveType[] flatTypes;

  private RecordReader<Group> records;
  private RecordReader<Object[]> flatRecords;
  private long rowsLeftInGroup;
  private long rowNumber;
  private int countedGroups;
  private boolean closed;

  private ParquetRowReader(
      S3Location file,
      List<Column> columns,
      ParquetFileReader parquet,
      MessageType fileSchema,
      MessageType projection,
      int[] projected) {
    this.file = file;
    this.columns = columns;
    this.parquet = parquet;
    this.fileSchema = fileSchema;
    this.createdBy = parquet.getFooter().getFileMetaData().getCreatedBy();
    this.usesLz4 =
        parquet.getRowGroups().stream()
            .flatMap(group -> group.getColumns().stream())
            .anyMatch(chunk -> chunk.getCodec() == CompressionCodecName.LZ4);
    this.projection = projection;
    this.projected = projected;
    this.flat = FlatRecordMaterializer.supports(projection);
    this.flatTypes = new PrimitiveType[projection.getFieldCount()];
    if (flat) {
      for (int i = 0; i < flatTypes.length; i++) {
        flatTypes[i] = projection.getType(i).asPrimitiveType();
      }
    }
  }

  static RowReader open(ObjectStore store, S3Location file, long size, List<Column> columns) {
    List<Column> wanted = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    ObjectStoreInputFile input = new ObjectStoreInputFile(store, file, size);
    ParquetMetadata footer;
    try {
      footer = ParquetFooter.read(input);
    } catch (IOException e) {
      throw new FileReadException(file, problem(e), e);
    }
    MessageType fileSchema = footer.getFileMetaData().getSchema();
    List<Type> fields = new ArrayList<>();
    int[] projected = new int[wanted.size()];
    for (int i = 0; i < wanted.size(); i++) {
      Column column = wanted.get(i);
      projected[i] = -1;
      if (fileSchema.containsField(column.name())) {
        Type field = fileSchema.getType(column.name());
        checkType(file, column, field);
        projected[i] = fields.size();
        fields.add(field);
      }
    }
    MessageType projection = new MessageType(fileSchema.getName(), fields);
    Set<String> names = new HashSet<>();
    fields.forEach(field -> names.add(field.getName()));
    Set<CompressionCodecName> unreadable = ParquetCodecs.unreadable(footer, names);
    if (!unreadable.isEmpty()) {
      throw new FileReadException(file, ParquetCodecs.advice(unreadable), null);
    }
    ParquetReadOptions options =
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try {
      ParquetFileReader parquet = ParquetFileReader.open(input, footer, options, input.newStream());
      parquet.setRequestedSchema(projection);
      return new ParquetRowReader(file, wanted, parquet, fileSchema, projection, projected);
    } catch (IOException | RuntimeException e) {
      throw new FileReadException(file, "cannot be opened as Parquet (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public S3Location file() {
    return file;
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public Optional<Row> next() {
    try {
      while (rowsLeftInGroup == 0) {
        if (!nextRowGroup()) {
          return Optional.empty();
        }
      }
      rowsLeftInGroup--;
      rowNumber++;
      if (flat) {
        return Optional.of(Row.of(rowNumber, nextFlat()));
      }
      Group record = records == null ? null : records.read();
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        int field = projected[i];
        if (field >= 0 && record != null) {
          values[i] = ParquetValues.field(record, field, projection.getType(field));
        }
      }
      return Optional.of(Row.of(rowNumber, values));
    } catch (ObjectStoreException e) {
      throw e;
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new FileReadException(
          file,
          "cannot be decoded at row "
              + (rowNumber + 1)
              + " ("
              + problem(e)
              + (usesLz4
                  ? "): its LZ4 pages may lack the Hadoop framing parquet-java reads; rewrite"
                      + " it with LZ4_RAW, ZSTD or SNAPPY"
                  : "): the file is damaged or was written wrongly; replace or remove it"),
          e);
    }
  }

  private Object[] nextFlat() {
    Object[] decoded = flatRecords == null ? null : flatRecords.read();
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      int field = projected[i];
      if (field >= 0 && decoded != null && decoded[field] != null) {
        values[i] = ParquetValues.primitive(decoded[field], flatTypes[field]);
      }
    }
    return values;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      parquet.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + file + " failed", e);
    }
  }

  private boolean nextRowGroup() throws IOException {
    if (projection.getFieldCount() == 0) {
      // No column to decode: the row counts in the footer are all there is to read.
      List<BlockMetaData> groups = parquet.getRowGroups();
      if (countedGroups == groups.size()) {
        return false;
      }
      rowsLeftInGroup = groups.get(countedGroups++).getRowCount();
      return true;
    }
    PageReadStore pages = parquet.readNextRowGroup();
    if (pages == null) {
      return false;
    }
    rowsLeftInGroup = pages.getRowCount();
    MessageColumnIO io = new ColumnIOFactory(createdBy).getColumnIO(projection, fileSchema);
    if (flat) {
      flatRecords = io.getRecordReader(pages, new FlatRecordMaterializer(projection));
    } else {
      records = io.getRecordReader(pages, new GroupRecordConverter(projection));
    }
    return true;
  }

  private static void checkType(S3Location file, Column column, Type field) {
    ColumnType inFile = ParquetSchemaMapping.typeOf(field);
    if (!inFile.equals(column.type())) {
      throw new ColumnMismatchException(
          file,
          "has column "
              + column.name()
              + " as "
              + inFile.sqlName()
              + " but the table has it as "
              + column.type().sqlName()
              + ": rewrite the file with the table's type");
    }
  }

  private static String problem(Throwable e) {
    if (e instanceof InvalidParquetFileException invalid) {
      return invalid.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return ParquetFooter.describe(root);
  }
}
