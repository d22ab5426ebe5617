package io.hivewire.collect;

/**
 * Whether JSON text is byte for byte what Jackson's generator writes for the values it holds, as
 * far as its layout and strings go: no whitespace between tokens, no escape sequence (a generator
 * escapes only quotes, backslashes and control characters, which the text then could not hold
 * unescaped), and well-formed UTF-8 of characters in the Basic Multilingual Plane, which decode and
 * encode back to the same bytes (a generator writes a character beyond it, such as an emoji, as two
 * escaped surrogates). Numbers are the caller's to check, token by token.
 */
final class CompactJson {

  /** Bytes that need a look of their own: quotes, backslashes, whitespace and non-ASCII. */
  private static final boolean[] NOTABLE = new boolean[256];

  static {
    for (int b = 0x80; b < 256; b++) {
      NOTABLE[b] = true;
    }
    for (char c : new char[] {'"', '\\', ' ', '\n', '\r', '\t'}) {
      NOTABLE[c] = true;
    }
  }

  private CompactJson() {}

  /** Whether {@code json[start..end)}, valid JSON text, is laid out and encoded as written. */
  static boolean isCompact(byte[] json, int start, int end) {
    boolean inString = false;
    int i = start;
    while (i < end) {
      int b = json[i] & 0xFF;
      if (!NOTABLE[b]) {
        i++;
      } else if (b < 0x80) {
        if (b == '\\') {
          return false;
        }
        if (b == '"') {
          inString = !inString;
        } else if (!inString && (b == ' ' || b == '\n' || b == '\r' || b == '\t')) {
          return false;
        }
        i++;
      } else {
        int length = utf8Length(json, i, end);
        if (length == 0) {
          return false;
        }
        i += length;
      }
    }
    return true;
  }

  /**
   * The length of the well-formed UTF-8 sequence of a character in the Basic Multilingual Plane
   * starting at {@code at} (shortest form, no surrogates), or 0 when it is not one.
   */
  private static int utf8Length(byte[] bytes, int at, int end) {
    int lead = bytes[at] & 0xFF;
    int length;
    int min = 0x80;
    int max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) {
        min = 0xA0;
      } else if (lead == 0xED) {
        max = 0x9F;
      }
    } else {
      return 0;
    }
    if (at + length > end) {
      return 0;
    }
    int second = bytes[at + 1] & 0xFF;
    if (second < min || second > max) {
      return 0;
    }
    for (int i = at + 2; i < at + length; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        return 0;
      }
    }
    return length;
  }
}
