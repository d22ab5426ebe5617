package io.hivewire.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.source.discovery.DataFile;
import io.hivewire.source.discovery.PartitionPath;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalPlanTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static DataFile file(String key, long size, String etag) {
    return new DataFile(key, size, T0, etag, PartitionPath.EMPTY);
  }

  private static ManifestEntry loaded(String key, long size, String etag) {
    return new ManifestEntry(key, size, etag, T0, 10);
  }

  @Test
  void firstRunLoadsEveryFile() {
    IncrementalPlan plan =
        IncrementalPlan.of(List.of(), List.of(file("b", 1, "e"), file("a", 1, "e")));

    assertThat(plan.toLoad()).extracting(DataFile::key).containsExactly("a", "b");
    assertThat(plan.toReplace()).isEmpty();
    assertThat(plan.toDelete()).isEmpty();
  }

  @Test
  void newChangedAndDeletedFilesAreSeparated() {
    List<ManifestEntry> manifest =
        List.of(
            loaded("same", 5, "e1"),
            loaded("etag", 5, "e1"),
            loaded("gone", 5, "e1"),
            loaded("size", 5, "e1"));
    List<DataFile> listed =
        List.of(
            file("same", 5, "e1"),
            file("etag", 5, "e2"),
            file("new", 3, "e9"),
            file("size", 6, "e1"));

    IncrementalPlan plan = IncrementalPlan.of(manifest, listed);

    assertThat(plan.toLoad()).extracting(DataFile::key).containsExactly("new");
    assertThat(plan.toReplace()).extracting(DataFile::key).containsExactly("etag", "size");
    assertThat(plan.toDelete()).extracting(ManifestEntry::key).containsExactly("gone");
    assertThat(plan.unchanged()).isEqualTo(1);
  }

  @Test
  void rerunWithoutChangesHasNothingToDo() {
    IncrementalPlan plan =
        IncrementalPlan.of(List.of(loaded("a", 5, "e1")), List.of(file("a", 5, "e1")));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.unchanged()).isEqualTo(1);
  }

  @Test
  void emptyListingDeletesEveryLoadedFile() {
    IncrementalPlan plan =
        IncrementalPlan.of(List.of(loaded("b", 5, "e1"), loaded("a", 5, "e1")), List.of());

    assertThat(plan.toDelete()).extracting(ManifestEntry::key).containsExactly("a", "b");
  }

  @Test
  void touchedFileWithTheSameContentIsNotReloaded() {
    DataFile touched = new DataFile("a", 5, T0.plusSeconds(60), "e1", PartitionPath.EMPTY);

    assertThat(IncrementalPlan.of(List.of(loaded("a", 5, "e1")), List.of(touched)).isEmpty())
        .isTrue();
  }

  @Test
  void reloadReplacesEveryLoadedFileStillListedAndStillDeletesTheGoneOnes() {
    IncrementalPlan plan =
        IncrementalPlan.reloading(
            List.of(loaded("same", 5, "e1"), loaded("gone", 5, "e1")),
            List.of(file("same", 5, "e1"), file("new", 3, "e9")));

    assertThat(plan.toLoad()).extracting(DataFile::key).containsExactly("new");
    assertThat(plan.toReplace()).extracting(DataFile::key).containsExactly("same");
    assertThat(plan.toDelete()).extracting(ManifestEntry::key).containsExactly("gone");
    assertThat(plan.unchanged()).isZero();
  }
}
