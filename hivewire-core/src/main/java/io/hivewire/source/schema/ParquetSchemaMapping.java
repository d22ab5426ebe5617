package io.hivewire.source.schema;

import io.hivewire.source.schema.ColumnType.Primitive;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Maps a Parquet schema to hivewire column types, following the Parquet format's logical types and
 * its backward-compatibility rules for LIST and MAP (legacy two-level lists, {@code array} and
 * {@code _tuple} element groups, MAP_KEY_VALUE). The row reader decodes values by the same rules.
 */
public final class ParquetSchemaMapping {

  private ParquetSchemaMapping() {}

  /** One FILE column per top-level field, in file order; OPTIONAL fields are nullable. */
  public static List<Column> columns(MessageType schema) {
    List<Column> columns = new ArrayList<>(schema.getFieldCount());
    for (Type field : schema.getFields()) {
      columns.add(new Column(field.getName(), typeOf(field), nullable(field), ColumnOrigin.FILE));
    }
    return columns;
  }

  /** The column type of one field, its repetition included (REPEATED is a list). */
  public static ColumnType typeOf(Type field) {
    if (field.isRepetition(Type.Repetition.REPEATED)) {
      return new ColumnType.ListOf(valueType(field));
    }
    return valueType(field);
  }

  /** Whether a field may be null: only OPTIONAL ones (a repeated field is an empty list). */
  public static boolean nullable(Type field) {
    return field.isRepetition(Type.Repetition.OPTIONAL);
  }

  /**
   * The repeated field of a LIST-annotated group whose value is the element itself (legacy
   * two-level forms), rather than a wrapper holding the element as its single field.
   */
  public static boolean repeatedIsElement(GroupType list, Type repeated) {
    if (repeated.isPrimitive()) {
      return true;
    }
    GroupType group = repeated.asGroupType();
    return group.getFieldCount() != 1
        || group.getName().equals("array")
        || group.getName().equals(list.getName() + "_tuple");
  }

  /** Whether a group follows the LIST structure: annotated, one repeated child. */
  public static boolean isList(GroupType group) {
    return group.getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        && group.getFieldCount() == 1
        && group.getType(0).isRepetition(Type.Repetition.REPEATED);
  }

  /** Whether a group follows the MAP structure: annotated, one repeated key-value group. */
  public static boolean isMap(GroupType group) {
    LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
    boolean annotated =
        annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
            || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation;
    return annotated
        && group.getFieldCount() == 1
        && group.getType(0).isRepetition(Type.Repetition.REPEATED)
        && !group.getType(0).isPrimitive()
        && group.getType(0).asGroupType().getFieldCount() == 2;
  }

  private static ColumnType valueType(Type field) {
    if (field.isPrimitive()) {
      return primitive(field.asPrimitiveType());
    }
    GroupType group = field.asGroupType();
    if (isList(group)) {
      Type repeated = group.getType(0);
      ColumnType element =
          repeatedIsElement(group, repeated)
              ? valueType(repeated)
              : typeOf(repeated.asGroupType().getType(0));
      return new ColumnType.ListOf(element);
    }
    if (isMap(group)) {
      GroupType keyValue = group.getType(0).asGroupType();
      return new ColumnType.MapOf(valueType(keyValue.getType(0)), typeOf(keyValue.getType(1)));
    }
    List<ColumnType.Field> fields = new ArrayList<>(group.getFieldCount());
    for (Type child : group.getFields()) {
      fields.add(new ColumnType.Field(child.getName(), typeOf(child), nullable(child)));
    }
    return new ColumnType.Struct(fields);
  }

  private static ColumnType primitive(PrimitiveType type) {
    LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
    if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
      return new ColumnType.Decimal(decimal.getPrecision(), decimal.getScale());
    }
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> Primitive.BOOLEAN;
      case INT32 -> int32(annotation);
      case INT64 -> int64(annotation);
      case INT96 -> Primitive.TIMESTAMP_TZ;
      case FLOAT -> Primitive.REAL;
      case DOUBLE -> Primitive.DOUBLE;
      case BINARY -> binary(annotation);
      case FIXED_LEN_BYTE_ARRAY -> fixed(annotation);
    };
  }

  private static ColumnType int32(LogicalTypeAnnotation annotation) {
    if (annotation instanceof IntLogicalTypeAnnotation integer) {
      return !integer.isSigned() && integer.getBitWidth() == 32
          ? Primitive.BIGINT
          : Primitive.INTEGER;
    }
    if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return Primitive.DATE;
    }
    if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
      return Primitive.TIME;
    }
    return Primitive.INTEGER;
  }

  private static ColumnType int64(LogicalTypeAnnotation annotation) {
    if (annotation instanceof IntLogicalTypeAnnotation integer) {
      return !integer.isSigned() && integer.getBitWidth() == 64
          ? new ColumnType.Decimal(20, 0)
          : Primitive.BIGINT;
    }
    if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
      return Primitive.TIME;
    }
    if (annotation instanceof TimestampLogicalTypeAnnotation timestamp) {
      return timestamp.isAdjustedToUTC() ? Primitive.TIMESTAMP_TZ : Primitive.TIMESTAMP;
    }
    return Primitive.BIGINT;
  }

  private static ColumnType binary(LogicalTypeAnnotation annotation) {
    if (annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) {
      return Primitive.VARCHAR;
    }
    if (annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
      return Primitive.JSON;
    }
    return Primitive.VARBINARY;
  }

  private static ColumnType fixed(LogicalTypeAnnotation annotation) {
    if (annotation instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
      return Primitive.UUID;
    }
    if (annotation instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
      return Primitive.REAL;
    }
    return Primitive.VARBINARY;
  }
}
