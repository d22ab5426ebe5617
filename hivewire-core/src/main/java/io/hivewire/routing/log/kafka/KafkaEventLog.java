package io.hivewire.routing.log.kafka;

import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.LogUnavailableException;
import io.hivewire.routing.log.RecordType;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The event log on Kafka: a topic per record type, records keyed by user so that one user's records
 * stay in order in one partition, appended by one transactional, idempotent producer per node
 * ({@code acks=all}) and read by consumers with {@code isolation.level=read_committed}. An append
 * is acknowledged only once its transaction committed; when it fails, the transaction is aborted
 * and none of its records is ever delivered to a reader. Thread-safe; each {@link
 * EventLog.Consumer} is for one thread at a time.
 */
public final class KafkaEventLog implements EventLog {

  /**
   * The header holding a record's time to the nanosecond; a record without it (written by an
   * earlier version) takes Kafka's timestamp as its time.
   */
  static final String TIME_HEADER = "hivewire-time";

  /**
   * What the consumers of a group use unless {@code event-log.kafka.properties.*} says otherwise.
   * The cooperative-sticky assignor moves only the partitions that change owner in a rebalance, so
   * the other members keep routing theirs with their files open (the default range assignor revokes
   * every partition of every member). A member that dies without leaving holds its partitions until
   * its session times out: 10 s (Kafka's default is 45 s) bounds that pause closer to the flush
   * interval. The other members hear of a rebalance from their next heartbeat, and the cooperative
   * protocol takes two rebalances to move a partition: a heartbeat every second (instead of 3 s)
   * took two workers joining at once from 10 s to under 1 s to share the partitions. A fetch that
   * finds no new record waits at the broker for {@code fetch.max.wait.ms}, and meanwhile no other
   * fetch goes to that broker: 100 ms instead of 500 keeps partitions whose buffers just drained
   * from waiting behind idle ones. The group's own consumer fetches nothing (every partition
   * paused): what the read-ahead fetches with is in {@link ReadAhead#CONSUMER_DEFAULTS}.
   */
  public static final Map<String, String> CONSUMER_DEFAULTS =
      Map.of(
          ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
          "100",
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName(),
          ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
          "10000",
          ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
          "1000");

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PEEK_WAIT = Duration.ofSeconds(10);

  private final KafkaLogSettings settings;
  private final Admin admin;
  private final TransactionalAppender appender;
  private final Map<String, RecordType> typesByTopic = new HashMap<>();
  private final List<LogPartition> partitions;
  private final Object peekLock = new Object();
  private KafkaConsumer<byte[], byte[]> peek;

  private KafkaEventLog(KafkaLogSettings settings, Admin admin, List<LogPartition> partitions) {
    this.settings = settings;
    this.admin = admin;
    this.partitions = List.copyOf(partitions);
    for (RecordType type : RecordType.values()) {
      typesByTopic.put(settings.topic(type), type);
    }
    this.appender = new TransactionalAppender(settings);
  }

  /**
   * Connects to Kafka and creates the topics that do not exist yet; fails when Kafka cannot be
   * reached within 30 s.
   */
  public static KafkaEventLog open(KafkaLogSettings settings) {
    Objects.requireNonNull(settings, "settings is null");
    Admin admin = Admin.create(adminProperties(settings));
    try {
      Map<RecordType, String> topics = new EnumMap<>(RecordType.class);
      for (RecordType type : RecordType.values()) {
        topics.put(type, settings.topic(type));
      }
      createMissing(admin, settings, topics.values());
      Map<String, TopicDescription> described = describe(admin, topics.values());
      List<LogPartition> partitions = new ArrayList<>();
      for (String topic : topics.values()) {
        int count = described.get(topic).partitions().size();
        for (int i = 0; i < count; i++) {
          partitions.add(new LogPartition(topic, i));
        }
      }
      return new KafkaEventLog(settings, admin, partitions);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      admin.close(Duration.ZERO);
      throw new IllegalStateException(
          "cannot open the event log on Kafka at "
              + settings.bootstrapServers()
              + " (topics "
              + settings.topicPrefix()
              + "*): "
              + cause(e),
          e);
    } catch (InterruptedException e) {
      admin.close(Duration.ZERO);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening the event log on Kafka", e);
    }
  }

  private static void createMissing(
      Admin admin, KafkaLogSettings settings, Collection<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    var existing = admin.listTopics().names().get(secs(), TimeUnit.SECONDS);
    List<NewTopic> missing =
        topics.stream()
            .filter(t -> !existing.contains(t))
            .map(t -> new NewTopic(t, settings.partitions(), settings.replicationFactor()))
            .toList();
    if (missing.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(missing).all().get(secs(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /**
   * Describes {@code topics}, asking again while the broker does not know a topic it has just
   * created: its metadata reaches the brokers shortly after the creation is acknowledged.
   */
  private static Map<String, TopicDescription> describe(Admin admin, Collection<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      try {
        return admin.describeTopics(topics).allTopicNames().get(secs(), TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static long secs() {
    return ADMIN_TIMEOUT.toSeconds();
  }

  private static String cause(Throwable e) {
    Throwable c =
        e instanceof ExecutionException || e instanceof CompletionException ? e.getCause() : e;
    return c == null ? e.toString() : c.toString();
  }

  static Properties common(KafkaLogSettings settings) {
    Properties props = new Properties();
    props.putAll(settings.clientProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    return props;
  }

  private static Properties adminProperties(KafkaLogSettings settings) {
    Properties props = common(settings);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
    return props;
  }

  Properties consumerProperties(Optional<String> group) {
    return consumerProperties(group, Map.of());
  }

  /** As {@link #consumerProperties(Optional)}, with {@code defaults} before the common ones. */
  Properties consumerProperties(Optional<String> group, Map<String, String> defaults) {
    Properties props = common(settings);
    defaults.forEach(props::putIfAbsent);
    CONSUMER_DEFAULTS.forEach(props::putIfAbsent);
    group.ifPresent(g -> props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(g)));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  @Override
  public CompletableFuture<Long> appendAsync(List<LogEntry> entries) {
    List<LogEntry> copy = List.copyOf(entries);
    if (copy.isEmpty()) {
      return CompletableFuture.completedFuture(NO_SINGLE_OFFSET);
    }
    return appender.submit(copy).thenApply(ignored -> NO_SINGLE_OFFSET);
  }

  /** Appends no transaction has taken yet. */
  int waitingAppends() {
    return appender.waiting();
  }

  @Override
  public List<LogPartition> partitions() {
    return partitions;
  }

  @Override
  public long endOffset(LogPartition partition) {
    return offset(partition, OffsetSpec.latest());
  }

  private long offset(LogPartition partition, OffsetSpec spec) {
    TopicPartition tp = topicPartition(partition);
    try {
      return admin
          .listOffsets(Map.of(tp, spec), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .partitionResult(tp)
          .get(secs(), TimeUnit.SECONDS)
          .offset();
    } catch (ExecutionException | TimeoutException e) {
      throw new LogUnavailableException(
          "cannot read the offsets of " + partition + " from Kafka: " + cause(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogUnavailableException("interrupted reading offsets of " + partition, e);
    }
  }

  @Override
  public Optional<LogRecord> recordAt(LogPartition partition, long offset) {
    TopicPartition tp = topicPartition(partition);
    synchronized (peekLock) {
      if (peek == null) {
        peek = new KafkaConsumer<>(consumerProperties(Optional.empty()));
      }
      peek.assign(List.of(tp));
      peek.seek(tp, offset);
      long deadline = System.nanoTime() + PEEK_WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        List<ConsumerRecord<byte[], byte[]>> polled = peek.poll(Duration.ofMillis(200)).records(tp);
        for (ConsumerRecord<byte[], byte[]> r : polled) {
          if (r.offset() >= offset) {
            return r.offset() == offset ? Optional.of(toLogRecord(r)) : Optional.empty();
          }
        }
        if (polled.isEmpty() && peek.position(tp) >= endOffset(partition)) {
          return Optional.empty();
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public void addGroup(String group) {
    // A group that never committed starts at the earliest offset Kafka holds
    // (auto.offset.reset=earliest), which is what a new group is promised: nothing to store.
    Objects.requireNonNull(group, "group is null");
  }

  @Override
  public CommittedPosition committed(String group, LogPartition partition) {
    TopicPartition tp = topicPartition(partition);
    try {
      OffsetAndMetadata found =
          admin
              .listConsumerGroupOffsets(settings.groupId(group))
              .partitionsToOffsetAndMetadata()
              .get(secs(), TimeUnit.SECONDS)
              .get(tp);
      return found == null
          ? CommittedPosition.at(offset(partition, OffsetSpec.earliest()))
          : new CommittedPosition(found.offset(), found.metadata());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return CommittedPosition.at(offset(partition, OffsetSpec.earliest()));
      }
      throw new LogUnavailableException(
          "cannot read group " + group + "'s position in " + partition + ": " + cause(e), e);
    } catch (TimeoutException e) {
      throw new LogUnavailableException(
          "cannot read group " + group + "'s position in " + partition + ": " + cause(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogUnavailableException("interrupted reading group " + group + "'s position", e);
    }
  }

  @Override
  public Consumer consumer(String group, AssignmentListener listener) {
    Objects.requireNonNull(listener, "listener is null");
    return new KafkaGroupMember(this, group, listener);
  }

  @Override
  public void removeGroup(String group) {
    try {
      admin
          .deleteConsumerGroups(List.of(settings.groupId(group)))
          .all()
          .get(secs(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw new LogUnavailableException(
            "cannot delete consumer group " + settings.groupId(group) + ": " + cause(e), e);
      }
    } catch (TimeoutException e) {
      throw new LogUnavailableException(
          "cannot delete consumer group " + settings.groupId(group) + ": " + cause(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogUnavailableException("interrupted deleting group " + group, e);
    }
  }

  /** Zero: the records are kept by the brokers, not on this node's disk. */
  @Override
  public long sizeBytes() {
    return 0;
  }

  List<String> topics() {
    return List.copyOf(typesByTopic.keySet());
  }

  TopicPartition topicPartition(LogPartition partition) {
    if (!typesByTopic.containsKey(partition.topic())) {
      throw new IllegalArgumentException(
          partition
              + " is not a partition of this event log (topics "
              + typesByTopic.keySet()
              + ")");
    }
    return new TopicPartition(partition.topic(), partition.number());
  }

  static LogPartition logPartition(TopicPartition tp) {
    return new LogPartition(tp.topic(), tp.partition());
  }

  LogRecord toLogRecord(ConsumerRecord<byte[], byte[]> record) {
    RecordType type = typesByTopic.get(record.topic());
    Header header = record.headers().lastHeader(TIME_HEADER);
    Instant time =
        header != null && header.value().length == 12
            ? timeOf(header.value())
            : Instant.ofEpochMilli(record.timestamp());
    return new LogRecord(record.offset(), type, time, record.value());
  }

  static byte[] timeBytes(Instant time) {
    return ByteBuffer.allocate(12).putLong(time.getEpochSecond()).putInt(time.getNano()).array();
  }

  private static Instant timeOf(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
  }

  @Override
  public void close() {
    appender.close();
    synchronized (peekLock) {
      if (peek != null) {
        peek.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        peek = null;
      }
    }
    admin.close(Duration.ofSeconds(5));
  }
}
