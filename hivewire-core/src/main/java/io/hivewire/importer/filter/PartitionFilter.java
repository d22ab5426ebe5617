package io.hivewire.importer.filter;

import io.hivewire.source.schema.ColumnType;
import java.util.Map;
import java.util.Objects;

/**
 * A predicate over a table's partition columns, e.g. {@code date >= '2025-01-01' AND region IN
 * ('EU','US')}: comparisons ({@code =, !=, <>, <, <=, >, >=}), {@code [NOT] IN}, {@code AND},
 * {@code OR}, {@code NOT} and parentheses. Parsing checks only the syntax; {@link #bind} checks the
 * columns and types the values by them.
 */
public final class PartitionFilter {

  private final String text;
  private final FilterExpression expression;

  private PartitionFilter(String text, FilterExpression expression) {
    this.text = text;
    this.expression = expression;
  }

  /**
   * Parses a filter.
   *
   * @throws PartitionFilterException naming the position of the first syntax error
   */
  public static PartitionFilter parse(String text) {
    Objects.requireNonNull(text, "text is null");
    if (text.isBlank()) {
      throw new PartitionFilterException(text, 0, "the filter is empty");
    }
    return new PartitionFilter(text, FilterParser.parse(text));
  }

  /** The filter as written. */
  public String text() {
    return text;
  }

  /**
   * Checks the filter against the table's partition columns (name to type, in directory order) and
   * types its values by them.
   *
   * @throws PartitionFilterException naming a column that is not a partition column, or a value
   *     that is not of its column's type
   */
  public BoundPartitionFilter bind(Map<String, ColumnType> partitionColumns) {
    Objects.requireNonNull(partitionColumns, "partitionColumns is null");
    return BoundPartitionFilter.bind(text, expression, partitionColumns);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PartitionFilter that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
