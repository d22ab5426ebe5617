package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockGzipTest {

  private static final Instant TIME = Instant.parse("2026-01-15T14:30:00Z");
  private static final PartitionKey EVENTS_14H =
      new PartitionKey(RecordType.EVENTS, Optional.of(HourBucket.of(TIME)));

  @TempDir Path dir;

  private static LogRecord record(long offset, String payload) {
    return new LogRecord(offset, RecordType.EVENTS, TIME, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** Varied JSON lines, so that blocks compress to different sizes. */
  private static String event(SplittableRandom random, long offset) {
    return "{\"event_id\":\"e"
        + offset
        + "\",\"name\":\"Pageview\",\"segments\":["
        + random.nextInt(10_000)
        + ","
        + random.nextInt(10_000)
        + "],\"note\":\""
        + "x".repeat(random.nextInt(400))
        + "\"}";
  }

  private OpenFile open(BlockGzip gzip, String name) {
    return OpenFile.create(EVENTS_14H, dir.resolve(name), gzip, TIME);
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aFileOfManyBlocksIsOneGzipMemberHoldingEveryLineInOrder() throws Exception {
    SplittableRandom random = new SplittableRandom(1);
    StringBuilder expected = new StringBuilder();
    ClosedFile closed;
    try (BlockGzip gzip = new BlockGzip(6, 2, "test")) {
      OpenFile file = open(gzip, "many.jsonl.gz");
      for (long offset = 0; offset < 20_000; offset++) {
        String line = event(random, offset);
        file.append(record(offset, line));
        expected.append(line).append('\n');
      }
      closed = file.finish(RollReason.SIZE);
    }
    byte[] bytes = Files.readAllBytes(closed.spill());
    assertThat(expected.length()).isGreaterThan(8 * BlockGzip.MAX_BLOCK_BYTES);
    assertThat(gunzip(closed.spill())).isEqualTo(expected.toString());
    // One member: the deflate stream after the 10-byte header ends exactly before the trailer.
    assertThat(deflateStreamLength(bytes, 10)).isEqualTo(bytes.length - 10 - 8);
    assertThat(closed.size().compressedBytes()).isEqualTo(bytes.length);
    assertThat(closed.size().uncompressedBytes()).isEqualTo(expected.length());
  }

  private static int deflateStreamLength(byte[] gzip, int from) throws DataFormatException {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(gzip, from, gzip.length - from);
      byte[] out = new byte[64 * 1024];
      while (!inflater.finished()) {
        inflater.inflate(out);
      }
      return (int) inflater.getBytesRead();
    } finally {
      inflater.end();
    }
  }

  @Test
  void aRecordLargerThanTheLargestBlockIsSplitAcrossBlocksAndReadBackWhole() throws Exception {
    String large = "{\"blob\":\"" + "abc".repeat(BlockGzip.MAX_BLOCK_BYTES) + "\"}";
    try (BlockGzip gzip = new BlockGzip(1, 2, "test")) {
      OpenFile file = open(gzip, "large.jsonl.gz");
      file.append(record(0, "{\"a\":1}"));
      file.append(record(1, large));
      file.append(record(2, "{\"b\":2}"));
      ClosedFile closed = file.finish(RollReason.SIZE);
      assertThat(gunzip(closed.spill())).isEqualTo("{\"a\":1}\n" + large + "\n{\"b\":2}\n");
    }
  }

  @Test
  void linesExactlyFillingAFullBlockAreClosedWithThatBlockAsTheFinalOne() throws Exception {
    // No growth budget: every block stays at the minimum size, which 16 lines of 1 KiB fill.
    String line = "{\"pad\":\"" + "p".repeat(1024 - 11) + "\"}";
    assertThat(line.length() + 1).isEqualTo(1024);
    try (BlockGzip gzip = new BlockGzip(6, 1, 0, "test")) {
      OpenFile file = open(gzip, "boundary.jsonl.gz");
      int lines = BlockGzip.MIN_BLOCK_BYTES / 1024;
      for (int i = 0; i < lines; i++) {
        file.append(record(i, line));
      }
      ClosedFile closed = file.finish(RollReason.SIZE);
      assertThat(gunzip(closed.spill())).isEqualTo((line + "\n").repeat(lines));
    }
  }

  @Test
  void filesWhoseBlocksInterleaveInFlightEachGetOnlyTheirOwnLines() throws Exception {
    SplittableRandom random = new SplittableRandom(2);
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    try (BlockGzip gzip = new BlockGzip(1, 2, 0, "test")) {
      OpenFile a = open(gzip, "a.jsonl.gz");
      OpenFile b = open(gzip, "b.jsonl.gz");
      for (long offset = 0; offset < 4_000; offset++) {
        String line = event(random, offset);
        (offset % 2 == 0 ? a : b).append(record(offset, line));
        (offset % 2 == 0 ? first : second).append(line).append('\n');
      }
      ClosedFile closedA = a.finish(RollReason.SIZE);
      ClosedFile closedB = b.finish(RollReason.SIZE);
      assertThat(gunzip(closedA.spill())).isEqualTo(first.toString());
      assertThat(gunzip(closedB.spill())).isEqualTo(second.toString());
    }
  }

  @Test
  void aDiscardedFileTakesItsBlocksInFlightWithItAndOthersCarryOn() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    StringBuilder kept = new StringBuilder();
    try (BlockGzip gzip = new BlockGzip(6, 2, 0, "test")) {
      OpenFile dropped = open(gzip, "dropped.jsonl.gz");
      OpenFile other = open(gzip, "other.jsonl.gz");
      for (long offset = 0; offset < 2_000; offset++) {
        String line = event(random, offset);
        if (offset < 1_000) {
          dropped.append(record(offset, line));
        } else {
          other.append(record(offset, line));
          kept.append(line).append('\n');
        }
      }
      dropped.discard();
      assertThat(dir.resolve("dropped.jsonl.gz")).doesNotExist();
      ClosedFile closed = other.finish(RollReason.SIZE);
      assertThat(gunzip(closed.spill())).isEqualTo(kept.toString());
    }
  }

  @Test
  void quietFilesKeepSmallBlocksOnceTheGrowthBudgetIsSpent() throws Exception {
    try (BlockGzip gzip = new BlockGzip(1, 1, BlockGzip.MIN_BLOCK_BYTES, "test")) {
      assertThat(gzip.reserveGrowth(BlockGzip.MIN_BLOCK_BYTES)).isTrue();
      assertThat(gzip.reserveGrowth(1)).isFalse();
      gzip.releaseGrowth(BlockGzip.MIN_BLOCK_BYTES);
      OpenFile busy = open(gzip, "busy.jsonl.gz");
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      String line = "{\"k\":\"" + "v".repeat(1000) + "\"}";
      for (int i = 0; i < 100; i++) {
        busy.append(record(i, line));
        expected.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      // The busy file grew to twice the minimum and holds the whole budget until it closes.
      assertThat(gzip.reserveGrowth(1)).isFalse();
      ClosedFile closed = busy.finish(RollReason.SIZE);
      assertThat(gzip.reserveGrowth(BlockGzip.MIN_BLOCK_BYTES)).isTrue();
      assertThat(gunzip(closed.spill())).isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }
  }
}
