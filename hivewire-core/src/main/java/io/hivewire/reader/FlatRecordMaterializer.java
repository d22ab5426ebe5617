package io.hivewire.reader;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Materializes records of a schema whose fields are all primitive and not repeated as an array of
 * the values parquet-java decodes (boxed numbers and booleans, {@link Binary}), {@code null} for
 * NULL. Cheaper than building a {@code Group} per row, which flat tables, the common case, do not
 * need.
 */
final class FlatRecordMaterializer extends RecordMaterializer<Object[]> {

  private final int width;
  private final Converter[] fields;
  private final GroupConverter root;
  private Object[] current;

  FlatRecordMaterializer(MessageType schema) {
    this.width = schema.getFieldCount();
    this.fields = new Converter[width];
    if (!supports(schema)) {
      throw new IllegalArgumentException("not every field of " + schema + " is a single value");
    }
    for (int i = 0; i < width; i++) {
      fields[i] = new Field(i);
    }
    this.root =
        new GroupConverter() {
          @Override
          public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
          }

          @Override
          public void start() {
            current = new Object[width];
          }

          @Override
          public void end() {}
        };
  }

  /** Whether every field of {@code schema} is a single primitive value. */
  static boolean supports(MessageType schema) {
    return schema.getFields().stream()
        .allMatch(f -> f.isPrimitive() && !f.isRepetition(Type.Repetition.REPEATED));
  }

  @Override
  public Object[] getCurrentRecord() {
    return current;
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  /** Puts one field's value into the current record. */
  private final class Field extends PrimitiveConverter {
    private final int index;

    Field(int index) {
      this.index = index;
    }

    @Override
    public void addBinary(Binary value) {
      current[index] = value;
    }

    @Override
    public void addBoolean(boolean value) {
      current[index] = value;
    }

    @Override
    public void addDouble(double value) {
      current[index] = value;
    }

    @Override
    public void addFloat(float value) {
      current[index] = value;
    }

    @Override
    public void addInt(int value) {
      current[index] = value;
    }

    @Override
    public void addLong(long value) {
      current[index] = value;
    }
  }
}
