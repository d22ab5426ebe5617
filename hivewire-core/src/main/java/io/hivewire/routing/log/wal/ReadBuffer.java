package io.hivewire.routing.log.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One reader's reusable direct buffer for segment reads, used by one thread at a time. A heap
 * buffer per chunk cost a new zeroed array and a second copy through the JDK's temporary direct
 * buffer; the routing benchmark's read-ahead thread spent about half its time on those.
 */
final class ReadBuffer {

  static final int CHUNK_BYTES = 1024 * 1024;

  private final ByteBuffer direct = ByteBuffer.allocateDirect(CHUNK_BYTES);

  /**
   * The {@code length} bytes of {@code channel} at {@code position} (fewer at its end), ready to
   * read. They stay valid until the next call; a frame longer than a chunk gets a buffer of its
   * own.
   */
  ByteBuffer load(FileChannel channel, long position, long length) throws IOException {
    ByteBuffer buffer =
        length <= direct.capacity()
            ? direct.clear().limit((int) length)
            : ByteBuffer.allocate(Math.toIntExact(length));
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    return buffer.flip();
  }
}
