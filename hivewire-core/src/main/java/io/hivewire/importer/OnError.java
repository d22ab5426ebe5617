package io.hivewire.importer;

/** What a run does with a row it cannot read. */
public enum OnError {
  /** The file fails, naming the file, line and column. */
  FAIL,
  /** The row is counted and left out; the file fails beyond {@code maxErrors} such rows. */
  SKIP,
  /** The row is stored as a reject (file, line, column, error, raw text) and left out. */
  REJECT
}
