package io.hivewire.importer.filter;

/** A partition filter that cannot be parsed or does not fit the table's partition columns. */
public final class PartitionFilterException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int position;

  PartitionFilterException(String text, int position, String problem) {
    super(
        "partition filter: "
            + problem
            + " at position "
            + (position + 1)
            + ":\n  "
            + text
            + "\n  "
            + " ".repeat(Math.max(0, position))
            + "^");
    this.position = position;
  }

  /** The 0-based character offset in the filter text where the problem is. */
  public int position() {
    return position;
  }
}
