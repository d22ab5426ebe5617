package io.hivewire.reader.parquet;

import io.hivewire.s3.S3Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Reads the footer of a Parquet object with as few ranged GETs as possible: one GET of the last
 * {@value #TAIL_BYTES} bytes (which holds the footer of most files), one of the first four bytes to
 * check the leading magic (none when the tail is the whole file), and one more only for a footer
 * larger than the tail.
 */
public final class ParquetFooter {

  /** Bytes read from the end in the first request. */
  public static final int TAIL_BYTES = 64 * 1024;

  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);
  private static final int MIN_FILE_SIZE = 12;
  private static final int MAX_DETAIL = 200;

  private ParquetFooter() {}

  /**
   * The footer of {@code file}: schema, row groups, key-value metadata.
   *
   * @throws InvalidParquetFileException when the object is not a readable Parquet file
   */
  public static ParquetMetadata read(ObjectStoreInputFile file) throws IOException {
    long size = file.getLength();
    S3Location location = file.location();
    if (size < MIN_FILE_SIZE) {
      throw new InvalidParquetFileException(
          "is not a Parquet file: it has " + size + " bytes, a Parquet file has at least 12",
          true,
          null);
    }
    int tailLength = (int) Math.min(size, TAIL_BYTES);
    byte[] tail = file.store().readRange(location, size - tailLength, tailLength);
    if (tail.length != tailLength) {
      throw new InvalidParquetFileException(
          "is shorter than its listed size of " + size + " bytes", false, null);
    }
    byte[] trailingMagic = Arrays.copyOfRange(tail, tailLength - 4, tailLength);
    if (Arrays.equals(trailingMagic, ENCRYPTED_MAGIC)) {
      throw new InvalidParquetFileException(
          "is an encrypted Parquet file (PARE magic): encrypted files are not supported",
          false,
          null);
    }
    byte[] head =
        tailLength == size ? Arrays.copyOf(tail, 4) : file.store().readRange(location, 0, 4);
    if (!Arrays.equals(head, MAGIC) || !Arrays.equals(trailingMagic, MAGIC)) {
      throw new InvalidParquetFileException(
          "is not a Parquet file (no PAR1 magic at its "
              + (Arrays.equals(head, MAGIC) ? "end" : "start")
              + ")",
          true,
          null);
    }
    int footerLength =
        ByteBuffer.wrap(tail, tailLength - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (footerLength <= 0 || footerLength > size - MIN_FILE_SIZE) {
      throw new InvalidParquetFileException(
          "has a corrupt footer: its length field says "
              + footerLength
              + " bytes in a file of "
              + size,
          false,
          null);
    }
    byte[] footer =
        footerLength + 8 <= tailLength
            ? Arrays.copyOfRange(tail, tailLength - 8 - footerLength, tailLength - 8)
            : file.store().readRange(location, size - 8 - footerLength, footerLength);
    try {
      return new ParquetMetadataConverter()
          .readParquetMetadata(
              new ByteArrayInputStream(footer), ParquetMetadataConverter.NO_FILTER);
    } catch (IOException | RuntimeException e) {
      throw new InvalidParquetFileException(
          "has a footer that cannot be decoded (" + describe(e) + ")", false, e);
    }
  }

  /** The exception's type and the first line of its message, at most 200 characters. */
  public static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    String firstLine = message.strip().lines().findFirst().orElse("");
    if (firstLine.length() > MAX_DETAIL) {
      firstLine = firstLine.substring(0, MAX_DETAIL) + "...";
    }
    return e.getClass().getSimpleName() + ": " + firstLine;
  }
}
