package io.hivewire.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.cluster.node.NodeId;
import io.hivewire.config.DatabaseConfig;
import io.hivewire.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases in the embedded PostgreSQL, claimed by several keepers as several nodes would. */
class LeasesIT {

  @TempDir static Path dataDir;

  static Database database;
  static LeaseRepository leases;

  @BeforeAll
  static void start() {
    database = Database.open(new DatabaseConfig.Embedded(0, 8), dataDir);
    leases = new LeaseRepository(database);
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void twoClaimersRacingForTheSameWorkNeverHoldTheSameLease() throws Exception {
    List<String> work = IntStream.range(0, 200).mapToObj(i -> "race/" + i).toList();
    Set<String> byA = ConcurrentHashMap.newKeySet();
    Set<String> byB = ConcurrentHashMap.newKeySet();
    try (LeaseKeeper a = keeper("node-a", Duration.ofSeconds(30));
        LeaseKeeper b = keeper("node-b", Duration.ofSeconds(30));
        ExecutorService threads = Executors.newFixedThreadPool(6)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> claimers = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        LeaseKeeper keeper = t % 2 == 0 ? a : b;
        Set<String> mine = t % 2 == 0 ? byA : byB;
        claimers.add(
            threads.submit(
                () -> {
                  go.await();
                  while (byA.size() + byB.size() < work.size()) {
                    mine.addAll(keeper.claim(work, 3));
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> claimer : claimers) {
        claimer.get();
      }

      assertThat(intersection(byA, byB)).as("claimed by both").isEmpty();
      assertThat(byA.size() + byB.size()).isEqualTo(work.size());
      assertThat(byA).as("node-a took part").isNotEmpty();
      assertThat(byB).as("node-b took part").isNotEmpty();
      assertThat(raced(leases.heldBy("node-a"))).isEqualTo(byA);
      assertThat(raced(leases.heldBy("node-b"))).isEqualTo(byB);
      assertThat(b.claim(work, 10)).as("nothing left to claim").isEmpty();
    }
  }

  @Test
  void leaseOfANodeThatStoppedRenewingIsTakenOverOnceItExpired() throws Exception {
    // node-a claims and then goes silent, as a killed node does: no heartbeat.
    List<HeldLease> claimed =
        leases.claim(List.of("run/expiring"), 1, "node-a", Duration.ofSeconds(1));
    assertThat(claimed).hasSize(1);
    try (LeaseKeeper b = keeper("node-b", Duration.ofSeconds(30))) {
      assertThat(b.claim(List.of("run/expiring"), 1)).as("while node-a's lease lasts").isEmpty();
      assertThat(b.acquire("run/expiring")).isFalse();

      Thread.sleep(1_300);

      assertThat(b.claim(List.of("run/expiring"), 1)).containsExactly("run/expiring");
      assertThat(leases.holder("run/expiring")).contains("node-b");
      assertThat(leases.renew(List.of("run/expiring"), "node-a", Duration.ofSeconds(1)))
          .as("node-a, waking up, finds its lease gone")
          .isEmpty();
      assertThat(b.holds("run/expiring")).isTrue();
    }
  }

  @Test
  void heartbeatKeepsALeaseWellPastItsTimeToLiveAndClosingGivesItUp() throws Exception {
    try (LeaseKeeper b = keeper("node-b", Duration.ofSeconds(30))) {
      try (LeaseKeeper a = keeper("node-a", Duration.ofSeconds(1))) {
        assertThat(a.acquire("schedule/kept")).isTrue();

        Thread.sleep(3_500);

        assertThat(a.holds("schedule/kept")).isTrue();
        assertThat(names(a.held())).containsExactly("schedule/kept");
        assertThat(a.heldCount()).isEqualTo(1);
        assertThat(b.acquire("schedule/kept")).as("while node-a renews it").isFalse();
        assertThat(leases.holder("schedule/kept")).contains("node-a");
      }

      assertThat(b.acquire("schedule/kept")).as("as soon as node-a stopped").isTrue();
    }
  }

  @Test
  void releasedLeaseIsFreeAtOnceAndAReleaseByAnotherHolderChangesNothing() {
    try (LeaseKeeper a = keeper("node-a", Duration.ofSeconds(30));
        LeaseKeeper b = keeper("node-b", Duration.ofSeconds(30))) {
      assertThat(a.acquire("check/1")).isTrue();
      leases.release("check/1", "node-b");
      assertThat(leases.holder("check/1")).contains("node-a");

      a.release("check/1");

      assertThat(a.holds("check/1")).isFalse();
      assertThat(b.acquire("check/1")).isTrue();
    }
  }

  private static LeaseKeeper keeper(String node, Duration ttl) {
    return new LeaseKeeper(leases, new NodeId(node), ttl);
  }

  private static Set<String> names(List<HeldLease> held) {
    Set<String> names = new HashSet<>();
    held.forEach(lease -> names.add(lease.name()));
    return names;
  }

  private static Set<String> raced(List<HeldLease> held) {
    Set<String> names = names(held);
    names.removeIf(name -> !name.startsWith("race/"));
    return names;
  }

  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both;
  }
}
