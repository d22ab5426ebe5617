package io.hivewire.importer.filter;

import java.util.Objects;

/** One lexical token of a partition filter, with its 0-based offset in the text. */
record Token(Kind kind, String text, int position) {

  /** What a token is. */
  enum Kind {
    IDENTIFIER,
    STRING,
    NUMBER,
    OPERATOR,
    LEFT_PAREN,
    RIGHT_PAREN,
    COMMA,
    END
  }

  Token {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(text, "text is null");
  }

  /** Whether this is the keyword {@code word} (keywords are case-insensitive identifiers). */
  boolean isKeyword(String word) {
    return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case END -> "the end of the filter";
      case STRING -> "'" + text.replace("'", "''") + "'";
      default -> "'" + text + "'";
    };
  }
}
