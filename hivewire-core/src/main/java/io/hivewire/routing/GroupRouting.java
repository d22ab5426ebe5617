package io.hivewire.routing;

import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.LogUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the partitions a consumer group assigns to this member of it (a log of several partitions,
 * Kafka): one {@link PartitionRoute} per assigned partition, created when it is assigned and
 * dropped when it is revoked. Every call on the consumer happens on the routing thread, which reads
 * the partitions in turn, cuts their files, records the cuts in the commit metadata, starts the
 * uploads and commits behind them.
 */
final class GroupRouting implements EventLog.AssignmentListener {

  private static final Logger LOG = LoggerFactory.getLogger(GroupRouting.class);
  private static final int READ_BATCH = 8192;
  private static final Duration ROUND_WAIT = Duration.ofMillis(100);
  private static final Duration MIN_READ_WAIT = Duration.ofMillis(10);
  private static final Duration END_OFFSET_INTERVAL = Duration.ofSeconds(1);

  /** What the destination around it does with files, counts and views. */
  interface Host {
    /**
     * Uploads {@code files} in the background (waiting for upload slots), calling {@code uploaded}
     * with each key once that file is in the bucket.
     */
    void upload(List<NamedFile> files, Consumer<String> uploaded) throws InterruptedException;

    /** {@code records} records of {@code bytes} JSON bytes were read. */
    void read(long records, long bytes);

    /** Open files and the oldest of them changed; called at the end of each round. */
    void publish(int openPartitions, Optional<Instant> oldestOpenedAt);

    /** A commit moved: whoever waits for one may look again. */
    void progressed();
  }

  private final RoutingSettings settings;
  private final EventLog log;
  private final BlockGzip gzip;
  private final InstantSource clock;
  private final RoutingMetrics metrics;
  private final Host host;
  private final Path spillRoot;
  private final Map<LogPartition, PartitionRoute> routes = new LinkedHashMap<>();
  private final Map<LogPartition, Long> drainTargets = new ConcurrentHashMap<>();
  private volatile Map<LogPartition, PartitionRoute> owned = Map.of();
  private EventLog.Consumer consumer;
  private long spillEpoch;
  private long endOffsetsCheckedAt = Long.MIN_VALUE;

  GroupRouting(
      RoutingSettings settings,
      EventLog log,
      BlockGzip gzip,
      InstantSource clock,
      RoutingMetrics metrics,
      Host host) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.log = Objects.requireNonNull(log, "log is null");
    this.gzip = Objects.requireNonNull(gzip, "gzip is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.metrics = Objects.requireNonNull(metrics, "metrics is null");
    this.host = Objects.requireNonNull(host, "host is null");
    this.spillRoot = settings.stateDir().resolve("spill-partitions");
  }

  /** The member this routing reads through; it calls this routing back on assignment changes. */
  void consumer(EventLog.Consumer member) {
    this.consumer = Objects.requireNonNull(member, "member is null");
  }

  /** Deletes the spill files an earlier run left: their records are read again from the log. */
  void clearSpillFiles() {
    if (!Files.exists(spillRoot)) {
      return;
    }
    try (Stream<Path> files = Files.walk(spillRoot)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear spill directory " + spillRoot + ": " + e, e);
    }
  }

  /** Routes until {@code running} turns false; the caller's thread becomes the routing thread. */
  void route(BooleanSupplier running) throws InterruptedException {
    while (running.getAsBoolean()) {
      if (routes.isEmpty()) {
        consumer.assignment(ROUND_WAIT);
        continue;
      }
      Duration wait = ROUND_WAIT.dividedBy(routes.size());
      if (wait.compareTo(MIN_READ_WAIT) < 0) {
        wait = MIN_READ_WAIT;
      }
      for (PartitionRoute route : List.copyOf(routes.values())) {
        if (!running.getAsBoolean() || routes.get(route.partition()) != route) {
          continue;
        }
        step(route, wait);
      }
      refreshEndOffsets();
      publish();
    }
  }

  private void step(PartitionRoute route, Duration wait) throws InterruptedException {
    LogPartition partition = route.partition();
    if (route.needsResume()) {
      try {
        route.resume(consumer.committed(partition));
      } catch (LogUnavailableException e) {
        LOG.warn("{}: {}; trying again", partition, e.getMessage());
        return;
      }
    }
    Long drain = drainTargets.get(partition);
    if (drain != null) {
      route.drainTo(drain);
    }
    if (!route.holdsBack(clock.instant())) {
      List<LogRecord> batch = consumer.read(partition, route.nextOffset(), READ_BATCH, wait);
      if (routes.get(partition) != route) {
        return; // revoked during the read
      }
      List<NamedFile> recreated = route.write(batch, clock.instant(), consumer.position(partition));
      long bytes = 0;
      for (LogRecord record : batch) {
        bytes += record.payload().length;
      }
      host.read(batch.size(), bytes);
      host.upload(recreated, route::uploaded);
    }
    Optional<RollReason> due = route.dueCut(clock.instant());
    if (due.isPresent() && route.canCut()) {
      PartitionRoute.PreparedCut cut = route.prepareCut(due.get());
      if (!commit(route, new CommittedPosition(route.committed(), cut.metadata()))) {
        PartitionRoute.abandon(cut);
        return;
      }
      route.recorded(cut);
      LOG.info(
          "{}: cut {} files at offset {} ({})",
          partition,
          cut.files().size(),
          cut.cut().offset(),
          due.get());
      host.upload(cut.files(), route::uploaded);
    }
    commitUploaded(route);
    if (drain != null && route.committed() >= drain) {
      drainTargets.remove(partition, drain);
    }
  }

  /** Commits past the cuts whose files are all in the bucket. */
  private void commitUploaded(PartitionRoute route) {
    Optional<CommittedPosition> position = route.committable();
    if (position.isPresent() && commit(route, position.get())) {
      route.committedAt(position.get().offset());
      host.progressed();
    }
  }

  /**
   * Commits {@code position} for the route's partition; false when the group refused it (the
   * partition moved, or Kafka failed): the route then starts again from what the group holds, which
   * is safe because every file is fixed by what was committed before.
   */
  private boolean commit(PartitionRoute route, CommittedPosition position) {
    try {
      consumer.commit(route.partition(), position);
      return true;
    } catch (LogUnavailableException | IllegalStateException e) {
      LOG.warn(
          "{}: commit of offset {} refused ({}); resuming from the group's position",
          route.partition(),
          position.offset(),
          e.toString());
      restart(route);
      return false;
    }
  }

  private void restart(PartitionRoute route) {
    LogPartition partition = route.partition();
    route.close();
    if (routes.get(partition) == route) {
      PartitionRoute fresh = newRoute(partition);
      routes.put(partition, fresh);
      owned = Map.copyOf(routes);
    }
  }

  private PartitionRoute newRoute(LogPartition partition) {
    Path spill = spillRoot.resolve(partition + "-" + spillEpoch++);
    return new PartitionRoute(partition, spill, gzip, settings.rotation(), settings.namer());
  }

  private void refreshEndOffsets() {
    long now = System.nanoTime();
    if (now - endOffsetsCheckedAt < END_OFFSET_INTERVAL.toNanos()) {
      return;
    }
    endOffsetsCheckedAt = now;
    for (PartitionRoute route : routes.values()) {
      try {
        route.endOffset(log.endOffset(route.partition()));
      } catch (LogUnavailableException e) {
        LOG.debug("cannot read the end of {}: {}", route.partition(), e.toString());
      }
    }
  }

  private void publish() {
    int open = 0;
    Optional<Instant> oldest = Optional.empty();
    for (PartitionRoute route : routes.values()) {
      open += route.openPartitions();
      Optional<Instant> o = route.oldestOpenedAt();
      if (o.isPresent() && (oldest.isEmpty() || o.get().isBefore(oldest.get()))) {
        oldest = o;
      }
    }
    host.publish(open, oldest);
  }

  @Override
  public void assigned(Collection<LogPartition> partitions) {
    for (LogPartition partition : partitions) {
      if (!routes.containsKey(partition)) {
        PartitionRoute route = newRoute(partition);
        routes.put(partition, route);
        metrics.consumerLag(partition, () -> lagOf(partition));
      }
    }
    owned = Map.copyOf(routes);
    LOG.info("routing {} (assigned {})", routes.keySet(), partitions);
  }

  @Override
  public void revoked(Collection<LogPartition> partitions) {
    for (LogPartition partition : partitions) {
      PartitionRoute route = routes.remove(partition);
      if (route == null) {
        continue;
      }
      if (!route.needsResume()) {
        commitUploaded(route); // what the next owner need not redo
      }
      route.close();
      metrics.removeConsumerLag(partition);
    }
    owned = Map.copyOf(routes);
    LOG.info("routing {} (revoked {})", routes.keySet(), partitions);
    host.progressed();
  }

  private long lagOf(LogPartition partition) {
    PartitionRoute route = owned.get(partition);
    return route == null ? 0 : route.lag();
  }

  /** The partitions this member routes now, in log order; any thread. */
  List<LogPartition> partitions() {
    List<LogPartition> list = new ArrayList<>(owned.keySet());
    list.sort(Comparator.comparing(LogPartition::topic).thenComparing(LogPartition::number));
    return list;
  }

  /** Each routed partition's committed offset; any thread. */
  Map<LogPartition, Long> committedOffsets() {
    Map<LogPartition, Long> offsets = new LinkedHashMap<>();
    for (LogPartition partition : partitions()) {
      PartitionRoute route = owned.get(partition);
      if (route != null) {
        offsets.put(partition, route.committed());
      }
    }
    return offsets;
  }

  /**
   * Asks every partition routed now to close its open files once read up to the log's current end;
   * returns those ends.
   */
  Map<LogPartition, Long> drain() {
    Map<LogPartition, Long> targets = new LinkedHashMap<>();
    for (LogPartition partition : partitions()) {
      long end = log.endOffset(partition);
      targets.put(partition, end);
      drainTargets.merge(partition, end, Math::max);
    }
    return targets;
  }

  /** Whether each of {@code targets} is committed, or its partition is no longer routed here. */
  boolean reached(Map<LogPartition, Long> targets) {
    Map<LogPartition, PartitionRoute> now = owned;
    return targets.entrySet().stream()
        .allMatch(
            t -> {
              PartitionRoute route = now.get(t.getKey());
              return route == null || route.committed() >= t.getValue();
            });
  }

  /** Discards what every route holds open; the consumer's close revokes the rest. */
  void close() {
    for (PartitionRoute route : routes.values()) {
      route.close();
      metrics.removeConsumerLag(route.partition());
    }
    routes.clear();
    owned = Map.of();
  }
}
