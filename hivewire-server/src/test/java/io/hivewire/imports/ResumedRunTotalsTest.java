package io.hivewire.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.importer.RunTotals;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumedRunTotalsTest {

  @Test
  void resumedRunCountsWhatItLoadedBeforeAndSinceAndOnlyTheFailuresOfTheLastAttempt() {
    RunTotals before = new RunTotals(6, 2, 0, 1, 1, 200, 20, 20, 0, List.of("f3 timed out"));
    RunTotals since = new RunTotals(4, 4, 1, 0, 0, 400, 40, 39, 1, List.of());

    RunTotals resumed = ImportExecution.resumed(before, since);

    assertThat(resumed).isEqualTo(new RunTotals(6, 6, 1, 1, 0, 600, 60, 59, 1, List.of()));
    assertThat(resumed.succeeded()).isTrue();
  }

  @Test
  void runThatWasNotResumedKeepsItsOwnTotals() {
    RunTotals since = new RunTotals(4, 4, 0, 0, 0, 400, 40, 40, 0, List.of());

    assertThat(ImportExecution.resumed(RunTotals.NONE, since)).isSameAs(since);
  }
}
