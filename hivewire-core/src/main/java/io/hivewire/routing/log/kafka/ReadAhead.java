package io.hivewire.routing.log.kafka;

import io.hivewire.routing.log.LogRecord;
import java.nio.ByteBuffer;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Fetches the partitions a group member reads on a thread of its own, ahead of the reads, into a
 * buffer per partition. The classic consumer moves bytes from the broker only inside {@code poll}:
 * polled on the routing thread, every fetch waited while that thread routed, and every route waited
 * while it fetched. Its consumer is outside the group (partitions assigned by hand): the member's
 * own consumer keeps the membership and commits. One poll fetches every partition whose buffer has
 * room at once; a full one is paused until reads drain it, and the buffers share {@value
 * #BUDGET_BYTES} bytes, so memory stays bounded however far ahead Kafka is and however many
 * partitions the member reads.
 */
final class ReadAhead implements AutoCloseable {

  /**
   * Payload bytes every partition may buffer, however many there are: what a busy one needs while
   * the shared budget is taken by others.
   */
  static final long MIN_BUFFER_BYTES = 1L << 20;

  /**
   * Payload bytes the buffers of all partitions may hold together before those past {@link
   * #MIN_BUFFER_BYTES} pause, so that the busy partitions share it and the idle ones take none.
   */
  static final long BUDGET_BYTES = 16L << 20;

  /**
   * Payload bytes one partition may buffer: a single partition must fetch its next megabytes while
   * the last ones are routed, since each fetch waits for the broker (measured on one partition: 1
   * MiB buffers and fetches routed 47 MB/s, 8 MiB buffers and 4 MiB fetches 78 MB/s).
   */
  static final long MAX_BUFFER_BYTES = 8L << 20;

  /**
   * What this consumer uses unless {@code event-log.kafka.properties.*} says otherwise: fetches of
   * up to 4 MiB per partition (Kafka's default is 1 MiB) and 16 MiB in all (50 MiB), and polls that
   * hand out a whole fetch (10,000 records; Kafka's default is 500).
   */
  static final Map<String, String> CONSUMER_DEFAULTS =
      Map.of(
          ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
          String.valueOf(4 << 20),
          ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
          String.valueOf(16 << 20),
          ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
          "10000");

  private static final Duration POLL_WAIT = Duration.ofMillis(500);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  /** Records fetched from one start offset and not yet taken, the first at the head. */
  private static final class Buffer {
    final Deque<LogRecord> records = new ArrayDeque<>();
    final long from;
    boolean seeked;
    long bytes;

    /** Past the records fetched and past transaction markers that hold no record. */
    long fetchedTo;

    Buffer(long from) {
      this.from = from;
      this.fetchedTo = from;
    }

    boolean hasRoom(long bufferedInAll) {
      return bytes < MIN_BUFFER_BYTES || (bytes < MAX_BUFFER_BYTES && bufferedInAll < BUDGET_BYTES);
    }
  }

  /**
   * Keys only choose a record's partition: routing never reads them, so they are not copied out of
   * the fetched bytes.
   */
  private static final class SkippedKeys implements Deserializer<byte[]> {
    @Override
    public byte[] deserialize(String topic, byte[] data) {
      return null;
    }

    @Override
    public byte[] deserialize(String topic, Headers headers, byte[] data) {
      return null;
    }

    @Override
    public byte[] deserialize(String topic, Headers headers, ByteBuffer data) {
      return null;
    }
  }

  private final KafkaEventLog log;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ExecutorService fetcher;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Condition room = lock.newCondition();
  private final Map<TopicPartition, Buffer> buffers = new HashMap<>();
  private long buffered;
  private RuntimeException failure;
  private boolean closed;

  ReadAhead(KafkaEventLog log, String name) {
    this.log = log;
    this.consumer =
        new KafkaConsumer<>(
            log.consumerProperties(Optional.empty(), CONSUMER_DEFAULTS),
            new SkippedKeys(),
            new ByteArrayDeserializer());
    this.fetcher =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("kafka-read-ahead-" + name).daemon().factory());
    fetcher.execute(this::fetch);
  }

  /** Fetches {@code partition} from {@code offset} from now on, dropping what it held. */
  void start(TopicPartition partition, long offset) {
    lock.lock();
    try {
      drop(buffers.put(partition, new Buffer(offset)));
      room.signalAll();
      if (!closed) {
        // The fetcher may be in a poll of the partitions it had.
        consumer.wakeup();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops fetching {@code partitions} and drops what they held. */
  void stop(Collection<TopicPartition> partitions) {
    lock.lock();
    try {
      partitions.forEach(p -> drop(buffers.remove(p)));
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: gives back what a buffer no longer used held. */
  private void drop(Buffer buffer) {
    if (buffer != null) {
      buffered -= buffer.bytes;
    }
  }

  /** Payload bytes the buffers hold now, of all partitions. */
  long bufferedBytes() {
    lock.lock();
    try {
      return buffered;
    } finally {
      lock.unlock();
    }
  }

  /** Payload bytes the buffer of {@code partition} holds now; zero when it is not fetched. */
  long bufferedBytes(TopicPartition partition) {
    lock.lock();
    try {
      Buffer buffer = buffers.get(partition);
      return buffer == null ? 0 : buffer.bytes;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Where the next record taken from {@code partition} lies, or where fetching it goes on when it
   * holds none; empty when the partition is not fetched.
   */
  OptionalLong position(TopicPartition partition) {
    lock.lock();
    try {
      Buffer buffer = buffers.get(partition);
      if (buffer == null) {
        return OptionalLong.empty();
      }
      LogRecord first = buffer.records.peekFirst();
      return OptionalLong.of(first != null ? first.offset() : buffer.fetchedTo);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes up to {@code maxRecords} records of {@code partition}, waiting up to {@code wait} for the
   * first one, though not while another partition holds records (the caller has those to route);
   * empty when none arrived in time or the partition is not fetched. Throws what stopped the
   * fetching, if it failed.
   */
  List<LogRecord> take(TopicPartition partition, int maxRecords, Duration wait)
      throws InterruptedException {
    boolean wake = false;
    lock.lock();
    try {
      long left = wait.toNanos();
      Buffer buffer = buffers.get(partition);
      while (buffer != null && buffer.records.isEmpty() && left > 0 && !othersHold(partition)) {
        throwFailure();
        left = arrived.awaitNanos(left);
        buffer = buffers.get(partition);
      }
      throwFailure();
      if (buffer == null || buffer.records.isEmpty()) {
        return List.of();
      }
      boolean wasFull = buffered >= BUDGET_BYTES || !buffer.hasRoom(buffered);
      List<LogRecord> out = new ArrayList<>(Math.min(maxRecords, buffer.records.size()));
      while (out.size() < maxRecords && !buffer.records.isEmpty()) {
        LogRecord record = buffer.records.pollFirst();
        buffer.bytes -= record.payload().length;
        buffered -= record.payload().length;
        out.add(record);
      }
      if (wasFull) {
        room.signalAll();
        wake = true;
      }
      return out;
    } finally {
      lock.unlock();
      if (wake) {
        // The fetcher may be in a poll that holds this partition paused.
        consumer.wakeup();
      }
    }
  }

  private boolean othersHold(TopicPartition partition) {
    for (Map.Entry<TopicPartition, Buffer> e : buffers.entrySet()) {
      if (!e.getKey().equals(partition) && !e.getValue().records.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private void throwFailure() {
    if (failure != null) {
      throw failure;
    }
  }

  /** The fetching thread: polls every partition with room, until closed or failed. */
  private void fetch() {
    try (consumer) {
      while (true) {
        Map<TopicPartition, Buffer> polling = nextPoll();
        if (polling == null) {
          return;
        }
        ConsumerRecords<byte[], byte[]> polled;
        try {
          polled = consumer.poll(POLL_WAIT);
        } catch (WakeupException e) {
          continue; // a partition started or the reader closed: look again
        }
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : polling.keySet()) {
          positions.put(tp, positionAfterPoll(tp));
        }
        Map<TopicPartition, List<LogRecord>> converted = new HashMap<>();
        for (TopicPartition tp : polled.partitions()) {
          List<ConsumerRecord<byte[], byte[]>> records = polled.records(tp);
          List<LogRecord> out = new ArrayList<>(records.size());
          for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(log.toLogRecord(r));
          }
          converted.put(tp, out);
        }
        hand(polling, positions, converted);
      }
    } catch (RuntimeException e) {
      // Kafka refused (authorization, a topic deleted) or a bug: the routing thread's next take
      // throws it, and the destination stops with it.
      fail(e);
    }
  }

  /**
   * The consumer's position in {@code partition}: known without a round trip after a poll, unless
   * the offset had to be reset, and then a wake-up must not lose the records already polled.
   */
  private long positionAfterPoll(TopicPartition partition) {
    while (true) {
      try {
        return consumer.position(partition);
      } catch (WakeupException e) {
        // Asked to look again at the buffers, which the caller does next anyway.
      }
    }
  }

  /**
   * Waits for a partition with room, then assigns, seeks and pauses the consumer's partitions to
   * match the buffers; returns the buffers to fill by the next poll, or null once closed.
   */
  private Map<TopicPartition, Buffer> nextPoll() {
    Map<TopicPartition, Buffer> polling = new HashMap<>();
    Map<TopicPartition, Long> seeks = new HashMap<>();
    Set<TopicPartition> assigned;
    lock.lock();
    try {
      while (!closed && buffers.values().stream().noneMatch(b -> b.hasRoom(buffered))) {
        room.awaitUninterruptibly();
      }
      if (closed) {
        return null;
      }
      assigned = new HashSet<>(buffers.keySet());
      for (Map.Entry<TopicPartition, Buffer> e : buffers.entrySet()) {
        Buffer buffer = e.getValue();
        if (!buffer.seeked) {
          buffer.seeked = true;
          seeks.put(e.getKey(), buffer.from);
        }
        if (buffer.hasRoom(buffered)) {
          polling.put(e.getKey(), buffer);
        }
      }
    } finally {
      lock.unlock();
    }
    if (!assigned.equals(consumer.assignment())) {
      consumer.assign(assigned);
    }
    seeks.forEach(consumer::seek);
    Set<TopicPartition> hold = new HashSet<>(assigned);
    hold.removeAll(polling.keySet());
    consumer.pause(hold);
    consumer.resume(polling.keySet());
    return polling;
  }

  /** Adds what a poll fetched to the buffers it was fetched for, unless restarted meanwhile. */
  private void hand(
      Map<TopicPartition, Buffer> polling,
      Map<TopicPartition, Long> positions,
      Map<TopicPartition, List<LogRecord>> fetched) {
    lock.lock();
    try {
      boolean any = false;
      for (Map.Entry<TopicPartition, Buffer> e : polling.entrySet()) {
        Buffer buffer = e.getValue();
        if (buffers.get(e.getKey()) != buffer) {
          continue; // stopped, or started again elsewhere, during the poll
        }
        for (LogRecord record : fetched.getOrDefault(e.getKey(), List.of())) {
          buffer.records.addLast(record);
          buffer.bytes += record.payload().length;
          buffered += record.payload().length;
          any = true;
        }
        buffer.fetchedTo = positions.get(e.getKey());
      }
      if (any) {
        arrived.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void fail(RuntimeException e) {
    lock.lock();
    try {
      failure = e;
      closed = true;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      room.signalAll();
    } finally {
      lock.unlock();
    }
    consumer.wakeup();
    fetcher.shutdown();
    try {
      if (!fetcher.awaitTermination(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        fetcher.shutdownNow();
      }
    } catch (InterruptedException e) {
      fetcher.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
