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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A member of a consumer group on Kafka. Every partition it owns stays paused except during a read
 * of that partition, so a poll only ever fetches the partition being read, and group membership
 * (heartbeats, rebalances) goes on in every call. Records a poll returned beyond what a read asked
 * for wait in a small buffer for the next read of their partition.
 */
final class KafkaGroupMember implements EventLog.Consumer {

  private final KafkaEventLog log;
  private final String group;
  private final EventLog.AssignmentListener listener;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, Deque<LogRecord>> leftovers = new HashMap<>();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
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
      consumer.pause(partitions);
      listener.assigned(toLog(partitions));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        listener.revoked(toLog(partitions));
      }
      partitions.forEach(leftovers::remove);
      partitions.forEach(positions::remove);
      partitions.forEach(resumeAt::remove);
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
    consumer.pause(consumer.assignment());
    consumer.poll(wait);
    return owned();
  }

  private Set<LogPartition> owned() {
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
    Deque<LogRecord> buffered = leftovers.get(tp);
    if (buffered != null && !buffered.isEmpty() && resumeAt.getOrDefault(tp, -1L) == fromOffset) {
      return take(tp, buffered, maxRecords);
    }
    leftovers.remove(tp);
    if (consumer.position(tp) != fromOffset) {
      consumer.seek(tp, fromOffset);
    }
    consumer.resume(List.of(tp));
    List<ConsumerRecord<byte[], byte[]>> polled;
    try {
      polled = consumer.poll(wait).records(tp);
    } finally {
      consumer.pause(consumer.assignment());
    }
    if (!consumer.assignment().contains(tp)) {
      return List.of(); // revoked during the poll
    }
    positions.put(tp, consumer.position(tp));
    if (polled.isEmpty()) {
      return List.of();
    }
    Deque<LogRecord> records = new ArrayDeque<>(polled.size());
    for (ConsumerRecord<byte[], byte[]> r : polled) {
      records.add(log.toLogRecord(r));
    }
    leftovers.put(tp, records);
    return take(tp, records, maxRecords);
  }

  /** Hands out up to {@code max} buffered records; the next read continues after them. */
  private List<LogRecord> take(TopicPartition tp, Deque<LogRecord> buffered, int max) {
    List<LogRecord> out = new ArrayList<>(Math.min(max, buffered.size()));
    while (out.size() < max && !buffered.isEmpty()) {
      out.add(buffered.pollFirst());
    }
    resumeAt.put(tp, out.getLast().offset() + 1);
    return out;
  }

  @Override
  public long position(LogPartition partition) {
    TopicPartition tp = log.topicPartition(partition);
    Deque<LogRecord> buffered = leftovers.get(tp);
    if (buffered != null && !buffered.isEmpty()) {
      return buffered.peekFirst().offset();
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
