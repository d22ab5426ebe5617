package io.hivewire.reader.parquet;

import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A seekable stream over one object that reads through ranged GETs. Small reads are served from a
 * block read ahead ({@code blockSize} bytes from the position); reads of a block or more go
 * straight into the caller's buffer, so a column chunk costs one request. Seeking is free.
 */
final class RangeReadingInputStream extends SeekableInputStream {

  private final ObjectStore store;
  private final S3Location location;
  private final long length;
  private final int blockSize;

  private long position;
  private byte[] block = new byte[0];
  private long blockStart;
  private boolean closed;

  RangeReadingInputStream(ObjectStore store, S3Location location, long length, int blockSize) {
    this.store = Objects.requireNonNull(store, "store is null");
    this.location = Objects.requireNonNull(location, "location is null");
    this.length = length;
    this.blockSize = blockSize;
  }

  @Override
  public long getPos() {
    return position;
  }

  @Override
  public void seek(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0 || newPosition > length) {
      throw new EOFException(
          "cannot seek to byte " + newPosition + " of " + location + " (" + length + " bytes)");
    }
    position = newPosition;
  }

  @Override
  public int read() throws IOException {
    ensureOpen();
    if (position >= length) {
      return -1;
    }
    fillBlockAt(position, 1);
    return block[(int) (position++ - blockStart)] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int len) throws IOException {
    ensureOpen();
    Objects.checkFromIndexSize(offset, len, buffer.length);
    if (len == 0) {
      return 0;
    }
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - position);
    if (!inBlock(position) && n >= blockSize) {
      // A column chunk: one GET straight into the caller's buffer, no second copy.
      try (InputStream in = store.openRange(location, position, n)) {
        checkComplete(in.readNBytes(buffer, offset, n), n);
      }
    } else {
      fillBlockAt(position, n);
      n = (int) Math.min(n, blockStart + block.length - position);
      System.arraycopy(block, (int) (position - blockStart), buffer, offset, n);
    }
    position += n;
    return n;
  }

  @Override
  public void readFully(byte[] buffer) throws IOException {
    readFully(buffer, 0, buffer.length);
  }

  @Override
  public void readFully(byte[] buffer, int offset, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = read(buffer, offset + done, len - done);
      if (n < 0) {
        throw new EOFException(
            "reached the end of " + location + " with " + (len - done) + " bytes still to read");
      }
      done += n;
    }
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    int wanted = target.remaining();
    byte[] bytes = new byte[wanted];
    int n = read(bytes, 0, wanted);
    if (n > 0) {
      target.put(bytes, 0, n);
    }
    return n;
  }

  @Override
  public void readFully(ByteBuffer target) throws IOException {
    byte[] bytes = new byte[target.remaining()];
    readFully(bytes);
    target.put(bytes);
  }

  @Override
  public void close() {
    closed = true;
    block = new byte[0];
  }

  private boolean inBlock(long at) {
    return at >= blockStart && at < blockStart + block.length;
  }

  private void fillBlockAt(long at, int wanted) throws IOException {
    if (inBlock(at)) {
      return;
    }
    int size = (int) Math.min(Math.max(blockSize, wanted), length - at);
    byte[] fetched = store.readRange(location, at, size);
    checkComplete(fetched.length, size);
    block = fetched;
    blockStart = at;
  }

  private void checkComplete(int got, int wanted) throws EOFException {
    if (got < wanted) {
      throw new EOFException(
          location
              + " is shorter than its listed size "
              + length
              + ": got "
              + got
              + " of "
              + wanted
              + " bytes");
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("the stream over " + location + " is closed");
    }
  }
}
