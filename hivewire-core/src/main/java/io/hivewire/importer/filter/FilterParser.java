package io.hivewire.importer.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the filter grammar: {@code or := and (OR and)*}, {@code and := not
 * (AND not)*}, {@code not := NOT not | primary}, {@code primary := '(' or ')' | column op literal |
 * column [NOT] IN '(' literal, ... ')'}.
 */
final class FilterParser {

  private final String text;
  private final List<Token> tokens;
  private int index;

  private FilterParser(String text) {
    this.text = text;
    this.tokens = FilterLexer.tokens(text);
  }

  static FilterExpression parse(String text) {
    FilterParser parser = new FilterParser(text);
    FilterExpression expression = parser.or();
    Token rest = parser.peek();
    if (rest.kind() != Token.Kind.END) {
      throw parser.error(rest, "expected AND, OR or the end of the filter");
    }
    return expression;
  }

  private FilterExpression or() {
    FilterExpression left = and();
    while (peek().isKeyword("OR")) {
      index++;
      left = new FilterExpression.Or(left, and());
    }
    return left;
  }

  private FilterExpression and() {
    FilterExpression left = not();
    while (peek().isKeyword("AND")) {
      index++;
      left = new FilterExpression.And(left, not());
    }
    return left;
  }

  private FilterExpression not() {
    if (peek().isKeyword("NOT")) {
      index++;
      return new FilterExpression.Not(not());
    }
    return primary();
  }

  private FilterExpression primary() {
    Token token = advance();
    if (token.kind() == Token.Kind.LEFT_PAREN) {
      FilterExpression inner = or();
      expect(
          Token.Kind.RIGHT_PAREN,
          "expected ')' to close the '(' at position " + (token.position() + 1));
      return inner;
    }
    if (token.kind() != Token.Kind.IDENTIFIER || isReserved(token)) {
      throw error(token, "expected a partition column name or '('");
    }
    Token next = advance();
    if (next.kind() == Token.Kind.OPERATOR) {
      return new FilterExpression.Comparison(
          token, FilterExpression.Operator.of(next.text()), literal());
    }
    if (next.isKeyword("NOT") && peek().isKeyword("IN")) {
      index++;
      return new FilterExpression.Not(in(token));
    }
    if (next.isKeyword("IN")) {
      return in(token);
    }
    throw error(next, "expected =, !=, <, <=, >, >= or IN after " + token.text());
  }

  private FilterExpression in(Token column) {
    expect(Token.Kind.LEFT_PAREN, "expected '(' to start the IN list");
    List<Token> literals = new ArrayList<>();
    literals.add(literal());
    while (peek().kind() == Token.Kind.COMMA) {
      index++;
      literals.add(literal());
    }
    expect(Token.Kind.RIGHT_PAREN, "expected ',' or ')' in the IN list");
    return new FilterExpression.In(column, literals);
  }

  private Token literal() {
    Token token = advance();
    boolean literal =
        token.kind() == Token.Kind.STRING
            || token.kind() == Token.Kind.NUMBER
            || token.isKeyword("TRUE")
            || token.isKeyword("FALSE");
    if (!literal) {
      throw error(token, "expected a value ('text', a number, TRUE or FALSE)");
    }
    return token;
  }

  private static boolean isReserved(Token token) {
    return List.of("AND", "OR", "NOT", "IN", "TRUE", "FALSE").stream().anyMatch(token::isKeyword);
  }

  private void expect(Token.Kind kind, String problem) {
    Token token = advance();
    if (token.kind() != kind) {
      throw error(token, problem);
    }
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token advance() {
    Token token = tokens.get(index);
    if (token.kind() != Token.Kind.END) {
      index++;
    }
    return token;
  }

  private PartitionFilterException error(Token token, String problem) {
    return new PartitionFilterException(
        text, token.position(), problem + ", found " + token.describe());
  }
}
