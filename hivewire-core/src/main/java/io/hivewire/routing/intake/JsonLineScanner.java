package io.hivewire.routing.intake;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One pass over a JSON line that checks its structure and finds the value of the top-level {@code
 * time} field without building tokens or strings. It accepts only what is plainly valid: anything
 * unusual (escaped keys, deep nesting, long numbers, non-ASCII time, malformed bytes) is answered
 * {@link #UNSURE}, and the caller asks a full JSON parser, which also words the error.
 */
final class JsonLineScanner {

  /** The line needs a full parser: it may be invalid, or valid in a way this scanner skips. */
  static final long UNSURE = -2;

  /** A valid object without a top-level {@code time} field. */
  static final long NO_TIME = -1;

  private static final int MAX_DEPTH = 256;
  private static final int MAX_NUMBER_LENGTH = 100;
  private static final int MAX_TIME_DIGITS = 18;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long SPACES = 0x2020202020202020L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

  private JsonLineScanner() {}

  /**
   * Scans {@code line[0..length)}: {@link #UNSURE}, {@link #NO_TIME}, or the bounds of the {@code
   * time} value as {@code start << 32 | end} — the characters between the quotes of an ASCII string
   * without escapes, or the digits (with sign) of an integer.
   */
  static long scan(byte[] line, int length) {
    Scan scan = new Scan(line, length);
    int at = scan.skipSpace(0);
    if (at >= length || line[at] != '{') {
      return UNSURE;
    }
    at = scan.object(at, 0);
    if (at < 0 || scan.skipSpace(at) != length) {
      return UNSURE;
    }
    return scan.time;
  }

  /** A time found by {@link #scan} is a string when a quote precedes it. */
  static boolean isString(byte[] line, long found) {
    int start = (int) (found >>> 32);
    return start > 0 && line[start - 1] == '"';
  }

  static int start(long found) {
    return (int) (found >>> 32);
  }

  static int end(long found) {
    return (int) found;
  }

  /** The position-carrying state of one scan; every method returns the next position or -1. */
  private static final class Scan {
    private final byte[] b;
    private final int n;
    private long time = NO_TIME;
    private boolean escaped;

    Scan(byte[] b, int n) {
      this.b = b;
      this.n = n;
    }

    int skipSpace(int at) {
      // Most lines are compact: one test passes a byte that cannot be space.
      if (at < n && b[at] > ' ') {
        return at;
      }
      while (at < n) {
        byte c = b[at];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          break;
        }
        at++;
      }
      return at;
    }

    /** {@code at} is on '{'. */
    int object(int at, int depth) {
      if (depth >= MAX_DEPTH) {
        return -1;
      }
      at = skipSpace(at + 1);
      if (at < n && b[at] == '}') {
        return at + 1;
      }
      while (true) {
        if (at >= n || b[at] != '"') {
          return -1;
        }
        int keyStart = at + 1;
        int keyEnd = string(at);
        if (keyEnd < 0) {
          return -1;
        }
        boolean keyEscaped = escaped;
        at = skipSpace(keyEnd);
        if (at >= n || b[at] != ':') {
          return -1;
        }
        at = skipSpace(at + 1);
        int valueStart = at;
        at = value(at, depth);
        if (at < 0) {
          return -1;
        }
        if (depth == 0 && isTimeKey(keyStart, keyEnd - 1, keyEscaped)) {
          if (time != NO_TIME || !recordTime(valueStart, at)) {
            return -1;
          }
        }
        at = skipSpace(at);
        if (at >= n) {
          return -1;
        }
        if (b[at] == '}') {
          return at + 1;
        }
        if (b[at] != ',') {
          return -1;
        }
        at = skipSpace(at + 1);
      }
    }

    /**
     * Whether the key between the quotes is {@code time}; an escaped key ({@code keyEscaped}) is
     * left to the parser.
     */
    private boolean isTimeKey(int start, int end, boolean keyEscaped) {
      if (keyEscaped) {
        time = UNSURE;
        return false;
      }
      return end - start == 4
          && b[start] == 't'
          && b[start + 1] == 'i'
          && b[start + 2] == 'm'
          && b[start + 3] == 'e';
    }

    /** Keeps the bounds of a time value this scanner can hand over; false for any other. */
    private boolean recordTime(int start, int end) {
      if (b[start] == '"') {
        for (int i = start + 1; i < end - 1; i++) {
          if (b[i] == '\\' || b[i] < 0) {
            return false;
          }
        }
        time = ((long) (start + 1) << 32) | (end - 1);
        return true;
      }
      int digits = b[start] == '-' ? end - start - 1 : end - start;
      for (int i = b[start] == '-' ? start + 1 : start; i < end; i++) {
        if (b[i] < '0' || b[i] > '9') {
          return false;
        }
      }
      if (digits > MAX_TIME_DIGITS) {
        return false;
      }
      time = ((long) start << 32) | end;
      return true;
    }

    int value(int at, int depth) {
      if (at >= n) {
        return -1;
      }
      return switch (b[at]) {
        case '"' -> string(at);
        case '{' -> object(at, depth + 1);
        case '[' -> array(at, depth + 1);
        case 't' -> literal(at, "true");
        case 'f' -> literal(at, "false");
        case 'n' -> literal(at, "null");
        default -> number(at);
      };
    }

    int array(int at, int depth) {
      if (depth >= MAX_DEPTH) {
        return -1;
      }
      at = skipSpace(at + 1);
      if (at < n && b[at] == ']') {
        return at + 1;
      }
      while (true) {
        at = value(at, depth);
        if (at < 0) {
          return -1;
        }
        at = skipSpace(at);
        if (at >= n) {
          return -1;
        }
        if (b[at] == ']') {
          return at + 1;
        }
        if (b[at] != ',') {
          return -1;
        }
        at = skipSpace(at + 1);
      }
    }

    int literal(int at, String word) {
      int length = word.length();
      if (at + length > n) {
        return -1;
      }
      for (int i = 0; i < length; i++) {
        if (b[at + i] != word.charAt(i)) {
          return -1;
        }
      }
      return delimited(at + length);
    }

    /** A value must be followed by space, a comma, a closing bracket or the end. */
    private int delimited(int at) {
      if (at == n) {
        return at;
      }
      return switch (b[at]) {
        case ' ', '\t', '\n', '\r', ',', ']', '}' -> at;
        default -> -1;
      };
    }

    int number(int at) {
      int start = at;
      if (at < n && b[at] == '-') {
        at++;
      }
      if (at >= n) {
        return -1;
      }
      if (b[at] == '0') {
        at++;
      } else if (b[at] >= '1' && b[at] <= '9') {
        at = digits(at);
      } else {
        return -1;
      }
      if (at < n && b[at] == '.') {
        int fraction = at + 1;
        at = digits(fraction);
        if (at == fraction) {
          return -1;
        }
      }
      if (at < n && (b[at] == 'e' || b[at] == 'E')) {
        at++;
        if (at < n && (b[at] == '+' || b[at] == '-')) {
          at++;
        }
        int exponent = at;
        at = digits(exponent);
        if (at == exponent) {
          return -1;
        }
      }
      if (at - start > MAX_NUMBER_LENGTH) {
        return -1;
      }
      return delimited(at);
    }

    private int digits(int at) {
      while (at < n && b[at] >= '0' && b[at] <= '9') {
        at++;
      }
      return at;
    }

    /**
     * {@code at} is on the opening quote; returns the position after the closing one. Whether the
     * string held an escape is left in {@link #escaped}.
     */
    int string(int at) {
      at++;
      escaped = false;
      while (true) {
        if (at + Long.BYTES <= n) {
          long special = special((long) LONGS.get(b, at));
          if (special == 0) {
            at += Long.BYTES;
            continue;
          }
          at += Long.numberOfTrailingZeros(special) >>> 3;
        } else if (at >= n) {
          return -1;
        }
        int c = b[at];
        if (c == '"') {
          return at + 1;
        }
        if (c == '\\') {
          escaped = true;
          at = escape(at + 1);
        } else if (c >= 0x20) {
          at++;
        } else if (c < 0) {
          at = utf8(at);
        } else {
          return -1;
        }
        if (at < 0) {
          return -1;
        }
      }
    }

    /**
     * The high bit of each byte of {@code w} that is a control character, not ASCII, a quote or a
     * backslash; zero when the word is plain string content. Much of a line is such content, which
     * a word at a time passes in one step, and the lowest flagged byte is where a short string
     * ends: a borrow spreads only upwards from a byte that is flagged itself, so that byte is
     * exact.
     */
    private static long special(long w) {
      long quote = w ^ QUOTES;
      long backslash = w ^ BACKSLASHES;
      return (((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (w - SPACES) | w)
          & HIGH_BITS;
    }

    private int escape(int at) {
      if (at >= n) {
        return -1;
      }
      switch (b[at]) {
        case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
          return at + 1;
        }
        case 'u' -> {
          if (at + 4 >= n) {
            return -1;
          }
          for (int i = 1; i <= 4; i++) {
            if (Character.digit(b[at + i], 16) < 0) {
              return -1;
            }
          }
          return at + 5;
        }
        default -> {
          return -1;
        }
      }
    }

    /** Well-formed UTF-8 only (no overlong forms, surrogates or code points past U+10FFFF). */
    private int utf8(int at) {
      int lead = b[at] & 0xFF;
      int continuation;
      int low = 0x80;
      int high = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        continuation = 1;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        continuation = 2;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        continuation = 3;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
      } else {
        return -1;
      }
      if (at + continuation >= n) {
        return -1;
      }
      int second = b[at + 1] & 0xFF;
      if (second < low || second > high) {
        return -1;
      }
      for (int i = 2; i <= continuation; i++) {
        if ((b[at + i] & 0xC0) != 0x80) {
          return -1;
        }
      }
      return at + continuation + 1;
    }
  }
}
