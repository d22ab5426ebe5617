package io.hivewire.source.discovery;

import io.hivewire.s3.ListRequest;
import io.hivewire.s3.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The table directories directly under a schema prefix (ListObjectsV2 with a {@code /} delimiter,
 * every page), the objects that sit beside them, and the directories that are not tables.
 *
 * @param tables table names, in key order
 * @param looseKeys objects directly under the prefix (not the prefix's own folder marker)
 * @param hiddenDirectories directories that are not tables: their name starts with '_' or '.'
 */
public record SchemaListing(
    List<String> tables, List<String> looseKeys, List<String> hiddenDirectories) {

  public SchemaListing {
    tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
    looseKeys = List.copyOf(Objects.requireNonNull(looseKeys, "looseKeys is null"));
    hiddenDirectories =
        List.copyOf(Objects.requireNonNull(hiddenDirectories, "hiddenDirectories is null"));
  }

  /** Lists the directories under {@code prefix} (empty for the bucket root, else ending in '/'). */
  public static SchemaListing list(ObjectStore store, String bucket, String prefix) {
    List<String> tables = new ArrayList<>();
    List<String> loose = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    store.listAll(
        ListRequest.directory(bucket, prefix),
        page -> {
          for (String common : page.commonPrefixes()) {
            String name = common.substring(prefix.length(), common.length() - 1);
            if (name.isEmpty() || FileRules.isHiddenDirectory(name)) {
              hidden.add(common);
            } else {
              tables.add(name);
            }
          }
          page.objects().stream()
              .map(o -> o.key())
              .filter(key -> !key.equals(prefix))
              .forEach(loose::add);
        });
    return new SchemaListing(tables, loose, hidden);
  }
}
