package io.hivewire.cluster;

import io.hivewire.cluster.node.NodeId;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases this node holds: claims them, renews them every third of their time to live (the
 * heartbeat) and gives them up when the work is done or the node stops. A lease the heartbeat could
 * not renew in time counts as lost at once on this node, before another node may take it.
 */
public final class LeaseKeeper implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  /** Expired leases are deleted after this long; until then they show who held the work last. */
  private static final Duration PURGE_AFTER = Duration.ofHours(1);

  private final LeaseRepository leases;
  private final NodeId node;
  private final Duration ttl;
  private final ScheduledExecutorService heartbeat;

  /** Each held lease's name and the nanoTime by which this node must have renewed it. */
  private final Map<String, Long> held = new ConcurrentHashMap<>();

  private final Map<String, HeldLease> expiry = new ConcurrentHashMap<>();
  private final FailureStreak renewals = new FailureStreak(log, "renewing this node's leases");
  private boolean closed;

  /**
   * @param ttl how long a lease lasts without a heartbeat: how long the work of a node that died
   *     waits before another node takes it
   */
  public LeaseKeeper(LeaseRepository leases, NodeId node, Duration ttl) {
    this.leases = Objects.requireNonNull(leases, "leases is null");
    this.node = Objects.requireNonNull(node, "node is null");
    this.ttl = Objects.requireNonNull(ttl, "ttl is null");
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the lease time to live must be at least 1s, got " + ttl);
    }
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hivewire-lease-heartbeat").daemon().factory());
    long every = heartbeatInterval().toMillis();
    heartbeat.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  public NodeId node() {
    return node;
  }

  public Duration ttl() {
    return ttl;
  }

  /** How often held leases are renewed: a third of their time to live. */
  public Duration heartbeatInterval() {
    return ttl.dividedBy(3);
  }

  /**
   * Claims up to {@code limit} of {@code candidates} that no live node holds.
   *
   * @return the names claimed, which this node now holds
   */
  public List<String> claim(List<String> candidates, int limit) {
    long start = System.nanoTime();
    List<HeldLease> taken = leases.claim(candidates, limit, node.value(), ttl);
    for (HeldLease lease : taken) {
      hold(lease, start);
    }
    return taken.stream().map(HeldLease::name).toList();
  }

  /** Whether this node holds {@code name} now, claiming it when no live node does. */
  public boolean acquire(String name) {
    return holds(name) || !claim(List.of(name), 1).isEmpty();
  }

  /** Whether this node holds {@code name} and renewed it in time. */
  public boolean holds(String name) {
    Long deadline = held.get(name);
    if (deadline == null) {
      return false;
    }
    if (System.nanoTime() - deadline > 0) {
      lost(name);
      return false;
    }
    return true;
  }

  /** Gives {@code name} up: the work is done, or another node may go on with it now. */
  public void release(String name) {
    if (held.remove(name) == null) {
      return;
    }
    expiry.remove(name);
    try {
      leases.release(name, node.value());
    } catch (RuntimeException e) {
      log.warn("cannot give up lease {}; it expires in {} by itself", name, ttl, e);
    }
  }

  /** The leases this node holds, by name. */
  public List<HeldLease> held() {
    return expiry.values().stream()
        .filter(lease -> holds(lease.name()))
        .sorted(Comparator.comparing(HeldLease::name))
        .toList();
  }

  /** How many leases this node holds. */
  public int heldCount() {
    return held.size();
  }

  /** Renews every held lease once; what the heartbeat does. */
  void renew() {
    List<String> names = List.copyOf(held.keySet());
    if (names.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    List<HeldLease> kept = leases.renew(names, node.value(), ttl);
    for (HeldLease lease : kept) {
      if (held.containsKey(lease.name())) {
        hold(lease, start);
      }
    }
    List<String> keptNames = kept.stream().map(HeldLease::name).toList();
    for (String name : names) {
      if (!keptNames.contains(name) && held.containsKey(name)) {
        lost(name);
      }
    }
    leases.purgeExpired(PURGE_AFTER);
  }

  private void renewQuietly() {
    // Leases not renewed in time count as lost on this node (holds) before anyone may take them.
    renewals.run(this::renew);
  }

  /** Holds {@code lease} until its time to live, counted from before the database was asked. */
  private void hold(HeldLease lease, long askedAtNanos) {
    held.put(lease.name(), askedAtNanos + ttl.toNanos());
    expiry.put(lease.name(), lease);
  }

  private void lost(String name) {
    if (held.remove(name) != null) {
      expiry.remove(name);
      log.warn(
          "node {} lost lease {} (not renewed within {}): another node may go on with that work",
          node,
          name,
          ttl);
    }
  }

  /** Stops the heartbeat and gives up every lease still held, so other nodes take the work now. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    heartbeat.shutdownNow();
    try {
      heartbeat.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (String name : List.copyOf(held.keySet())) {
      release(name);
    }
  }
}
