package io.hivewire.routing.log.kafka;

import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.LogUnavailableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A member of a consumer group on Kafka. One poll fetches every partition it reads at once (a
 * partition is fetched from the first read that positions it), and hands the records out per
 * partition through a buffer of at most {@value #BUFFER_BYTES} bytes each: a partition whose buffer
 * is full is paused until reads drain it, so memory stays bounded however far ahead Kafka is. Group
 * membership (heartbeats, rebalances) goes on in every poll. Polling each partition on its own, as
 * this member once did, left an idle partition's fetch waiting at the broker (up to {@code
 * fetch.max.wait.ms}) while the busy ones could not be fetched.
 */
final class KafkaGroupMember implements EventLog.Consumer {

  /** Payload bytes buffered per partition at which its fetching pauses. */
  static final int BUFFER_BYTES = 1 << 20;

  /** Records polled but not yet read from one partition, the first at the head. */
  private static final class Buffered {
    final Deque<LogRecord> records = new ArrayDeque<>();
    long bytes;

    void add(LogRecord record) {
      records.addLast(record);
      bytes += record.payload().length;
    }

    LogRecord take() {
      LogRecord record = records.pollFirst();
      bytes -= record.payload().length;
      return record;
    }
  }

  private final KafkaEventLog log;
  private final String group;
  private final EventLog.AssignmentListener listener;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, Buffered> buffers = new HashMap<>();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final Map<TopicPartition, Long> handedTo = new HashMap<>();
  private boolean closed;

  KafkaGroupMember(KafkaEventLog log, String group, EventLog.AssignmentListener listener) {
    this.log = log;
    this.group = group;
    this.listener = listener;
    this.consumer = new KafkaConsumer<>(log.consumerProperties(Optional.of(group)));
    consumer.subscribe(log.topics(), new Rebalance());
  }

  /** Runs on the thread inside {@code poll} or {@code close}: the member's own thread. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // Fetched only once a read says where from: the route resumes from its commit.
      consumer.pause(partitions);
      if (!partitions.isEmpty()) {
        listener.assigned(toLog(partitions));
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        listener.revoked(toLog(partitions));
      }
      partitions.forEach(buffers::remove);
      partitions.forEach(positions::remove);
      partitions.forEach(handedTo::remove);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }

  private static List<LogPartition> toLog(Collection<TopicPartition> partitions) {
    return partitions.stream().map(KafkaEventLog::logPartition).toList();
  }

  @Override
  public String id() {
    return group;
  }

  @Override
  public Set<LogPartition> assignment(Duration wait) {
    if (closed) {
      return Set.of();
    }
    poll(wait);
    return consumer.assignment().stream()
        .map(KafkaEventLog::logPartition)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public CommittedPosition committed(LogPartition partition) {
    TopicPartition tp = log.topicPartition(partition);
    if (closed) {
      return log.committed(group, partition);
    }
    try {
      OffsetAndMetadata found = consumer.committed(Set.of(tp)).get(tp);
      if (found == null) {
        return CommittedPosition.at(consumer.beginningOffsets(List.of(tp)).get(tp));
      }
      return new CommittedPosition(found.offset(), found.metadata());
    } catch (InterruptException | WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      throw new LogUnavailableException(
          "cannot read group " + group + "'s position in " + partition + ": " + e, e);
    }
  }

  @Override
  public List<LogRecord> read(
      LogPartition partition, long fromOffset, int maxRecords, Duration wait) {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords is " + maxRecords + ": read at least 1");
    }
    TopicPartition tp = log.topicPartition(partition);
    if (closed || !consumer.assignment().contains(tp)) {
      return List.of();
    }
    if (!continues(tp, fromOffset)) {
      // First read since the assignment, or a route that starts again from its commit.
      buffers.remove(tp);
      consumer.seek(tp, fromOffset);
      positions.put(tp, fromOffset);
    }
    handedTo.put(tp, fromOffset);
    Buffered buffered = buffers.computeIfAbsent(tp, k -> new Buffered());
    if (!buffered.records.isEmpty()) {
      // The consumer moves bytes from the broker only inside a poll: one that takes what arrived
      // while the caller routed the last records, and asks for more, keeps the fetches flowing
      // instead of leaving them to the read that finds its buffer empty and must wait.
      poll(Duration.ZERO);
      buffered = buffers.get(tp);
      if (buffered == null) {
        return List.of(); // revoked during the poll
      }
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (buffered.records.isEmpty()) {
      // No waiting while other partitions hold records: the caller has those to route.
      boolean othersHeld = othersHold(tp);
      long left = othersHeld ? 0 : Math.max(0, deadline - System.nanoTime());
      poll(Duration.ofNanos(left));
      buffered = buffers.get(tp);
      if (buffered == null) {
        return List.of(); // revoked during the poll
      }
      // A poll may end early having only stepped over a transaction marker.
      if (othersHeld || othersHold(tp) || System.nanoTime() >= deadline) {
        break;
      }
    }
    List<LogRecord> out = new ArrayList<>(Math.min(maxRecords, buffered.records.size()));
    while (out.size() < maxRecords && !buffered.records.isEmpty()) {
      out.add(buffered.take());
    }
    if (!out.isEmpty()) {
      handedTo.put(tp, out.getLast().offset() + 1);
    }
    return out;
  }

  private boolean othersHold(TopicPartition tp) {
    return buffers.entrySet().stream()
        .anyMatch(e -> !e.getKey().equals(tp) && !e.getValue().records.isEmpty());
  }

  /**
   * Whether a read from {@code fromOffset} goes on where the reads of the partition left off: the
   * caller may have moved to the position, past transaction markers that hold no record, or stayed
   * before them, and either way no record lies between the two.
   */
  private boolean continues(TopicPartition tp, long fromOffset) {
    long at = position(tp);
    if (fromOffset == at) {
      return true;
    }
    Long handed = handedTo.get(tp);
    return handed != null && handed <= fromOffset && fromOffset < at;
  }

  /**
   * Polls once for up to {@code wait}: every partition read so far whose buffer has room is
   * fetched, the rest stay paused; the records go to their partitions' buffers.
   */
  private void poll(Duration wait) {
    Set<TopicPartition> assigned = consumer.assignment();
    List<TopicPartition> fetch = new ArrayList<>();
    Set<TopicPartition> hold = new HashSet<>(assigned);
    for (TopicPartition tp : assigned) {
      Buffered buffered = buffers.get(tp);
      if (buffered != null && buffered.bytes < BUFFER_BYTES) {
        fetch.add(tp);
        hold.remove(tp);
      }
    }
    consumer.pause(hold);
    consumer.resume(fetch);
    ConsumerRecords<byte[], byte[]> polled = consumer.poll(wait);
    for (TopicPartition tp : polled.partitions()) {
      Buffered buffered = buffers.get(tp);
      if (buffered == null) {
        continue; // revoked during the poll
      }
      for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
        buffered.add(log.toLogRecord(r));
      }
    }
    for (TopicPartition tp : fetch) {
      if (buffers.containsKey(tp)) {
        // Past the records polled, and past transaction markers that hold no record.
        positions.put(tp, consumer.position(tp));
      }
    }
  }

  @Override
  public long position(LogPartition partition) {
    return position(log.topicPartition(partition));
  }

  private long position(TopicPartition tp) {
    Buffered buffered = buffers.get(tp);
    if (buffered != null && !buffered.records.isEmpty()) {
      return buffered.records.peekFirst().offset();
    }
    Long polledTo = positions.get(tp);
    return polledTo != null ? polledTo : consumer.position(tp);
  }

  @Override
  public void commit(LogPartition partition, CommittedPosition position) {
    TopicPartition tp = log.topicPartition(partition);
    if (closed || !consumer.assignment().contains(tp)) {
      throw new IllegalStateException(
          "consumer of group " + group + " does not own " + partition + ": it cannot commit there");
    }
    try {
      consumer.commitSync(
          Map.of(tp, new OffsetAndMetadata(position.offset(), position.metadata())));
    } catch (InterruptException | WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // Refused (the partition moved in a rebalance) or Kafka is unreachable: either way nothing
      // of this position is known to be recorded.
      throw new LogUnavailableException(
          "cannot commit group " + group + "'s position in " + partition + ": " + e, e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    consumer.close();
  }
}
