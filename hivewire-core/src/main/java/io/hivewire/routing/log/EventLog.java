package io.hivewire.routing.log;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An append-only, durable log of records in one or more partitions, each record with an offset in
 * its partition (increasing, not always consecutive). Consumer groups (one per routing destination)
 * read each partition from their own committed position; the partitions of a group are assigned to
 * its members, and move between them when members come and go. The local write-ahead log is one
 * partition, always assigned to the only member; Kafka spreads partitions over every node that runs
 * the group.
 */
public interface EventLog extends AutoCloseable {

  /**
   * What {@link #append} returns for a log of several partitions: each entry's offset lies in the
   * partition of its key, so no single offset describes an append.
   */
  long NO_SINGLE_OFFSET = -1;

  /**
   * Appends entries and returns once every one of them is durable (fsync'ed locally, or
   * acknowledged by all in-sync replicas). Entries with the same key keep their order. Returns the
   * offset of the first entry when the log has one partition (the rest follow in order), else
   * {@link #NO_SINGLE_OFFSET}. Throws {@link LogFullException} when the quota leaves no room and
   * {@link LogUnavailableException} when the log cannot acknowledge now; either way no entry is
   * acknowledged.
   */
  default long append(List<LogEntry> entries) {
    try {
      return appendAsync(entries).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Queues entries for appending and returns at once (or once there is room in a bounded queue of
   * appends): the future completes as {@link #append} returns, or fails as it would throw. A full
   * log throws {@link LogFullException} here, before anything is queued, never through the future:
   * an append refused for lack of room is never overtaken by one queued after it, so retrying it
   * before the next keeps the order.
   */
  CompletableFuture<Long> appendAsync(List<LogEntry> entries);

  /** Every partition of the log, in a stable order. */
  List<LogPartition> partitions();

  /**
   * The offset after the last durable record of {@code partition} (for Kafka, the last stable
   * offset: transactions still open are not visible yet).
   */
  long endOffset(LogPartition partition);

  /**
   * The durable record at {@code offset} of {@code partition}, read without joining any group;
   * empty when the log does not hold it (reclaimed, or not appended yet).
   */
  Optional<LogRecord> recordAt(LogPartition partition, long offset);

  /**
   * Creates the consumer group {@code group} if it does not exist, positioned at the start of what
   * the log holds: everything appended from now on, and what the log still holds from before, is
   * delivered to it, even before a consumer of it runs.
   */
  void addGroup(String group);

  /**
   * Where {@code group} resumes in {@code partition}, read without joining the group; the start of
   * what the log holds when the group never committed there.
   */
  CommittedPosition committed(String group, LogPartition partition);

  /**
   * Joins {@code group} (creating it as {@link #addGroup} would): the returned member is assigned
   * partitions, and {@code listener} hears of every change, on the thread that calls {@link
   * Consumer#assignment} or {@link Consumer#read}.
   */
  Consumer consumer(String group, AssignmentListener listener);

  /** Forgets a group and its positions, so that it no longer holds back space reclamation. */
  void removeGroup(String group);

  /** Bytes the log occupies on this node's disk (zero for a log kept elsewhere). */
  long sizeBytes();

  @Override
  void close();

  /** Hears which partitions a member of a group owns. */
  interface AssignmentListener {

    /** A listener for members that ask {@link Consumer#assignment} instead. */
    AssignmentListener NONE =
        new AssignmentListener() {
          @Override
          public void assigned(Collection<LogPartition> partitions) {}

          @Override
          public void revoked(Collection<LogPartition> partitions) {}
        };

    /** The member now owns {@code partitions} and should resume them from their commits. */
    void assigned(Collection<LogPartition> partitions);

    /**
     * The member is about to lose {@code partitions}: whatever it commits for them now is where
     * their next owner resumes; after this returns, its commits there are refused.
     */
    void revoked(Collection<LogPartition> partitions);
  }

  /**
   * A member of a consumer group, with the partitions assigned to it. Not safe for concurrent use
   * by several threads.
   */
  interface Consumer extends AutoCloseable {

    /** The group's name. */
    String id();

    /**
     * Takes part in the group for up to {@code wait}: tells the listener of partitions revoked and
     * assigned since the last call, and returns the partitions this member owns now.
     */
    Set<LogPartition> assignment(Duration wait);

    /** Where the group resumes in {@code partition}: its committed offset and metadata. */
    CommittedPosition committed(LogPartition partition);

    /**
     * Reads up to {@code maxRecords} records of {@code partition} from {@code fromOffset}, waiting
     * up to {@code wait} for the first one when none is available yet; an empty list means none
     * arrived in time, or the partition is not (or no longer) assigned to this member.
     */
    List<LogRecord> read(LogPartition partition, long fromOffset, int maxRecords, Duration wait);

    /**
     * Where the next read of {@code partition} continues after the last one: past its last record,
     * and past offsets that hold no record (Kafka's transaction markers), so a reader whose
     * position reached {@link EventLog#endOffset} has read everything. Offsets within a partition
     * increase, but need not be consecutive.
     */
    long position(LogPartition partition);

    /**
     * Durably records that every offset of {@code partition} below the position's offset has been
     * delivered, with its metadata. Refused once the partition is no longer assigned.
     */
    void commit(LogPartition partition, CommittedPosition position);

    /** Leaves the group: its partitions go to the other members. */
    @Override
    void close();
  }
}
