package io.hivewire.routing.log;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An append-only, durable log of records with a position (offset) per record. Each consumer (a
 * routing destination) reads from its own committed position; space is reclaimed only below the
 * lowest committed position of all consumers.
 */
public interface EventLog extends AutoCloseable {

  /**
   * Appends entries and returns once they are durable (fsync'ed), with the offset of the first; the
   * rest follow in order. Throws {@link LogFullException} when the quota leaves no room.
   */
  long append(List<LogEntry> entries);

  /**
   * Queues entries for appending and returns at once (or once there is room in a bounded queue of
   * appends): the future completes with the offset of the first entry when they are durable, or
   * fails as {@link #append} would throw. A caller that keeps a few appends in flight prepares the
   * next one while the previous is being synced. A full log throws {@link LogFullException} here,
   * before anything is queued, never through the future: an append refused for lack of room is
   * never overtaken by one queued after it, so retrying it before the next keeps the order.
   */
  CompletableFuture<Long> appendAsync(List<LogEntry> entries);

  /** The offset after the last durable record: what the next append gets when none is in flight. */
  long endOffset();

  /** The lowest offset still stored: reads below it fail, its segment having been reclaimed. */
  long startOffset();

  /**
   * The durable record at {@code offset}, read without moving any consumer; empty when the log does
   * not hold it (reclaimed, or not appended yet).
   */
  Optional<LogRecord> recordAt(long offset);

  /**
   * The consumer with this id. A new one starts at {@link #startOffset()}: everything the log still
   * holds, including what was appended before any consumer existed, is delivered to it.
   */
  Consumer consumer(String id);

  /** Forgets a consumer, so that it no longer holds back space reclamation. */
  void removeConsumer(String id);

  /** Bytes the log occupies on disk (or in its backing store). */
  long sizeBytes();

  @Override
  void close();

  /** A reader with a durable committed position. Not safe for concurrent use by several threads. */
  interface Consumer {

    String id();

    /** The first offset not yet committed: where a restarted consumer resumes. */
    long committedOffset();

    /**
     * Reads up to {@code maxRecords} records from {@code fromOffset}, waiting up to {@code wait}
     * for the first one when none is available yet; an empty list means none arrived in time.
     */
    List<LogRecord> read(long fromOffset, int maxRecords, Duration wait);

    /** Durably records that every offset below {@code offset} has been delivered. */
    void commit(long offset);
  }
}
