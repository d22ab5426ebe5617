package io.hivewire.reader.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes Parquet files into memory with parquet-java's own writer, for test fixtures. */
public final class ParquetBytes {

  private ParquetBytes() {}

  /** A file of {@code schema} (Parquet's text syntax) holding the rows {@code rows} builds. */
  public static byte[] write(
      String schema, CompressionCodecName codec, Function<SimpleGroupFactory, List<Group>> rows) {
    return write(schema, codec, ParquetWriter.DEFAULT_BLOCK_SIZE, rows);
  }

  /** Same, with a row-group size, to make files with several row groups. */
  public static byte[] write(
      String schema,
      CompressionCodecName codec,
      int rowGroupSize,
      Function<SimpleGroupFactory, List<Group>> rows) {
    MessageType type = MessageTypeParser.parseMessageType(schema);
    InMemoryOutputFile file = new InMemoryOutputFile();
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(file)
            .withType(type)
            .withCompressionCodec(codec)
            .withRowGroupSize((long) rowGroupSize)
            .withPageSize(1024)
            .build()) {
      for (Group row : rows.apply(new SimpleGroupFactory(type))) {
        writer.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.bytes.toByteArray();
  }

  private static final class InMemoryOutputFile implements OutputFile {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return bytes.size();
        }

        @Override
        public void write(int b) {
          bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes.write(b, off, len);
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      bytes.reset();
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
