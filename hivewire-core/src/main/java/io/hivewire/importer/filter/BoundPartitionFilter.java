package io.hivewire.importer.filter;

import io.hivewire.source.discovery.PartitionPath;
import io.hivewire.source.schema.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A partition filter checked against a table's partition columns: decides which partitions an
 * import reads, and which directories it needs to list at all. Comparisons with a NULL partition
 * value (or one that is not of the column's type) are unknown, as in SQL, so such a partition is
 * read only when the filter holds regardless of it.
 */
public final class BoundPartitionFilter {

  /** Values that Hive writes into a directory name unescaped, so a listing prefix is exact. */
  private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9._-]+");

  private final Node root;

  private BoundPartitionFilter(Node root) {
    this.root = root;
  }

  static BoundPartitionFilter bind(
      String text, FilterExpression expression, Map<String, ColumnType> columns) {
    return new BoundPartitionFilter(new Binder(text, columns).bind(expression));
  }

  /** Whether the files of this partition are to be read. */
  public boolean matches(PartitionPath partition) {
    Objects.requireNonNull(partition, "partition is null");
    return root.evaluate(partition) == Truth.TRUE;
  }

  /**
   * The directory names ({@code key=value/}) of the leading partition key that hold every matching
   * file, when the filter pins that key to equality values; empty when every directory must be
   * listed.
   */
  public Optional<List<String>> leadingDirectories(String leadingKey) {
    Objects.requireNonNull(leadingKey, "leadingKey is null");
    return pinnedValues(root, leadingKey)
        .filter(values -> values.stream().allMatch(v -> PLAIN_VALUE.matcher(v).matches()))
        .map(values -> values.stream().map(v -> leadingKey + "=" + v + "/").toList());
  }

  /** The values a key must take for the node to hold, when the node pins it. */
  private static Optional<Set<String>> pinnedValues(Node node, String key) {
    return switch (node) {
      case AndNode and -> {
        Optional<Set<String>> left = pinnedValues(and.left(), key);
        Optional<Set<String>> right = pinnedValues(and.right(), key);
        if (left.isPresent() && right.isPresent()) {
          Set<String> both = new LinkedHashSet<>(left.get());
          both.retainAll(right.get());
          yield Optional.of(both);
        }
        yield left.isPresent() ? left : right;
      }
      case OrNode or -> {
        Optional<Set<String>> left = pinnedValues(or.left(), key);
        Optional<Set<String>> right = pinnedValues(or.right(), key);
        if (left.isEmpty() || right.isEmpty()) {
          yield Optional.empty();
        }
        Set<String> either = new LinkedHashSet<>(left.get());
        either.addAll(right.get());
        yield Optional.of(either);
      }
      case InNode in when in.column().equals(key) && in.canonical() -> {
        Set<String> values = new LinkedHashSet<>();
        in.values().forEach(v -> values.add(v.value().toString()));
        yield Optional.of(values);
      }
      default -> Optional.empty();
    };
  }

  /** SQL's three-valued logic. */
  private enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    static Truth of(boolean value) {
      return value ? TRUE : FALSE;
    }

    Truth not() {
      return this == UNKNOWN ? UNKNOWN : of(this == FALSE);
    }
  }

  private sealed interface Node permits AndNode, OrNode, NotNode, CompareNode, InNode {
    Truth evaluate(PartitionPath partition);
  }

  private record AndNode(Node left, Node right) implements Node {
    @Override
    public Truth evaluate(PartitionPath partition) {
      Truth l = left.evaluate(partition);
      if (l == Truth.FALSE) {
        return Truth.FALSE;
      }
      Truth r = right.evaluate(partition);
      if (r == Truth.FALSE) {
        return Truth.FALSE;
      }
      return l == Truth.TRUE && r == Truth.TRUE ? Truth.TRUE : Truth.UNKNOWN;
    }
  }

  private record OrNode(Node left, Node right) implements Node {
    @Override
    public Truth evaluate(PartitionPath partition) {
      Truth l = left.evaluate(partition);
      if (l == Truth.TRUE) {
        return Truth.TRUE;
      }
      Truth r = right.evaluate(partition);
      if (r == Truth.TRUE) {
        return Truth.TRUE;
      }
      return l == Truth.FALSE && r == Truth.FALSE ? Truth.FALSE : Truth.UNKNOWN;
    }
  }

  private record NotNode(Node inner) implements Node {
    @Override
    public Truth evaluate(PartitionPath partition) {
      return inner.evaluate(partition).not();
    }
  }

  private record CompareNode(
      String column, ColumnType type, FilterExpression.Operator operator, PartitionValue value)
      implements Node {
    @Override
    public Truth evaluate(PartitionPath partition) {
      return partition
          .value(column)
          .flatMap(text -> PartitionValue.of(type, text))
          .map(actual -> Truth.of(operator.holds(actual.compareTo(value))))
          .orElse(Truth.UNKNOWN);
    }
  }

  /** {@code canonical}: the values render exactly as Hive writes them into directory names. */
  private record InNode(
      String column, ColumnType type, List<PartitionValue> values, boolean canonical)
      implements Node {
    @Override
    public Truth evaluate(PartitionPath partition) {
      return partition
          .value(column)
          .flatMap(text -> PartitionValue.of(type, text))
          .map(actual -> Truth.of(values.stream().anyMatch(v -> actual.compareTo(v) == 0)))
          .orElse(Truth.UNKNOWN);
    }
  }

  /** Turns the syntax tree into typed nodes, checking columns and values. */
  private record Binder(String text, Map<String, ColumnType> columns) {

    Node bind(FilterExpression expression) {
      return switch (expression) {
        case FilterExpression.And and -> new AndNode(bind(and.left()), bind(and.right()));
        case FilterExpression.Or or -> new OrNode(bind(or.left()), bind(or.right()));
        case FilterExpression.Not not -> new NotNode(bind(not.inner()));
        case FilterExpression.Comparison c -> {
          ColumnType type = type(c.column());
          PartitionValue value = value(c.column(), type, c.literal());
          yield c.operator() == FilterExpression.Operator.EQUAL
              ? new InNode(c.column().text(), type, List.of(value), canonical(type))
              : new CompareNode(c.column().text(), type, c.operator(), value);
        }
        case FilterExpression.In in -> {
          ColumnType type = type(in.column());
          List<PartitionValue> values = new ArrayList<>();
          in.literals().forEach(literal -> values.add(value(in.column(), type, literal)));
          yield new InNode(in.column().text(), type, values, canonical(type));
        }
      };
    }

    /** BIGINT and DATE partition values are canonical by inference; text is taken as written. */
    private static boolean canonical(ColumnType type) {
      return type == ColumnType.Primitive.BIGINT
          || type == ColumnType.Primitive.DATE
          || type == ColumnType.Primitive.VARCHAR;
    }

    private ColumnType type(Token column) {
      ColumnType type = columns.get(column.text());
      if (type == null) {
        String known = columns.isEmpty() ? "none" : String.join(", ", columns.keySet());
        throw new PartitionFilterException(
            text,
            column.position(),
            "'"
                + column.text()
                + "' is not a partition column of the table (partition columns: "
                + known
                + ")");
      }
      if (!PartitionValue.supports(type)) {
        throw new PartitionFilterException(
            text,
            column.position(),
            "partition column '"
                + column.text()
                + "' of type "
                + type.sqlName()
                + " cannot be filtered");
      }
      return type;
    }

    private PartitionValue value(Token column, ColumnType type, Token literal) {
      if (type == ColumnType.Primitive.VARCHAR && literal.kind() != Token.Kind.STRING) {
        throw new PartitionFilterException(
            text,
            literal.position(),
            "'" + column.text() + "' is text: quote the value, e.g. '" + literal.text() + "'");
      }
      return PartitionValue.of(type, literal.text())
          .orElseThrow(
              () ->
                  new PartitionFilterException(
                      text,
                      literal.position(),
                      literal.describe()
                          + " is not a "
                          + type.sqlName()
                          + " value for partition column '"
                          + column.text()
                          + "'"
                          + (type == ColumnType.Primitive.DATE ? " (write 'YYYY-MM-DD')" : "")));
    }
  }
}
