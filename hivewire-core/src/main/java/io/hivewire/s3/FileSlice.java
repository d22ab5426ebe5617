package io.hivewire.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Bytes {@code [offset, offset + length)} of a local file, opened afresh for every read so that a
 * request can be signed and retried without holding the slice in memory.
 */
record FileSlice(Path file, long offset, long length) {

  FileSlice {
    Objects.requireNonNull(file, "file is null");
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "slice of " + file + " needs offset and length >= 0, got " + offset + ", " + length);
    }
  }

  /** A new stream over the slice; the caller closes it. */
  InputStream open() {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      try {
        if (channel.size() < offset + length) {
          throw new IllegalArgumentException(
              file
                  + " has "
                  + channel.size()
                  + " bytes, fewer than the slice ["
                  + offset
                  + ", "
                  + (offset + length)
                  + ") to upload");
        }
        channel.position(offset);
        return new Bounded(Channels.newInputStream(channel), length);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads the whole slice into memory (for stores that keep objects in memory anyway). */
  byte[] readAll() {
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "slice of " + file + " is too large for memory: " + length);
    }
    try (InputStream in = open()) {
      return in.readNBytes((int) length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Ends the stream after {@code remaining} bytes. */
  private static final class Bounded extends FilterInputStream {
    private long remaining;

    Bounded(InputStream in, long remaining) {
      super(in);
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, remaining));
      remaining -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), remaining);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
