package io.hivewire.routing;

import io.hivewire.routing.DestinationStatus.State;
import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.PutOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Routes the event log to one bucket. From a log of one partition (the local write-ahead log): a
 * consumer thread reads records into a {@link PartitionedWriter}, a ticker closes files by age even
 * when no record arrives, and closed files are journaled, then uploaded in the background. The log
 * position is committed only below the first record that is not yet in an uploaded file, so a crash
 * loses nothing, and recovery rebuilds the journaled files under the same keys, so it doubles
 * nothing. From a log of several partitions (Kafka), the destination is a member of its consumer
 * group and routes the partitions assigned to it ({@link GroupRouting}), recording its cuts in the
 * group's commit metadata instead of a local journal, so that any node can re-create them.
 */
public final class RoutingDestination implements AutoCloseable {

  /** The MDC key naming the destination on the lines its threads log. */
  public static final String LOG_FIELD = "destination";

  private static final Logger LOG = LoggerFactory.getLogger(RoutingDestination.class);
  private static final int READ_BATCH = 8192;
  private static final int PREFETCH_DEPTH = 4;
  private static final Duration READ_WAIT = Duration.ofMillis(100);
  private static final long TICK_MILLIS = 100;
  // An upload of one file, retries included, takes minutes; one begun a day ago is dead.
  private static final Duration STALE_UPLOAD = Duration.ofDays(1);
  private static final Duration STALE_UPLOAD_SWEEP = Duration.ofHours(1);
  private static final int MAX_UPLOADS_IN_FLIGHT = 16;
  private static final int PART_UPLOAD_THREADS = 4;

  private final RoutingSettings settings;
  private final EventLog log;
  private final EventLog.Consumer consumer;
  private final LogPartition partition;
  private final GroupRouting group;
  private final InstantSource clock;
  private final ObjectNamer namer;
  private final Uploader uploader;
  private final RoutingMetrics metrics;
  private final BlockGzip gzip;
  private final PartitionedWriter writer;

  /**
   * Held by the routing thread and the ticker while they change {@link #writer}, record cuts in
   * {@link #journal} and hand closed files to {@link #pending}, and by {@link #commit} while it
   * reads the lowest offset that either still holds. Invariants: (1) a closed file leaves the
   * writer and enters {@code pending} in one critical section, so the commit never passes a record
   * that is in neither; (2) nothing that can wait on the bucket runs under it (an upload slot is
   * awaited after the lock is released), so a stalled endpoint never blocks whoever needs it; (3)
   * readers of status and gauges never take it: they read {@link #published}, replaced at the end
   * of every critical section that changed the writer.
   */
  private final ReentrantLock writerLock = new ReentrantLock();

  private volatile WriterView published = WriterView.EMPTY;
  private final UploadQueue pending = new UploadQueue(MAX_UPLOADS_IN_FLIGHT);
  private final List<Consumer<UploadedFile>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService partUploads;
  private final ScheduledExecutorService ticker;
  private final AtomicLong recordsRead = new AtomicLong();
  private final AtomicLong recordsUploaded = new AtomicLong();
  private final AtomicLong filesUploaded = new AtomicLong();
  private final Object progress = new Object();
  private volatile DestinationStatus status;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile long drainTarget = -1;
  private volatile long committed;
  private CutJournal journal;
  private List<FileRange> journaledRanges = List.of();
  private long nextOffset;
  private Thread consumerThread;
  private volatile LogPrefetcher reading;

  public RoutingDestination(
      RoutingSettings settings,
      EventLog log,
      ObjectStore store,
      InstantSource clock,
      MeterRegistry registry,
      Sleeper sleeper) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.log = Objects.requireNonNull(log, "log is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    Objects.requireNonNull(store, "store is null");
    Objects.requireNonNull(registry, "registry is null");
    Objects.requireNonNull(sleeper, "sleeper is null");
    this.namer = settings.namer();
    this.metrics = new RoutingMetrics(registry, settings.name());
    this.gzip = new BlockGzip(settings.gzipLevel(), settings.gzipThreads(), settings.name());
    if (log.partitions().size() == 1) {
      this.partition = log.partitions().getFirst();
      this.group = null;
      this.consumer = log.consumer(settings.name(), EventLog.AssignmentListener.NONE);
    } else {
      this.partition = null;
      this.group = new GroupRouting(settings, log, gzip, clock, metrics, new GroupHost());
      this.consumer = log.consumer(settings.name(), group);
      group.consumer(consumer);
    }
    this.partUploads =
        Executors.newFixedThreadPool(
            PART_UPLOAD_THREADS,
            task -> Thread.ofPlatform().daemon().name("upload-part-", 0).unstarted(named(task)));
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("routing-ticker-" + settings.name()).factory());
    Retrier retrier =
        new Retrier(
            Backoff.defaults(),
            sleeper,
            RandomGenerator.getDefault(),
            closing::get,
            metrics.retries::increment);
    this.uploader =
        new Uploader(
            store,
            settings.location().bucket(),
            PutOptions.defaults()
                .withEncryption(settings.encryption())
                .withContentType("application/x-ndjson"),
            retrier,
            partUploads);
    this.writer =
        new PartitionedWriter(settings.stateDir().resolve("spill"), gzip, settings.rotation());
    this.status = new DestinationStatus(State.NEW, Optional.empty(), clock.instant());
    metrics.gauges(
        this, d -> d.openPartitions(), d -> d.log.sizeBytes(), d -> d.freshnessLag().toMillis());
  }

  /** Calls {@code listener} (on an upload thread) for every file that reaches the bucket. */
  public void onUpload(Consumer<UploadedFile> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener is null"));
  }

  /** Recovers what an earlier run left, then routes in the background until closed. */
  public synchronized void start() {
    if (status.state() != State.NEW) {
      throw new IllegalStateException("destination " + settings.name() + " was already started");
    }
    setStatus(State.RECOVERING, Optional.empty());
    consumerThread =
        Thread.ofPlatform().name("routing-" + settings.name()).start(named(this::recoverThenRoute));
    if (group == null) {
      // From several partitions the routing thread closes files by age itself: only it may
      // record cuts, since they are committed through the consumer.
      ticker.scheduleWithFixedDelay(
          named(this::tickQuietly), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      ticker.scheduleWithFixedDelay(
          named(this::abortStaleUploads), 0, STALE_UPLOAD_SWEEP.toMinutes(), TimeUnit.MINUTES);
    }
  }

  private void recoverThenRoute() {
    try {
      if (group != null) {
        // No orphaned multipart uploads are aborted here: with keys named after the worker that
        // cut them, another node may be re-creating this node's files at this very moment. The
        // ticker aborts those a day old instead (abortStaleUploads).
        group.clearSpillFiles();
        setStatus(State.RUNNING, Optional.empty());
        group.route(() -> !closing.get() && status.state() == State.RUNNING);
        return;
      }
      recover();
      setStatus(State.RUNNING, Optional.empty());
      route();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UploadStoppedException e) {
      stopWith(e.getMessage());
    } catch (CancellationException e) {
      LOG.debug("destination {} stopped while retrying", settings.name(), e);
    } catch (RuntimeException e) {
      stopWith("routing to " + settings.location() + " failed: " + e, e);
    }
  }

  private void recover() {
    Recovery recovery = new Recovery(settings, consumer, partition, clock);
    recovery.clearSpillFiles();
    uploadOrStop(() -> uploader.abortOrphans(namer));
    committed = consumer.committed(partition).offset();
    nextOffset = committed;
    journal = recovery.openJournal(committed);
    recovery.replayUnfinished(
        journal, gzip, closing::get, (file, key) -> upload(file, key, k -> {}));
    journaledRanges = new ArrayList<>(journal.ranges());
  }

  private void route() {
    try (LogPrefetcher prefetcher =
        new LogPrefetcher(
            consumer,
            partition,
            nextOffset,
            READ_BATCH,
            PREFETCH_DEPTH,
            READ_WAIT,
            "routing-read-" + settings.name())) {
      prefetcher.start();
      reading = prefetcher;
      while (!closing.get() && status.state() == State.RUNNING) {
        route(prefetcher.next(READ_WAIT));
        commit();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void route(List<LogRecord> batch) throws InterruptedException {
    Instant now = clock.instant();
    long routed = 0;
    long bytes = 0;
    List<NamedFile> uploads = new ArrayList<>(0);
    writerLock.lock();
    try {
      for (LogRecord record : batch) {
        nextOffset = record.offset() + 1;
        if (alreadyJournaled(record)) {
          continue;
        }
        routed++;
        bytes += record.payload().length;
        handOver(writer.write(record, now), uploads);
      }
      if (nextOffset >= log.endOffset(partition)) {
        handOver(writer.rollSnapshots(), uploads);
      }
      long target = drainTarget;
      if (target >= 0 && nextOffset >= target) {
        handOver(writer.rollAll(RollReason.SHUTDOWN), uploads);
        drainTarget = -1;
      }
      publish();
    } finally {
      writerLock.unlock();
    }
    recordsRead.addAndGet(routed);
    metrics.recordsIn.increment(routed);
    metrics.bytesIn.increment(bytes);
    startUploads(uploads, key -> {});
  }

  private boolean alreadyJournaled(LogRecord record) {
    if (journaledRanges.isEmpty()) {
      return false;
    }
    journaledRanges.removeIf(range -> range.lastOffset() < record.offset());
    PartitionKey partition = PartitionKey.of(record);
    return journaledRanges.stream().anyMatch(r -> r.contains(partition, record.offset()));
  }

  /** Closes the files that are due by age now; the ticker calls it, and tests may. */
  public void tick() {
    if (status.state() != State.RUNNING || group != null) {
      return;
    }
    List<NamedFile> uploads = new ArrayList<>(0);
    writerLock.lock();
    try {
      handOver(writer.rollDue(clock.instant()), uploads);
      publish();
    } finally {
      writerLock.unlock();
    }
    try {
      startUploads(uploads, key -> {});
    } catch (InterruptedException e) {
      // Closing: the files stay journaled and pending, and the next start uploads them.
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Aborts the multipart uploads under the destination's prefix older than any upload takes: what
   * nodes that died mid-upload left. A failure is logged and tried again at the next sweep; it
   * never stops routing.
   */
  private void abortStaleUploads() {
    try {
      uploader.abortStale(namer.prefix(), clock.instant().minus(STALE_UPLOAD));
    } catch (RuntimeException e) {
      if (closing.get()) {
        return;
      }
      LOG.warn(
          "{}: could not abort stale multipart uploads under {}: {}; trying again in {}",
          settings.name(),
          settings.location(),
          e.getMessage(),
          STALE_UPLOAD_SWEEP);
    }
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      stopWith("closing files of " + settings.location() + " failed: " + e, e);
    }
  }

  /**
   * Asks the destination to close every open file once it has read the log up to its current end,
   * so that {@link #awaitCommitted} can see everything appended so far uploaded.
   */
  public void drain() {
    if (group != null) {
      group.drain();
      return;
    }
    drainTarget = log.endOffset(partition);
  }

  /**
   * Waits until every record below {@code offset} is in the bucket and committed, the destination
   * stops, or {@code timeout} passes; returns whether the offset was reached.
   */
  public boolean awaitCommitted(long offset, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (committed < offset && status.state() != State.STOPPED) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
      return committed >= offset;
    }
  }

  /**
   * Closes every open file once the log is read up to its current end, and waits until everything
   * appended so far is in the bucket and committed; false when that did not happen within {@code
   * timeout} or the destination stopped.
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    if (group != null) {
      return awaitDrained(group.drain(), timeout);
    }
    long end = log.endOffset(partition);
    drain();
    return awaitCommitted(end, timeout);
  }

  /**
   * From a log of several partitions: waits until each of {@code targets} is committed or its
   * partition moved to another member, the destination stops, or {@code timeout} passes.
   */
  private boolean awaitDrained(Map<LogPartition, Long> targets, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (!group.reached(targets) && status.state() != State.STOPPED) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        // Commits move on the routing thread's rounds; look again at least every 100 ms.
        TimeUnit.NANOSECONDS.timedWait(
            progress, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      }
      return group.reached(targets);
    }
  }

  /** What the writer shows to readers that must not wait for {@link #writerLock}. */
  private record WriterView(int openPartitions, Optional<Instant> oldestOpenedAt) {
    static final WriterView EMPTY = new WriterView(0, Optional.empty());
  }

  /** Under {@link #writerLock}: journals the cuts and makes the files hold back the log. */
  private void handOver(List<ClosedFile> closed, List<NamedFile> uploads) {
    for (ClosedFile file : closed) {
      String key = namer.key(file.range(), file.firstRecordTime());
      journal.recordCut(new CutJournal.Cut(file.range(), file.records(), key));
      pending.add(key, file);
      uploads.add(new NamedFile(file, key));
    }
  }

  /** What the routing of several partitions hands back to this destination. */
  private final class GroupHost implements GroupRouting.Host {
    @Override
    public void upload(List<NamedFile> files, Consumer<String> uploaded)
        throws InterruptedException {
      files.forEach(f -> pending.add(f.key(), f.file()));
      startUploads(files, uploaded);
    }

    @Override
    public void read(long records, long bytes) {
      recordsRead.addAndGet(records);
      metrics.recordsIn.increment(records);
      metrics.bytesIn.increment(bytes);
    }

    @Override
    public void publish(int openPartitions, Optional<Instant> oldestOpenedAt) {
      published = new WriterView(openPartitions, oldestOpenedAt);
    }

    @Override
    public void progressed() {
      signalProgress();
    }
  }

  /** Under {@link #writerLock}, after the writer changed. */
  private void publish() {
    published = new WriterView(writer.openPartitions(), writer.oldestOpenedAt());
  }

  /**
   * Not under {@link #writerLock}: waits for an upload slot per file; {@code uploaded} hears of
   * each key once its file is in the bucket.
   */
  private void startUploads(List<NamedFile> uploads, Consumer<String> uploaded)
      throws InterruptedException {
    for (NamedFile upload : uploads) {
      String key = upload.key();
      pending.start(
          named(
              () -> {
                try {
                  upload(upload.file(), key, uploaded);
                } catch (UploadStoppedException e) {
                  stopWith(e.getMessage());
                } catch (CancellationException e) {
                  LOG.debug("upload of {} cancelled", key, e);
                } catch (RuntimeException e) {
                  stopWith("uploading " + key + " failed: " + e, e);
                } finally {
                  signalProgress();
                }
              }));
    }
  }

  /**
   * {@code task} with this destination's name as {@code destination} on the lines it logs: the
   * engine's threads serve one destination each, and a server runs many.
   */
  private Runnable named(Runnable task) {
    return () -> {
      MDC.put(LOG_FIELD, settings.name());
      try {
        task.run();
      } finally {
        MDC.remove(LOG_FIELD);
      }
    };
  }

  private void upload(ClosedFile file, String key, Consumer<String> whenUploaded) {
    long started = System.nanoTime();
    Uploader.Outcome outcome = uploadOrStop(() -> uploader.upload(file.spill(), key));
    metrics.uploadLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    if (journal != null) {
      journal.markDone(key);
    }
    try {
      Files.deleteIfExists(file.spill());
    } catch (IOException e) {
      LOG.warn("cannot delete uploaded spill file {}: {}", file.spill(), e.toString());
    }
    recordsUploaded.addAndGet(file.records());
    filesUploaded.incrementAndGet();
    metrics.filesWritten.increment();
    metrics.recordsWritten.increment(file.records());
    metrics.bytesWritten.increment(file.size().compressedBytes());
    UploadedFile uploaded =
        new UploadedFile(key, file.range(), file.records(), file.size().compressedBytes(), outcome);
    LOG.info(
        "{} {} ({} records)",
        outcome == Uploader.Outcome.UPLOADED ? "uploaded" : "already present",
        key,
        file.records());
    try {
      listeners.forEach(l -> l.accept(uploaded));
    } finally {
      // Only now may the log position pass this file: whoever waits for a commit has then also
      // heard of every file below it.
      pending.done(key);
      whenUploaded.accept(key);
      LogPrefetcher routingWaits = reading;
      if (routingWaits != null) {
        // Commit at once, not at the next record or read timeout.
        routingWaits.wake();
      }
    }
  }

  private <T> T uploadOrStop(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ObjectStoreException e) {
      throw UploadStoppedException.of(e, settings.location().bucket(), namer.prefix());
    }
  }

  /** Commits the log below the first record that is not yet in an uploaded file. */
  private void commit() {
    long position;
    writerLock.lock();
    try {
      position = nextOffset;
      position = Math.min(position, writer.lowestOpenOffset().orElse(position));
      position = Math.min(position, pending.lowestFirstOffset().orElse(position));
    } finally {
      writerLock.unlock();
    }
    if (position > committed && status.state() == State.RUNNING) {
      consumer.commit(partition, CommittedPosition.at(position));
      journal.compact(position);
      committed = position;
      signalProgress();
    }
  }

  private void signalProgress() {
    synchronized (progress) {
      progress.notifyAll();
    }
  }

  private void setStatus(State state, Optional<String> error) {
    status = new DestinationStatus(state, error, clock.instant());
  }

  private void stopWith(String message) {
    stopWith(message, null);
  }

  /** Stops routing with {@code message} as the status; the records stay in the log. */
  private void stopWith(String message, Throwable cause) {
    if (closing.get()) {
      return;
    }
    synchronized (this) {
      if (status.state() != State.STOPPED) {
        LOG.error("destination {} stopped: {}", settings.name(), message, cause);
        setStatus(State.STOPPED, Optional.of(message));
      }
    }
    signalProgress();
  }

  public DestinationStatus status() {
    return status;
  }

  public RoutingSettings settings() {
    return settings;
  }

  /**
   * Records read and uploaded, files uploaded, and the committed offset: from a log of several
   * partitions, the sum of the committed offsets of the partitions this member routes.
   */
  public RoutingProgress progress() {
    long offset =
        group == null
            ? committed
            : group.committedOffsets().values().stream().mapToLong(Long::longValue).sum();
    return new RoutingProgress(
        recordsRead.get(), recordsUploaded.get(), filesUploaded.get(), offset);
  }

  /**
   * The log partitions this destination routes on this node now, each with its committed offset:
   * the one partition of the local log, or those the consumer group assigned to this member.
   */
  public Map<LogPartition, Long> routedPartitions() {
    if (group != null) {
      return group.committedOffsets();
    }
    return Map.of(partition, committed);
  }

  /** Partition files open now; never waits, whatever the bucket does. */
  public int openPartitions() {
    return published.openPartitions();
  }

  /**
   * The age of the oldest record read but not yet in the bucket (zero when there is none); never
   * waits, whatever the bucket does.
   */
  public Duration freshnessLag() {
    Instant now = clock.instant();
    Instant oldest = published.oldestOpenedAt().filter(now::isAfter).orElse(now);
    // A file moves from the writer to pending before the published view drops it: never in neither.
    Optional<Instant> oldestPending = pending.oldestOpenedAt();
    if (oldestPending.isPresent() && oldestPending.get().isBefore(oldest)) {
      oldest = oldestPending.get();
    }
    Duration lag = Duration.between(oldest, now);
    return lag.isNegative() ? Duration.ZERO : lag;
  }

  /**
   * Stops routing without waiting for open files: their records stay in the log and are routed
   * again by the next start. Idempotent.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    metrics.removeGauges();
    ticker.shutdownNow();
    if (consumerThread != null) {
      consumerThread.interrupt();
      joinQuietly(consumerThread);
    }
    pending.close();
    partUploads.shutdownNow();
    awaitQuietly(partUploads);
    if (group != null) {
      // Leaving the group revokes the partitions, which commits past the cuts already uploaded;
      // what is open is dropped and read again by the partitions' next owners.
      consumer.close();
      group.close();
    }
    writerLock.lock();
    try {
      writer.close();
      publish();
    } finally {
      writerLock.unlock();
      gzip.close();
    }
    if (journal != null) {
      journal.close();
    }
    if (group == null) {
      consumer.close();
    }
    if (status.state() != State.STOPPED) {
      setStatus(State.STOPPED, Optional.empty());
    }
    signalProgress();
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(ExecutorService executor) {
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
