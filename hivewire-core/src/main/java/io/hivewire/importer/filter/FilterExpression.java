package io.hivewire.importer.filter;

import java.util.List;
import java.util.Objects;

/** The syntax tree of a partition filter. */
sealed interface FilterExpression {

  /** Both sides hold. */
  record And(FilterExpression left, FilterExpression right) implements FilterExpression {
    public And {
      Objects.requireNonNull(left, "left is null");
      Objects.requireNonNull(right, "right is null");
    }
  }

  /** Either side holds. */
  record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
    public Or {
      Objects.requireNonNull(left, "left is null");
      Objects.requireNonNull(right, "right is null");
    }
  }

  /** The inner expression does not hold. */
  record Not(FilterExpression inner) implements FilterExpression {
    public Not {
      Objects.requireNonNull(inner, "inner is null");
    }
  }

  /** {@code column op literal}. */
  record Comparison(Token column, Operator operator, Token literal) implements FilterExpression {
    public Comparison {
      Objects.requireNonNull(column, "column is null");
      Objects.requireNonNull(operator, "operator is null");
      Objects.requireNonNull(literal, "literal is null");
    }
  }

  /** {@code column IN (literal, ...)}. */
  record In(Token column, List<Token> literals) implements FilterExpression {
    public In {
      Objects.requireNonNull(column, "column is null");
      literals = List.copyOf(literals);
    }
  }

  /** A comparison operator. */
  enum Operator {
    EQUAL("="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    static Operator of(String symbol) {
      for (Operator operator : values()) {
        if (operator.symbol.equals(symbol)) {
          return operator;
        }
      }
      throw new IllegalArgumentException("unknown operator " + symbol);
    }

    boolean holds(int comparison) {
      return switch (this) {
        case EQUAL -> comparison == 0;
        case NOT_EQUAL -> comparison != 0;
        case LESS -> comparison < 0;
        case LESS_OR_EQUAL -> comparison <= 0;
        case GREATER -> comparison > 0;
        case GREATER_OR_EQUAL -> comparison >= 0;
      };
    }
  }
}
