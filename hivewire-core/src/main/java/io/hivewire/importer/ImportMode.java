package io.hivewire.importer;

/** How a run brings the import's table up to date. */
public enum ImportMode {
  /** Loads new files, replaces the rows of changed files and removes those of deleted files. */
  INCREMENTAL,
  /** Loads every file into a new table and swaps it in for the old one at once. */
  FULL_REFRESH
}
