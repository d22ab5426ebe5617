package io.hivewire.routing.log.kafka;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to Kafka in transactions, a group of waiting appends per transaction (as the local log
 * syncs a group of appends at once). Each append is acknowledged only when its transaction
 * committed. When a transaction fails it is aborted and the producer replaced by one with the same
 * transactional id, whose {@code initTransactions} fences the old one and aborts whatever it left
 * open: readers ({@code read_committed}) never see a record of a refused append.
 *
 * <p>Appends are taken only by a ready producer, and an append still waiting after the append
 * timeout is withdrawn and refused: none of it was sent, so while Kafka is unreachable senders are
 * told so within the timeout instead of queueing behind transactions that wait for Kafka. A
 * transaction whose records Kafka has all acknowledged may already be committed when its commit
 * times out, so that one is not refused but waited for until Kafka says how it ended.
 */
final class TransactionalAppender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionalAppender.class);
  private static final int MAX_WAITING_APPENDS = 256;
  private static final int MAX_RECORDS_PER_TRANSACTION = 20_000;
  private static final long PREPARE_PAUSE_MILLIS = 100;

  /** An append and its outcome; compared by identity, so that withdrawing removes this one. */
  private static final class Pending {
    final List<LogEntry> entries;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Pending(List<LogEntry> entries) {
      this.entries = entries;
    }
  }

  private final KafkaLogSettings settings;
  private final BlockingQueue<Pending> waiting = new ArrayBlockingQueue<>(MAX_WAITING_APPENDS);
  private final Thread thread;
  private final ScheduledThreadPoolExecutor withdrawals;
  private KafkaProducer<byte[], byte[]> producer;
  private boolean ready;
  private volatile String lastFailure = "";
  private volatile boolean closed;

  TransactionalAppender(KafkaLogSettings settings) {
    this.settings = settings;
    this.thread = Thread.ofPlatform().daemon().name("kafka-appender").unstarted(this::commitGroups);
    this.withdrawals =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("kafka-append-timeout").factory());
    withdrawals.setRemoveOnCancelPolicy(true);
    thread.start();
  }

  /**
   * Queues {@code entries}; waits while {@value #MAX_WAITING_APPENDS} appends already wait. The
   * future fails with {@link LogUnavailableException} when no transaction took the append within
   * the append timeout.
   */
  CompletableFuture<Void> submit(List<LogEntry> entries) {
    if (closed) {
      throw new IllegalStateException("the event log on Kafka is closed");
    }
    Pending pending = new Pending(entries);
    long timeout = settings.appendTimeout().toNanos();
    long start = System.nanoTime();
    try {
      if (!waiting.offer(pending, timeout, TimeUnit.NANOSECONDS)) {
        throw notTaken();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogUnavailableException("interrupted while waiting to append", e);
    }
    long left = Math.max(0, timeout - (System.nanoTime() - start));
    ScheduledFuture<?> withdrawal =
        withdrawals.schedule(() -> withdraw(pending), left, TimeUnit.NANOSECONDS);
    pending.done.whenComplete((ignored, error) -> withdrawal.cancel(false));
    return pending.done;
  }

  /** Appends no transaction has taken yet. */
  int waiting() {
    return waiting.size();
  }

  /** Refuses {@code pending} if it still waits: the queue's lock decides it against a taker. */
  private void withdraw(Pending pending) {
    if (waiting.remove(pending)) {
      pending.done.completeExceptionally(notTaken());
    }
  }

  private LogUnavailableException notTaken() {
    return new LogUnavailableException(
        "Kafka at "
            + settings.bootstrapServers()
            + " did not take the append within "
            + settings.appendTimeout().toMillis()
            + " ms"
            + lastFailure
            + "; nothing of it was sent, send it again",
        null);
  }

  private void commitGroups() {
    List<Pending> group = new ArrayList<>();
    while (!closed) {
      try {
        if (!ready && !prepareForWaitingAppends()) {
          continue;
        }
        Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        int records = first.entries.size();
        Pending next;
        while (records < MAX_RECORDS_PER_TRANSACTION && (next = waiting.poll()) != null) {
          group.add(next);
          records += next.entries.size();
        }
        commit(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        group.clear();
      }
    }
    LogUnavailableException stopped =
        new LogUnavailableException("the event log on Kafka was closed", null);
    for (Pending left; (left = waiting.poll()) != null; ) {
      left.done.completeExceptionally(stopped);
    }
  }

  /**
   * Readies a producer before any append is taken, and only once one waits: while Kafka cannot be
   * reached the appends stay queued, to be withdrawn when their time is up, rather than held by a
   * transaction that cannot begin. False when it is not ready (yet).
   */
  private boolean prepareForWaitingAppends() throws InterruptedException {
    if (waiting.isEmpty()) {
      Thread.sleep(PREPARE_PAUSE_MILLIS);
      return false;
    }
    try {
      ensureReady();
      lastFailure = "";
      return true;
    } catch (RuntimeException e) {
      LOG.debug("readying a Kafka producer failed", e);
      lastFailure = " (readying a producer failed: " + e + ")";
      replaceProducer();
      Thread.sleep(PREPARE_PAUSE_MILLIS);
      return false;
    }
  }

  private void commit(List<Pending> group) {
    try {
      producer.beginTransaction();
      for (Pending pending : group) {
        for (LogEntry entry : pending.entries) {
          producer.send(toRecord(entry));
        }
      }
      if (!commitOnceKnown()) {
        LogUnavailableException unknown =
            new LogUnavailableException(
                "the event log closed before Kafka at "
                    + settings.bootstrapServers()
                    + " confirmed the append's commit: it may or may not be delivered",
                null);
        group.forEach(p -> p.done.completeExceptionally(unknown));
        return;
      }
      group.forEach(p -> p.done.complete(null));
    } catch (RuntimeException e) {
      abortAndReplace();
      LogUnavailableException refused =
          new LogUnavailableException(
              "Kafka at "
                  + settings.bootstrapServers()
                  + " did not acknowledge the append: "
                  + e
                  + "; nothing of it will be delivered, send it again",
              e);
      group.forEach(p -> p.done.completeExceptionally(refused));
    }
  }

  /**
   * Commits, asking again while the commit times out. The producer sends the commit only after
   * every record of the transaction is acknowledged, and fails it once one record cannot be
   * delivered (within the delivery timeout); a commit that times out may therefore already be in
   * Kafka's log, and only Kafka can say whether it is. False when the appender closed first.
   */
  private boolean commitOnceKnown() {
    boolean told = false;
    while (true) {
      try {
        producer.commitTransaction();
        return true;
      } catch (TimeoutException e) {
        if (closed) {
          return false;
        }
        if (!told) {
          LOG.warn(
              "Kafka at {} has not confirmed a commit; waiting for it, as the commit may already"
                  + " be in its log: {}",
              settings.bootstrapServers(),
              e.getMessage());
          told = true;
        }
      }
    }
  }

  /**
   * The record of {@code entry}, its time in a header. Kafka's own timestamp is left to the
   * producer's clock: the client refuses one before 1970, brokers one over an hour ahead of theirs,
   * and retention deletes what carries a time older than the retention period, however recently
   * appended, while an event's own time may be anything a client sent.
   */
  private ProducerRecord<byte[], byte[]> toRecord(LogEntry entry) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(new RecordHeader(KafkaEventLog.TIME_HEADER, KafkaEventLog.timeBytes(entry.time())));
    byte[] key = entry.key().isEmpty() ? null : entry.key().getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(
        settings.topic(entry.type()), null, null, key, entry.payload(), headers);
  }

  private void ensureReady() {
    if (producer == null) {
      producer = new KafkaProducer<>(producerProperties());
    }
    // Fences an earlier producer with this id and aborts the transaction it left open.
    producer.initTransactions();
    ready = true;
  }

  /**
   * Aborts the failed transaction and lets the producer go either way: a failed transaction says
   * Kafka may be unreachable, and a new producer is readied (its {@code initTransactions} aborting
   * whatever the abort could not) before the next append is taken, so that while Kafka is down the
   * appends wait in the queue, where their time runs out, instead of in transactions bound to fail.
   */
  private void abortAndReplace() {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      LOG.debug(
          "aborting a Kafka transaction failed; the next producer's initTransactions will", e);
    }
    replaceProducer();
  }

  private void replaceProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (RuntimeException e) {
        LOG.debug("closing a failed Kafka producer failed", e);
      }
    }
    producer = null;
    ready = false;
  }

  private Properties producerProperties() {
    Properties props = KafkaEventLog.common(settings);
    long timeout = settings.appendTimeout().toMillis();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        settings.topicPrefix() + "collect-" + settings.nodeId());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, timeout / 2 - 1));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    withdrawals.shutdownNow();
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
