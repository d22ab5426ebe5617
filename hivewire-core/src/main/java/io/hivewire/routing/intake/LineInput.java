package io.hivewire.routing.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Splits a byte stream into {@code \n}-terminated lines, byte for byte, and tells whether the next
 * read would wait for more input (so a caller can hand on what it has before blocking).
 */
public final class LineInput {

  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private int position;
  private int limit;
  private boolean eof;

  public LineInput(InputStream in) {
    this.in = Objects.requireNonNull(in, "in is null");
  }

  /** Whether {@link #next()} may block waiting for input. */
  public boolean wouldBlock() throws IOException {
    return !eof && position == limit && in.available() == 0;
  }

  /** The next line without its {@code \n}; empty at the end of the input. */
  public Optional<byte[]> next() throws IOException {
    while (true) {
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          byte[] line = take(i);
          position = i + 1;
          return Optional.of(line);
        }
      }
      partial.write(buffer, position, limit - position);
      position = limit;
      if (eof) {
        if (partial.size() == 0) {
          return Optional.empty();
        }
        byte[] last = partial.toByteArray();
        partial.reset();
        return Optional.of(last);
      }
      int n = in.read(buffer);
      if (n < 0) {
        eof = true;
        position = 0;
        limit = 0;
      } else {
        position = 0;
        limit = n;
      }
    }
  }

  private byte[] take(int newline) {
    if (partial.size() == 0) {
      return Arrays.copyOfRange(buffer, position, newline);
    }
    partial.write(buffer, position, newline - position);
    byte[] line = partial.toByteArray();
    partial.reset();
    return line;
  }
}
