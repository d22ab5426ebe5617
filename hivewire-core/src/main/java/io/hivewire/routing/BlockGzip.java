package io.hivewire.routing;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * Compresses the blocks of a writer's open files on a pool of threads, pigz-style: each block is a
 * raw deflate stream ended by a sync flush (the last one by a final block), so that a file's blocks
 * written one after another form a single ordinary gzip member. One routing thread would otherwise
 * hold the whole destination to the speed of one core.
 *
 * <p>The owner (one thread at a time) submits blocks and gets the compressed bytes back, in
 * submission order, through each block's {@link Sink}. At most {@code 2 × threads + 1} blocks are
 * in flight: a submission beyond that first writes out the oldest, so memory stays bounded however
 * fast records arrive. Not thread-safe: one owner drives it.
 */
final class BlockGzip implements AutoCloseable {

  /** The largest block: big enough that its boundaries cost under 2% in size (1.4% at level 1). */
  public static final int MAX_BLOCK_BYTES = 256 * 1024;

  /** The block a file starts with; it grows towards {@link #MAX_BLOCK_BYTES} while data arrives. */
  public static final int MIN_BLOCK_BYTES = 16 * 1024;

  /**
   * How many bytes the blocks of all open files may grow beyond {@link #MIN_BLOCK_BYTES} in total,
   * so that heap use does not grow with the number of open partitions: a few busy files get large
   * blocks, a thousand quiet ones stay small.
   */
  public static final long STAGING_BUDGET_BYTES = 32L * 1024 * 1024;

  /** Room for a block's deflate output in all but freak cases (the loop grows it then). */
  private static final int FULL_OUTPUT_BYTES = outputBytes(MAX_BLOCK_BYTES);

  private final ExecutorService workers;
  private final BlockingQueue<Deflater> deflaters;
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final BlockingQueue<byte[]> spareBlocks;
  private final BlockingQueue<byte[]> spareOutputs;

  private final int maxInFlight;
  private final long stagingBudget;
  private long stagingGrowth;

  /** Receives the compressed bytes of one block, on the owner's thread, in submission order. */
  interface Sink {
    void write(byte[] compressed, int length);
  }

  private record InFlight(Sink sink, Future<Compressed> result) {}

  private record Compressed(byte[] bytes, int length) {}

  /** Compresses at gzip {@code level} on {@code threads} threads named after {@code name}. */
  public BlockGzip(int level, int threads, String name) {
    this(level, threads, STAGING_BUDGET_BYTES, name);
  }

  BlockGzip(int level, int threads, long stagingBudget, String name) {
    checkLevel(level);
    checkThreads(threads);
    Objects.requireNonNull(name, "name is null");
    this.stagingBudget = stagingBudget;
    this.maxInFlight = 2 * threads + 1;
    this.deflaters = new ArrayBlockingQueue<>(threads);
    // Full-size arrays come back here once compressed and written, so that a busy file does not
    // allocate (and the collector reclaim) two large arrays per block.
    this.spareBlocks = new ArrayBlockingQueue<>(maxInFlight + 1);
    this.spareOutputs = new ArrayBlockingQueue<>(maxInFlight + 1);
    for (int i = 0; i < threads; i++) {
      deflaters.add(new Deflater(level, true));
    }
    this.workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(maxInFlight),
            Thread.ofPlatform().daemon().name("gzip-" + name + "-", 0).factory());
  }

  /** Rejects levels outside gzip's 1 (fastest) to 9 (smallest). */
  public static void checkLevel(int level) {
    if (level < 1 || level > 9) {
      throw new IllegalArgumentException("gzip level must be 1..9, got " + level);
    }
  }

  /** Rejects fewer than one compressing thread. */
  public static void checkThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("gzip threads must be at least 1, got " + threads);
    }
  }

  /**
   * Asks for {@code bytes} more block capacity beyond the minimum; returns false when the budget is
   * spent, and the caller then flushes its block instead of growing it.
   */
  boolean reserveGrowth(long bytes) {
    if (stagingGrowth + bytes > stagingBudget) {
      return false;
    }
    stagingGrowth += bytes;
    return true;
  }

  /** Gives back growth reserved with {@link #reserveGrowth}. */
  void releaseGrowth(long bytes) {
    stagingGrowth -= bytes;
  }

  /** An array for a file's next block of {@code size} bytes, recycled when it is a full one. */
  byte[] newBlock(int size) {
    byte[] spare = size == MAX_BLOCK_BYTES ? spareBlocks.poll() : null;
    return spare != null ? spare : new byte[size];
  }

  /**
   * Compresses {@code length} bytes of {@code block}, which the caller must not touch afterwards,
   * and hands the result to {@code sink} later; {@code last} ends the deflate stream.
   */
  void submit(Sink sink, byte[] block, int length, boolean last) {
    while (inFlight.size() >= maxInFlight) {
      writeOldest();
    }
    inFlight.add(new InFlight(sink, workers.submit(() -> deflate(block, length, last))));
    while (!inFlight.isEmpty() && inFlight.peek().result().isDone()) {
      writeOldest();
    }
  }

  /** Waits for every block in flight and writes each to its sink. */
  void writeAll() {
    while (!inFlight.isEmpty()) {
      writeOldest();
    }
  }

  private void writeOldest() {
    InFlight oldest = inFlight.poll();
    Compressed compressed;
    try {
      compressed = oldest.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while compressing");
    } catch (ExecutionException e) {
      throw new IllegalStateException("compressing a block failed: " + e.getCause(), e.getCause());
    }
    oldest.sink().write(compressed.bytes(), compressed.length());
    if (compressed.bytes().length == FULL_OUTPUT_BYTES) {
      spareOutputs.offer(compressed.bytes());
    }
  }

  private Compressed deflate(byte[] block, int length, boolean last) {
    // As many deflaters as workers: a worker never waits here.
    Deflater deflater = deflaters.remove();
    try {
      deflater.reset();
      deflater.setInput(block, 0, length);
      if (last) {
        deflater.finish();
      }
      int flush = last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
      byte[] out = length > MAX_BLOCK_BYTES / 2 ? spareOutputs.poll() : null;
      if (out == null) {
        out = new byte[length > MAX_BLOCK_BYTES / 2 ? FULL_OUTPUT_BYTES : outputBytes(length)];
      }
      int written = 0;
      while (true) {
        written += deflater.deflate(out, written, out.length - written, flush);
        // A sync flush is complete once it leaves room in the buffer; a final block once finished.
        boolean done = last ? deflater.finished() : written < out.length;
        if (done) {
          if (block.length == MAX_BLOCK_BYTES) {
            spareBlocks.offer(block);
          }
          return new Compressed(out, written);
        }
        if (written == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
      }
    } finally {
      deflaters.add(deflater);
    }
  }

  private static int outputBytes(int length) {
    return length + (length >> 3) + 64;
  }

  /** Drops blocks in flight, stops the threads and frees the native deflaters. */
  @Override
  public void close() {
    inFlight.forEach(f -> f.result().cancel(false));
    inFlight.clear();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    deflaters.forEach(Deflater::end);
  }
}
