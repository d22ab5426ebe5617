package io.hivewire.reader;

import io.hivewire.source.schema.ParquetSchemaMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Turns the values of a Parquet record ({@link Group}) into Java values, structured exactly as
 * {@link ParquetSchemaMapping} maps the schema: lists are {@link List}, maps and structs are
 * insertion-ordered {@link Map}s (struct field name to value), and see {@link JavaValues} for
 * scalars.
 */
final class ParquetValues {

  private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

  private ParquetValues() {}

  /** The value of field {@code index} of {@code group}, of Parquet type {@code type}. */
  static Object field(Group group, int index, Type type) {
    int count = group.getFieldRepetitionCount(index);
    if (type.isRepetition(Type.Repetition.REPEATED)) {
      List<Object> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        values.add(value(group, index, i, type));
      }
      return values;
    }
    return count == 0 ? null : value(group, index, 0, type);
  }

  private static Object value(Group group, int index, int i, Type type) {
    if (type.isPrimitive()) {
      return primitive(group, index, i, type.asPrimitiveType());
    }
    GroupType groupType = type.asGroupType();
    Group child = group.getGroup(index, i);
    if (ParquetSchemaMapping.isList(groupType)) {
      return list(child, groupType);
    }
    if (ParquetSchemaMapping.isMap(groupType)) {
      return map(child, groupType.getType(0).asGroupType());
    }
    Map<String, Object> struct = new LinkedHashMap<>();
    for (int f = 0; f < groupType.getFieldCount(); f++) {
      struct.put(groupType.getFieldName(f), field(child, f, groupType.getType(f)));
    }
    return struct;
  }

  private static List<Object> list(Group list, GroupType listType) {
    Type repeated = listType.getType(0);
    int count = list.getFieldRepetitionCount(0);
    List<Object> elements = new ArrayList<>(count);
    boolean direct = ParquetSchemaMapping.repeatedIsElement(listType, repeated);
    for (int i = 0; i < count; i++) {
      if (direct) {
        elements.add(value(list, 0, i, repeated));
      } else {
        Group wrapper = list.getGroup(0, i);
        elements.add(field(wrapper, 0, repeated.asGroupType().getType(0)));
      }
    }
    return elements;
  }

  private static Map<Object, Object> map(Group map, GroupType keyValueType) {
    int count = map.getFieldRepetitionCount(0);
    Map<Object, Object> entries = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      Group keyValue = map.getGroup(0, i);
      entries.put(
          field(keyValue, 0, keyValueType.getType(0)), field(keyValue, 1, keyValueType.getType(1)));
    }
    return entries;
  }

  private static Object primitive(Group group, int index, int i, PrimitiveType type) {
    LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> group.getBoolean(index, i);
      case INT32 -> int32(group.getInteger(index, i), annotation);
      case INT64 -> int64(group.getLong(index, i), annotation);
      case INT96 -> int96(group.getInt96(index, i));
      case FLOAT -> group.getFloat(index, i);
      case DOUBLE -> group.getDouble(index, i);
      case BINARY, FIXED_LEN_BYTE_ARRAY -> binary(group.getBinary(index, i), annotation);
    };
  }

  /**
   * The Java value of a primitive as parquet-java's converters hand it over: a boxed number or
   * boolean, or a {@link Binary} (INT96, BINARY, FIXED_LEN_BYTE_ARRAY).
   */
  static Object primitive(Object decoded, PrimitiveType type) {
    LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN, FLOAT, DOUBLE -> decoded;
      case INT32 -> int32((Integer) decoded, annotation);
      case INT64 -> int64((Long) decoded, annotation);
      case INT96 -> int96((Binary) decoded);
      case BINARY, FIXED_LEN_BYTE_ARRAY -> binary((Binary) decoded, annotation);
    };
  }

  private static Object int32(int value, LogicalTypeAnnotation annotation) {
    return switch (annotation) {
      case DecimalLogicalTypeAnnotation decimal -> BigDecimal.valueOf(value, decimal.getScale());
      case LogicalTypeAnnotation.DateLogicalTypeAnnotation date -> LocalDate.ofEpochDay(value);
      case TimeLogicalTypeAnnotation time -> LocalTime.ofNanoOfDay(value * 1_000_000L);
      case IntLogicalTypeAnnotation integer when !integer.isSigned() ->
          integer.getBitWidth() == 32 ? (Object) Integer.toUnsignedLong(value) : (Object) value;
      case null, default -> value;
    };
  }

  private static Object int64(long value, LogicalTypeAnnotation annotation) {
    return switch (annotation) {
      case DecimalLogicalTypeAnnotation decimal -> BigDecimal.valueOf(value, decimal.getScale());
      case IntLogicalTypeAnnotation integer
          when !integer.isSigned() && integer.getBitWidth() == 64 ->
          new BigDecimal(Long.toUnsignedString(value));
      case TimeLogicalTypeAnnotation time -> LocalTime.ofNanoOfDay(nanos(value, time.getUnit()));
      case TimestampLogicalTypeAnnotation timestamp -> timestamp(value, timestamp);
      case null, default -> value;
    };
  }

  private static Object timestamp(long value, TimestampLogicalTypeAnnotation type) {
    Instant instant =
        switch (type.getUnit()) {
          case MILLIS -> Instant.ofEpochMilli(value);
          case MICROS ->
              Instant.ofEpochSecond(
                  Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
          case NANOS ->
              Instant.ofEpochSecond(
                  Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
    return type.isAdjustedToUTC()
        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
        : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static long nanos(long value, LogicalTypeAnnotation.TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> TimeUnit.MILLISECONDS.toNanos(value);
      case MICROS -> TimeUnit.MICROSECONDS.toNanos(value);
      case NANOS -> value;
    };
  }

  /** INT96: nanoseconds of the day (8 bytes) then the Julian day (4 bytes), little-endian. */
  private static OffsetDateTime int96(Binary value) {
    ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = bytes.getLong();
    long julianDay = Integer.toUnsignedLong(bytes.getInt());
    Instant instant =
        Instant.ofEpochSecond(
            Math.multiplyExact(julianDay - JULIAN_DAY_OF_EPOCH, 86_400L), nanosOfDay);
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Object binary(Binary value, LogicalTypeAnnotation annotation) {
    return switch (annotation) {
      case DecimalLogicalTypeAnnotation decimal ->
          new BigDecimal(new BigInteger(value.getBytes()), decimal.getScale());
      case LogicalTypeAnnotation.StringLogicalTypeAnnotation s -> value.toStringUsingUTF8();
      case LogicalTypeAnnotation.EnumLogicalTypeAnnotation e -> value.toStringUsingUTF8();
      case LogicalTypeAnnotation.JsonLogicalTypeAnnotation j -> value.toStringUsingUTF8();
      case LogicalTypeAnnotation.UUIDLogicalTypeAnnotation u -> uuid(value);
      case LogicalTypeAnnotation.Float16LogicalTypeAnnotation f ->
          Float.float16ToFloat(value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getShort());
      case null, default -> value.getBytes();
    };
  }

  private static UUID uuid(Binary value) {
    ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.BIG_ENDIAN);
    return new UUID(bytes.getLong(), bytes.getLong());
  }
}
