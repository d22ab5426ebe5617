package io.hivewire.importer.filter;

import java.util.ArrayList;
import java.util.List;

/** Splits a partition filter into tokens. */
final class FilterLexer {

  private final String text;
  private int index;

  private FilterLexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    return new FilterLexer(text).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
        index++;
      }
      if (index >= text.length()) {
        tokens.add(new Token(Token.Kind.END, "", index));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    int start = index;
    char c = text.charAt(index);
    if (c == '(') {
      index++;
      return new Token(Token.Kind.LEFT_PAREN, "(", start);
    }
    if (c == ')') {
      index++;
      return new Token(Token.Kind.RIGHT_PAREN, ")", start);
    }
    if (c == ',') {
      index++;
      return new Token(Token.Kind.COMMA, ",", start);
    }
    if (c == '\'') {
      return string(start);
    }
    if (Character.isDigit(c) || (c == '-' && index + 1 < text.length() && isDigitAt(index + 1))) {
      index++;
      while (index < text.length() && (isDigitAt(index) || text.charAt(index) == '.')) {
        index++;
      }
      return new Token(Token.Kind.NUMBER, text.substring(start, index), start);
    }
    if (Character.isLetter(c) || c == '_') {
      while (index < text.length()
          && (Character.isLetterOrDigit(text.charAt(index)) || text.charAt(index) == '_')) {
        index++;
      }
      return new Token(Token.Kind.IDENTIFIER, text.substring(start, index), start);
    }
    for (String operator : List.of("<=", ">=", "!=", "<>", "=", "<", ">")) {
      if (text.startsWith(operator, index)) {
        index += operator.length();
        return new Token(Token.Kind.OPERATOR, operator.equals("<>") ? "!=" : operator, start);
      }
    }
    throw new PartitionFilterException(text, start, "unexpected character '" + c + "'");
  }

  private boolean isDigitAt(int i) {
    return Character.isDigit(text.charAt(i));
  }

  /** A quoted string; a quote inside is written twice, as in SQL. */
  private Token string(int start) {
    StringBuilder value = new StringBuilder();
    index++;
    while (index < text.length()) {
      char c = text.charAt(index);
      if (c == '\'') {
        if (index + 1 < text.length() && text.charAt(index + 1) == '\'') {
          value.append('\'');
          index += 2;
          continue;
        }
        index++;
        return new Token(Token.Kind.STRING, value.toString(), start);
      }
      value.append(c);
      index++;
    }
    throw new PartitionFilterException(
        text, start, "string is not closed: end it with ' (write '' for a quote inside)");
  }
}
