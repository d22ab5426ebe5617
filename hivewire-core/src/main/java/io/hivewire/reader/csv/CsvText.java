package io.hivewire.reader.csv;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * The decoded text of (the start of) a CSV file: gzip recognised by its magic bytes whatever the
 * file is called, UTF-8, byte-order mark removed.
 *
 * @param text the decoded characters
 * @param truncated whether the file goes on beyond {@code text} (its last line may be cut)
 */
public record CsvText(String text, boolean truncated) {

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final char BOM = '\uFEFF';

  public CsvText {
    Objects.requireNonNull(text, "text is null");
  }

  /** Whether {@code head} starts with the gzip magic bytes {@code 1f 8b}. */
  public static boolean isGzip(byte[] head) {
    return head.length >= 2 && (head[0] & 0xff) == GZIP_MAGIC_1 && (head[1] & 0xff) == GZIP_MAGIC_2;
  }

  /**
   * Decodes a sample: {@code bytes} are the first bytes of the file ({@code fileTruncated} when the
   * file is longer), gunzipped if they start with the gzip magic, and cut after {@code
   * maxDecodedBytes} decoded bytes.
   *
   * @throws IOException when the bytes are gzip but not valid gzip data
   */
  public static CsvText decodeSample(byte[] bytes, boolean fileTruncated, int maxDecodedBytes)
      throws IOException {
    byte[] decoded = isGzip(bytes) ? gunzip(bytes, fileTruncated, maxDecodedBytes) : bytes;
    boolean truncated = fileTruncated || decoded.length >= maxDecodedBytes;
    if (decoded.length > maxDecodedBytes) {
      decoded = Arrays.copyOf(decoded, maxDecodedBytes);
    }
    return new CsvText(stripBom(decodeUtf8(decoded)), truncated);
  }

  /**
   * Wraps a whole object's stream so it yields CSV bytes: gunzipped when it starts with the gzip
   * magic, as is otherwise. The caller closes the returned stream (which closes {@code raw}).
   */
  public static InputStream decompressing(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    in.mark(2);
    byte[] head = in.readNBytes(2);
    in.reset();
    return isGzip(head) ? new GZIPInputStream(in, 64 * 1024) : in;
  }

  /** Removes a leading UTF-8 byte-order mark. */
  public static String stripBom(String text) {
    return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
  }

  private static byte[] gunzip(byte[] bytes, boolean fileTruncated, int maxDecodedBytes)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      int n;
      while (out.size() < maxDecodedBytes
          && (n = in.read(buffer, 0, Math.min(buffer.length, maxDecodedBytes - out.size()))) > 0) {
        out.write(buffer, 0, n);
      }
    } catch (EOFException cut) {
      // A sample cuts the compressed stream: what decoded before the cut is the sample.
      if (!fileTruncated) {
        throw new EOFException("the gzip data ends unexpectedly: the file is cut short");
      }
    }
    return out.toByteArray();
  }

  private static String decodeUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder never fails", e);
    }
  }
}
