package io.hivewire.importer;

import io.hivewire.source.discovery.DataFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an incremental run does, from the manifest of loaded files and the current listing: load new
 * files, replace the rows of changed files (another ETag or size), delete the rows of files gone
 * from the listing. Files unchanged since they were loaded are left alone.
 */
public record IncrementalPlan(
    List<DataFile> toLoad, List<DataFile> toReplace, List<ManifestEntry> toDelete, int unchanged) {

  public IncrementalPlan {
    toLoad = List.copyOf(Objects.requireNonNull(toLoad, "toLoad is null"));
    toReplace = List.copyOf(Objects.requireNonNull(toReplace, "toReplace is null"));
    toDelete = List.copyOf(Objects.requireNonNull(toDelete, "toDelete is null"));
    if (unchanged < 0) {
      throw new IllegalArgumentException("unchanged is negative: " + unchanged);
    }
  }

  /** Compares the manifest with the files listed now (already narrowed by the filter). */
  public static IncrementalPlan of(List<ManifestEntry> manifest, List<DataFile> listed) {
    return of(manifest, listed, false);
  }

  /**
   * The same, except that every loaded file still listed has its rows replaced, changed or not: a
   * reload, which fills columns taken in since the files were loaded.
   */
  public static IncrementalPlan reloading(List<ManifestEntry> manifest, List<DataFile> listed) {
    return of(manifest, listed, true);
  }

  private static IncrementalPlan of(
      List<ManifestEntry> manifest, List<DataFile> listed, boolean reload) {
    Objects.requireNonNull(manifest, "manifest is null");
    Objects.requireNonNull(listed, "listed is null");
    Map<String, ManifestEntry> loaded = new HashMap<>();
    manifest.forEach(entry -> loaded.put(entry.key(), entry));
    List<DataFile> toLoad = new ArrayList<>();
    List<DataFile> toReplace = new ArrayList<>();
    int unchanged = 0;
    for (DataFile file : listed) {
      ManifestEntry entry = loaded.remove(file.key());
      if (entry == null) {
        toLoad.add(file);
      } else if (reload || entry.changedIn(file)) {
        toReplace.add(file);
      } else {
        unchanged++;
      }
    }
    List<ManifestEntry> toDelete =
        loaded.values().stream().sorted(Comparator.comparing(ManifestEntry::key)).toList();
    toLoad.sort(Comparator.comparing(DataFile::key));
    toReplace.sort(Comparator.comparing(DataFile::key));
    return new IncrementalPlan(toLoad, toReplace, toDelete, unchanged);
  }

  /** Whether the run has nothing to do. */
  public boolean isEmpty() {
    return toLoad.isEmpty() && toReplace.isEmpty() && toDelete.isEmpty();
  }
}
