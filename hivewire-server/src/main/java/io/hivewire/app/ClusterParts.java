package io.hivewire.app;

import io.hivewire.cluster.FailureStreak;
import io.hivewire.cluster.LeaseKeeper;
import io.hivewire.cluster.LeaseRepository;
import io.hivewire.cluster.NodeStatus;
import io.hivewire.cluster.node.NodeId;
import io.hivewire.cluster.node.NodeRole;
import io.hivewire.cluster.node.NodeRoles;
import io.hivewire.config.HivewireConfig;
import io.hivewire.store.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node among several on one database: its id and roles, the leases it holds, and the poll
 * through which a node that works claims waiting work. Started right after the database and closed
 * right before it, so every lease still held is given up last.
 */
final class ClusterParts implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterParts.class);

  /** The most a node waits before it looks for waiting work again. */
  private static final Duration MAX_POLL = Duration.ofSeconds(1);

  /** The lease of the node that routes the segment list again when it is due. */
  static final String SNAPSHOT_LEASE = "segment-snapshots";

  private final NodeId id;
  private final NodeRoles roles;
  private final LeaseKeeper leases;
  private final ScheduledExecutorService poll;
  private boolean closed;

  private ClusterParts(NodeId id, NodeRoles roles, LeaseKeeper leases) {
    this.id = id;
    this.roles = roles;
    this.leases = leases;
    this.poll =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("hivewire-work-poll").factory());
  }

  static ClusterParts start(HivewireConfig config, Database database, MeterRegistry registry) {
    NodeId id =
        config
            .cluster()
            .nodeId()
            .orElseGet(() -> NodeId.forDataDir(hostName(), config.dataDir(), new SecureRandom()));
    LeaseKeeper leases =
        new LeaseKeeper(new LeaseRepository(database), id, config.cluster().leaseTtl());
    Gauge.builder("hivewire.cluster.leases.held", leases, LeaseKeeper::heldCount)
        .description(
            "leases this node holds: import runs, connection checks, resyncs and schedules it runs")
        .register(registry);
    LOG.info(
        "node {} with roles {}; leases last {} without a heartbeat",
        id,
        config.cluster().roles(),
        config.cluster().leaseTtl());
    return new ClusterParts(id, config.cluster().roles(), leases);
  }

  NodeId id() {
    return id;
  }

  LeaseKeeper leases() {
    return leases;
  }

  NodeRoles roles() {
    return roles;
  }

  boolean has(NodeRole role) {
    return roles.has(role);
  }

  /** What {@code /health} shows of this node. */
  NodeStatus status() {
    return new NodeStatus(id, roles, leases.held());
  }

  /** Whether this node routes the segment list again now: it holds the schedule's lease. */
  boolean snapshotTurn() {
    return leases.acquire(SNAPSHOT_LEASE);
  }

  /**
   * Runs {@code task} every poll (a third of the lease time, at most a second), logging failures.
   */
  void everyPoll(String what, Runnable task) {
    Duration third = leases.heartbeatInterval();
    long every = (third.compareTo(MAX_POLL) < 0 ? third : MAX_POLL).toMillis();
    FailureStreak streak = new FailureStreak(LOG, what);
    poll.scheduleWithFixedDelay(() -> streak.run(task), every, every, TimeUnit.MILLISECONDS);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "node";
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    poll.shutdownNow();
    try {
      poll.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    leases.close();
  }
}
