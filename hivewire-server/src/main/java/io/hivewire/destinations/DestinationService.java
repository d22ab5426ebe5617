package io.hivewire.destinations;

import io.hivewire.destination.DestinationSpec;
import io.hivewire.destination.DestinationTotals;
import io.hivewire.destination.PermissionProbe;
import io.hivewire.destination.ProbeResult;
import io.hivewire.destination.SetupStatus;
import io.hivewire.destination.StoredDestination;
import io.hivewire.errors.NotFoundException;
import io.hivewire.routing.DestinationStatus;
import io.hivewire.routing.RotationPolicy;
import io.hivewire.routing.RoutingDestination;
import io.hivewire.routing.RoutingHistory;
import io.hivewire.routing.RoutingSettings;
import io.hivewire.routing.Sleeper;
import io.hivewire.routing.WorkerId;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogUnavailableException;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3Location;
import io.hivewire.secrets.AccessKey;
import io.hivewire.secrets.AccessKeyIds;
import io.hivewire.secrets.CredentialVault;
import io.hivewire.secrets.MasterKeyMismatchException;
import io.hivewire.secrets.MasterKeySource;
import io.hivewire.secrets.SecretDecryptionException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Routing destinations: set-up with a permission probe, sealed credentials, and one routing engine
 * per ACTIVE destination, each with its own log consumer. The consumer is created with the
 * destination at the start of the retained log, so a new destination also receives what was
 * collected before it existed, and one that is fixed later catches up with nothing lost.
 */
public final class DestinationService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DestinationService.class);
  private static final Duration TOTALS_SAVE_INTERVAL = Duration.ofSeconds(1);

  /** What the service works with. */
  public record Parts(
      DestinationRepository repository,
      CredentialVault vault,
      EventLog log,
      Function<S3ClientSettings, ObjectStore> stores,
      MeterRegistry registry,
      Path stateDir,
      WorkerId worker,
      boolean routes) {
    /** Parts of a node that routes (the {@code route} role). */
    public Parts(
        DestinationRepository repository,
        CredentialVault vault,
        EventLog log,
        Function<S3ClientSettings, ObjectStore> stores,
        MeterRegistry registry,
        Path stateDir,
        WorkerId worker) {
      this(repository, vault, log, stores, registry, stateDir, worker, true);
    }

    public Parts {
      Objects.requireNonNull(repository, "repository is null");
      Objects.requireNonNull(vault, "vault is null");
      Objects.requireNonNull(log, "log is null");
      Objects.requireNonNull(stores, "stores is null");
      Objects.requireNonNull(registry, "registry is null");
      Objects.requireNonNull(stateDir, "stateDir is null");
      Objects.requireNonNull(worker, "worker is null");
    }
  }

  private final Parts parts;
  private final PermissionProbe probe;
  private final Executor probes;
  private final InstantSource clock;
  private final Map<UUID, RunningDestination> running = new ConcurrentHashMap<>();

  /** Why this node cannot decrypt a destination's credentials, and since when. */
  private record CannotDecrypt(String message, Instant since) {}

  /** Destinations whose credentials this node could not decrypt (at start, or when resumed). */
  private final Map<UUID, CannotDecrypt> cannotDecrypt = new ConcurrentHashMap<>();

  /** Each destination's last probe since this server started, for the permission it names. */
  private final Map<UUID, ProbeResult> probeResults = new ConcurrentHashMap<>();

  /** The last hour of each destination routed since this server started; one entry each. */
  private final Map<UUID, RoutingHistory> histories = new ConcurrentHashMap<>();

  /**
   * Saves each routing destination's totals once a second when they changed, off the upload
   * threads, so that a slow or unavailable database never holds back an upload; samples the
   * freshness lag into the history on the same beat.
   */
  private final ScheduledExecutorService totalsSaver =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("routing-totals").factory());

  /** {@code probes} runs permission probes (a bounded background executor in the server). */
  public DestinationService(Parts parts, Executor probes, InstantSource clock) {
    this.parts = Objects.requireNonNull(parts, "parts is null");
    this.probes = Objects.requireNonNull(probes, "probes is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.probe = new PermissionProbe(UUID::randomUUID);
    totalsSaver.scheduleWithFixedDelay(
        this::saveTotalsAndSampleLag,
        TOTALS_SAVE_INTERVAL.toMillis(),
        TOTALS_SAVE_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Stores a new destination as PROCESSING and probes its bucket in the background. */
  public StoredDestination create(DestinationRequest request) {
    UUID id = UUID.randomUUID();
    StoredDestination destination =
        new StoredDestination(
            id,
            request.spec(),
            AccessKeyIds.mask(request.key().accessKeyId()),
            SetupStatus.PROCESSING,
            Optional.empty(),
            clock.instant());
    parts.log().addGroup(consumerId(id));
    parts.repository().insert(destination, parts.vault().seal(id, request.key()), clock.instant());
    probes.execute(() -> activate(id));
    return get(id).destination();
  }

  /**
   * Starts routing to every ACTIVE destination (at server start). One whose credentials this node
   * cannot decrypt (stored by a node with another master key) is reported and left to the nodes
   * that can; the others start.
   */
  public void startActive() {
    parts.repository().list().stream()
        .filter(d -> d.status() == SetupStatus.ACTIVE)
        .forEach(
            d -> {
              try {
                start(d, key(d.id()));
              } catch (SecretDecryptionException e) {
                undecryptable(d, e);
              }
            });
  }

  /** Remembers, and logs, why this node cannot route {@code destination}. */
  private void undecryptable(StoredDestination destination, SecretDecryptionException e) {
    String name = destination.spec().name();
    UUID id = destination.id();
    String message =
        e instanceof MasterKeyMismatchException mismatch
            ? "destination "
                + name
                + " ("
                + id
                + ") was encrypted with master key "
                + mismatch.storedWith()
                + "; this node has "
                + mismatch.nodeHas()
                + ": "
                + MasterKeySource.SHARE_ONE_KEY
            : "destination " + name + " (" + id + ")'s credentials: " + e.getMessage();
    LOG.error("{}; this node does not route it", message);
    cannotDecrypt.put(id, new CannotDecrypt(message, clock.instant()));
  }

  public List<StoredDestination> list() {
    return parts.repository().list();
  }

  /** The destination with its routing figures. */
  public DestinationView get(UUID id) {
    StoredDestination found = parts.repository().find(id).orElseThrow(() -> notFound(id));
    Optional<RunningDestination> engine = Optional.ofNullable(running.get(id));
    Optional<DestinationStatus> status = engine.map(r -> r.engine().status());
    Optional<String> routingError = status.flatMap(DestinationStatus::error);
    Optional<CannotDecrypt> undecryptable = Optional.ofNullable(cannotDecrypt.get(id));
    // A routing engine that stopped on a permanent error, or credentials this node cannot decrypt,
    // outrank the stored set-up status.
    StoredDestination stored =
        routingError.isPresent()
            ? new StoredDestination(
                found.id(),
                found.spec(),
                found.maskedAccessKeyId(),
                SetupStatus.FAILED,
                routingError,
                status.get().since())
            : undecryptable
                .map(
                    c ->
                        new StoredDestination(
                            found.id(),
                            found.spec(),
                            found.maskedAccessKeyId(),
                            SetupStatus.FAILED,
                            Optional.of(c.message()),
                            c.since()))
                .orElse(found);
    Optional<String> lastError =
        stored.status() == SetupStatus.FAILED ? stored.statusMessage() : Optional.empty();
    DestinationTotals totals =
        engine.map(RunningDestination::totals).orElseGet(() -> parts.repository().totals(id));
    boolean routing = status.map(s -> s.state() == DestinationStatus.State.RUNNING).orElse(false);
    return new DestinationView(
        stored,
        routing ? engine.get().engine().freshnessLag() : waitingLag(id),
        totals.filesWritten(),
        totals.bytesWritten(),
        totals.lastKey(),
        totals.lastKeyAt(),
        lastError,
        lastError.map(e -> stored.statusChangedAt()));
  }

  /**
   * The age of the oldest record a destination that is not routing (paused, failed, set up or
   * recovering) has not delivered: the oldest of the records at its committed positions, aged by
   * its time.
   */
  private Duration waitingLag(UUID id) {
    EventLog log = parts.log();
    Duration lag = Duration.ZERO;
    try {
      for (LogPartition partition : log.partitions()) {
        long committed = log.committed(consumerId(id), partition).offset();
        if (committed >= log.endOffset(partition)) {
          continue; // nothing waits there: no record to look up
        }
        Duration age =
            log.recordAt(partition, committed)
                .map(record -> Duration.between(record.time(), clock.instant()))
                .orElse(Duration.ZERO);
        if (age.compareTo(lag) > 0) {
          lag = age;
        }
      }
    } catch (LogUnavailableException e) {
      // The status page stays readable while Kafka is unreachable; the lag is unknown meanwhile.
      LOG.debug("cannot read the waiting lag of destination {}: {}", id, e.toString());
    }
    return lag;
  }

  private void saveTotalsAndSampleLag() {
    running.forEach(this::saveTotals);
    running.forEach(
        (id, run) -> historyOf(id).sampled(run.engine().freshnessLag(), clock.instant()));
  }

  /**
   * The destination's last hour, minute by minute, as this server has seen it route (empty minutes
   * before it started or while the destination was not routing).
   */
  public RoutingHistory.Snapshot history(UUID id) {
    parts.repository().find(id).orElseThrow(() -> notFound(id));
    return historyOf(id).snapshot(clock.instant());
  }

  /**
   * The outcome of the destination's last permission probe run by this server (empty before one
   * ran): when it failed, the permission to grant.
   */
  public Optional<ProbeResult> lastProbe(UUID id) {
    return Optional.ofNullable(probeResults.get(id));
  }

  private RoutingHistory historyOf(UUID id) {
    return histories.computeIfAbsent(id, ignored -> new RoutingHistory(clock.instant()));
  }

  private void saveTotals(UUID id, RunningDestination destination) {
    try {
      destination.saveIfChanged(totals -> parts.repository().saveTotals(id, totals));
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot save the files and bytes written by routing destination {} to the database"
              + " ({}); while it routes, hivewire tries again every {}",
          id,
          e.toString(),
          TOTALS_SAVE_INTERVAL);
    }
  }

  /** Replaces the credentials and probes again; routing resumes where it stopped. */
  public DestinationView rotate(UUID id, AccessKey key) {
    parts.repository().find(id).orElseThrow(() -> notFound(id));
    stop(id);
    cannotDecrypt.remove(id);
    parts.repository().replaceCredentials(id, parts.vault().seal(id, key));
    parts.repository().updateStatus(id, SetupStatus.PROCESSING, Optional.empty(), clock.instant());
    probes.execute(() -> activate(id));
    return get(id);
  }

  /** Pauses (data waits in the log) or resumes (probes again) a destination. */
  public DestinationView setPaused(UUID id, boolean paused) {
    parts.repository().find(id).orElseThrow(() -> notFound(id));
    if (paused) {
      stop(id);
      parts.repository().updateStatus(id, SetupStatus.PAUSED, Optional.empty(), clock.instant());
    } else {
      parts
          .repository()
          .updateStatus(id, SetupStatus.PROCESSING, Optional.empty(), clock.instant());
      probes.execute(() -> activate(id));
    }
    return get(id);
  }

  /**
   * Closes the destination's open files now and waits until everything appended so far is in its
   * bucket; false when that did not happen within {@code timeout} or the destination is not
   * routing.
   */
  public boolean flush(UUID id, Duration timeout) throws InterruptedException {
    RunningDestination engine = running.get(id);
    if (engine == null) {
      return false;
    }
    return engine.engine().flush(timeout);
  }

  /** Uploads what the destination holds, then forgets it and its log position. */
  public void delete(UUID id, Duration flushTimeout) throws InterruptedException {
    parts.repository().find(id).orElseThrow(() -> notFound(id));
    RunningDestination engine = running.remove(id);
    if (engine != null) {
      engine.engine().flush(flushTimeout);
      engine.close();
    }
    parts.log().removeGroup(consumerId(id));
    parts.repository().delete(id);
    histories.remove(id);
    probeResults.remove(id);
    cannotDecrypt.remove(id);
  }

  /** Probes a new or resumed destination, then starts it; on a probe thread. */
  private void activate(UUID id) {
    // The name the engine's own threads log under, so one search finds the probe and the routing.
    MDC.put(RoutingDestination.LOG_FIELD, consumerId(id));
    try {
      probeThenStart(id);
    } catch (SecretDecryptionException e) {
      parts.repository().find(id).ifPresent(d -> undecryptable(d, e));
    } finally {
      MDC.remove(RoutingDestination.LOG_FIELD);
    }
  }

  private void probeThenStart(UUID id) {
    Optional<StoredDestination> found = parts.repository().find(id);
    if (found.isEmpty() || found.get().status() != SetupStatus.PROCESSING) {
      return;
    }
    StoredDestination destination = found.get();
    AccessKey key = key(id);
    ProbeResult result;
    try (ObjectStore store = parts.stores().apply(clientSettings(destination.spec(), key))) {
      result =
          probe.probe(
              store,
              destination.spec().bucket().value(),
              destination.spec().prefix(),
              destination.spec().encryption());
    }
    probeResults.put(id, result);
    switch (result) {
      case ProbeResult.Passed passed -> {
        parts.repository().updateStatus(id, SetupStatus.ACTIVE, Optional.empty(), clock.instant());
        start(destination, key);
      }
      case ProbeResult.Failed failed ->
          parts
              .repository()
              .updateStatus(id, SetupStatus.FAILED, Optional.of(failed.message()), clock.instant());
    }
  }

  private void start(StoredDestination destination, AccessKey key) {
    if (!parts.routes()) {
      return; // a node without the route role leaves routing to the nodes that have it
    }
    DestinationSpec spec = destination.spec();
    RoutingSettings settings =
        RoutingSettings.of(
                consumerId(destination.id()),
                new S3Location(spec.bucket().value(), spec.prefix().value()),
                parts.worker(),
                parts.stateDir().resolve(destination.id().toString()))
            .withRotation(RotationPolicy.defaults().withFlushInterval(spec.flushInterval()))
            .withEncryption(spec.encryption());
    DestinationTotals saved = parts.repository().totals(destination.id());
    ObjectStore store = parts.stores().apply(clientSettings(spec, key));
    RoutingDestination engine =
        new RoutingDestination(
            settings, parts.log(), store, clock, parts.registry(), Sleeper.system());
    RunningDestination run = new RunningDestination(engine, store, clock, saved);
    RoutingHistory history = historyOf(destination.id());
    engine.onUpload(file -> history.uploaded(file, clock.instant()));
    running.put(destination.id(), run);
    engine.start();
  }

  /** Stops the engine and saves its totals before it leaves {@link #running}, so none is lost. */
  private void stop(UUID id) {
    RunningDestination engine = running.get(id);
    if (engine != null) {
      engine.close();
      saveTotals(id, engine);
      running.remove(id, engine);
    }
  }

  private AccessKey key(UUID id) {
    return parts
        .vault()
        .open(id, parts.repository().credentials(id).orElseThrow(() -> notFound(id)));
  }

  private static S3ClientSettings clientSettings(DestinationSpec spec, AccessKey key) {
    S3ClientSettings.Credentials.Static credentials =
        new S3ClientSettings.Credentials.Static(key.accessKeyId(), key.secretAccessKey());
    return spec.endpoint()
        .map(
            endpoint ->
                S3ClientSettings.endpoint(
                    endpoint, spec.region().code(), key.accessKeyId(), key.secretAccessKey()))
        .orElseGet(() -> S3ClientSettings.aws(spec.region().code()).withCredentials(credentials));
  }

  /**
   * The log partitions each destination routes on this node (by destination id): the local log's
   * one partition, or those its consumer group assigned to this node.
   */
  public Map<String, List<String>> routedPartitions() {
    Map<String, List<String>> routed = new TreeMap<>();
    running.forEach(
        (id, run) ->
            routed.put(
                id.toString(),
                run.engine().routedPartitions().keySet().stream()
                    .map(LogPartition::toString)
                    .toList()));
    return routed;
  }

  /** The log consumer (and metrics tag) of a destination. */
  static String consumerId(UUID id) {
    return "dest-" + id;
  }

  private static NotFoundException notFound(UUID id) {
    return new NotFoundException(
        "no routing destination with id " + id + ": GET /api/v1/routing lists them");
  }

  @Override
  public void close() {
    totalsSaver.shutdownNow();
    List.copyOf(running.keySet()).forEach(this::stop);
  }
}
