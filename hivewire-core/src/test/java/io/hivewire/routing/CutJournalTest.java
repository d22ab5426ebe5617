package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.routing.log.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutJournalTest {

  private static final PartitionKey HOUR_14 =
      new PartitionKey(RecordType.EVENTS, Optional.of(new HourBucket(2026, 1, 15, 14)));
  private static final PartitionKey SEGMENT =
      new PartitionKey(RecordType.SEGMENT, Optional.empty());

  @TempDir Path dir;

  private static CutJournal.Cut cut(PartitionKey partition, long first, long last, String key) {
    return new CutJournal.Cut(new FileRange(partition, first, last), last - first + 1, key);
  }

  @Test
  void unfinishedCutsSurviveAReopenAndFinishedOnesAreKeptAsRangesUntilCommitted() {
    Path file = dir.resolve("cuts.journal");
    try (CutJournal journal = CutJournal.open(file, 0)) {
      journal.recordCut(cut(HOUR_14, 0, 9, "a"));
      journal.recordCut(cut(SEGMENT, 5, 20, "b"));
      journal.recordCut(cut(HOUR_14, 10, 30, "c"));
      journal.markDone("a");
      journal.markDone("c");
    }
    try (CutJournal journal = CutJournal.open(file, 0)) {
      assertThat(journal.unfinished()).extracting(CutJournal.Cut::key).containsExactly("b");
      assertThat(journal.ranges()).hasSize(3);
    }
    try (CutJournal journal = CutJournal.open(file, 10)) {
      assertThat(journal.ranges())
          .containsExactly(new FileRange(SEGMENT, 5, 20), new FileRange(HOUR_14, 10, 30));
    }
  }

  @Test
  void aTornLastLineFromACrashIsDropped() throws IOException {
    Path file = dir.resolve("cuts.journal");
    try (CutJournal journal = CutJournal.open(file, 0)) {
      journal.recordCut(cut(HOUR_14, 0, 9, "a"));
    }
    Files.writeString(
        file,
        "cut\ttype=events/year=2026/month=01/day=15/hour=14\t10\t1",
        StandardOpenOption.APPEND);

    try (CutJournal journal = CutJournal.open(file, 0)) {
      assertThat(journal.unfinished()).extracting(CutJournal.Cut::key).containsExactly("a");
      journal.recordCut(cut(HOUR_14, 10, 12, "d"));
    }
    try (CutJournal journal = CutJournal.open(file, 0)) {
      assertThat(journal.unfinished()).extracting(CutJournal.Cut::key).containsExactly("a", "d");
    }
  }

  @Test
  void aCorruptLineIsReportedWithItsNumber() throws IOException {
    Path file = dir.resolve("cuts.journal");
    Files.write(file, "cut\ttype=events\t1\t2\t2\tk\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CutJournal.open(file, 0))
        .hasMessageContaining("line 1")
        .hasMessageContaining(file.toString());
  }
}
