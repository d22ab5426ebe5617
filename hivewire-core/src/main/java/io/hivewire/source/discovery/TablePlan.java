package io.hivewire.source.discovery;

import java.util.List;

/** What planning one table directory gave: a readable {@link Table} or a {@link SkippedTable}. */
public sealed interface TablePlan permits Table, SkippedTable {

  /** The table directory's name under the schema prefix. */
  String name();

  /** The table's objects that are not data files, with the reason. */
  List<IgnoredFile> ignoredFiles();
}
