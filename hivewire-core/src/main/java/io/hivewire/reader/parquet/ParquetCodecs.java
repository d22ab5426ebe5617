package io.hivewire.reader.parquet;

import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Which compression codecs this build can decompress: UNCOMPRESSED, SNAPPY, GZIP, ZSTD and LZ4_RAW
 * always; LZ4 (Hadoop framing) with lz4-java present; BROTLI and LZO only when their Hadoop codec
 * class is on the class path (neither ships with hivewire).
 */
public final class ParquetCodecs {

  private ParquetCodecs() {}

  /** Whether column chunks compressed with {@code codec} can be read. */
  public static boolean canDecompress(CompressionCodecName codec) {
    return switch (codec) {
      case UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW -> true;
      case LZ4 -> present("net.jpountz.lz4.LZ4Factory");
      default -> present(codec.getHadoopCompressionCodecClassName());
    };
  }

  /** The codecs of {@code footer}'s column chunks that cannot be read; empty when all can. */
  public static Set<CompressionCodecName> unreadable(ParquetMetadata footer, Set<String> columns) {
    Set<CompressionCodecName> unreadable = EnumSet.noneOf(CompressionCodecName.class);
    for (BlockMetaData block : footer.getBlocks()) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        boolean wanted = columns.contains(chunk.getPath().toArray()[0]);
        if (wanted && !canDecompress(chunk.getCodec())) {
          unreadable.add(chunk.getCodec());
        }
      }
    }
    return unreadable;
  }

  /** The advice that goes with an unreadable codec. */
  public static String advice(Set<CompressionCodecName> codecs) {
    return "is compressed with "
        + codecs
        + ", which hivewire cannot decompress: rewrite it with ZSTD, SNAPPY or GZIP";
  }

  private static boolean present(String className) {
    if (className == null) {
      return false;
    }
    try {
      Class.forName(className, false, ParquetCodecs.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
