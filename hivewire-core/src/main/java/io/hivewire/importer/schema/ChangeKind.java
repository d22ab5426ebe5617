package io.hivewire.importer.schema;

/** Why a difference between an import's columns and its table's files cannot be taken over. */
public enum ChangeKind {
  /** A column of the import is no longer in the files. */
  REMOVED,
  /** A column went away and another of the same type took its place: most likely a rename. */
  RENAMED,
  /** A column is still there but in another place among the others. */
  REORDERED,
  /** A column holds values of another type now. */
  RETYPED,
  /** CSV: a new column sits before existing ones, which shifts the columns read by position. */
  NEW_COLUMN_NOT_AT_END,
  /** Parquet: a new column is required, but files written before it have no value for it. */
  NEW_COLUMN_NOT_NULLABLE
}
