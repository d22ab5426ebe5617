package io.hivewire.routing.log.kafka;

import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.LogUnavailableException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A member of a consumer group on Kafka. Its consumer keeps the membership (heartbeats, rebalances)
 * and the commits, with every partition paused; the records come from a {@link ReadAhead}, which
 * fetches each partition from the first read that positions it, on a thread of its own. Rebalances
 * are heard in {@link #assignment} and {@link #read}, on the caller's thread.
 */
final class KafkaGroupMember implements EventLog.Consumer {

  private final KafkaEventLog log;
  private final String group;
  private final EventLog.AssignmentListener listener;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ReadAhead readAhead;
  private final Map<TopicPartition, Long> handedTo = new HashMap<>();
  private boolean closed;

  KafkaGroupMember(KafkaEventLog log, String group, EventLog.AssignmentListener listener) {
    this.log = log;
    this.group = group;
    this.listener = listener;
    this.consumer = new KafkaConsumer<>(log.consumerProperties(Optional.of(group)));
    this.readAhead = new ReadAhead(log, group);
    consumer.subscribe(log.topics(), new Rebalance());
  }

  /** Runs on the thread inside {@code poll} or {@code close}: the member's own thread. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // Never fetched by this consumer: the read-ahead fetches them, from where a read says.
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
      readAhead.stop(partitions);
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
    consumer.poll(wait);
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
    if (closed) {
      return List.of();
    }
    // Takes part in the group without waiting: rebalances are heard here while records flow.
    consumer.poll(Duration.ZERO);
    if (!consumer.assignment().contains(tp)) {
      return List.of();
    }
    if (!continues(tp, fromOffset)) {
      // First read since the assignment, or a route that starts again from its commit.
      readAhead.start(tp, fromOffset);
    }
    handedTo.put(tp, fromOffset);
    List<LogRecord> out;
    try {
      out = readAhead.take(tp, maxRecords, wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    }
    if (!out.isEmpty()) {
      handedTo.put(tp, out.getLast().offset() + 1);
    }
    return out;
  }

  /**
   * Whether a read from {@code fromOffset} goes on where the reads of the partition left off: the
   * caller may have moved to the position, past transaction markers that hold no record, or stayed
   * before them, and either way no record lies between the two.
   */
  private boolean continues(TopicPartition tp, long fromOffset) {
    OptionalLong fetched = readAhead.position(tp);
    if (fetched.isEmpty()) {
      return false;
    }
    long at = fetched.getAsLong();
    if (fromOffset == at) {
      return true;
    }
    Long handed = handedTo.get(tp);
    return handed != null && handed <= fromOffset && fromOffset < at;
  }

  @Override
  public long position(LogPartition partition) {
    return position(log.topicPartition(partition));
  }

  private long position(TopicPartition tp) {
    OptionalLong fetched = readAhead.position(tp);
    return fetched.isPresent() ? fetched.getAsLong() : consumer.position(tp);
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
    try (readAhead) {
      consumer.close();
    }
  }
}
