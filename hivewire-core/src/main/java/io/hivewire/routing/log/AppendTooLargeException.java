package io.hivewire.routing.log;

/**
 * The append is larger than the log's whole quota: it can never fit, so waiting for room is
 * useless. Nothing of it was written.
 */
public final class AppendTooLargeException extends LogFullException {

  private static final long serialVersionUID = 1L;

  private final long neededBytes;
  private final long maxBytes;

  public AppendTooLargeException(long neededBytes, long maxBytes) {
    super(
        "this append needs "
            + neededBytes
            + " bytes, more than the event log's whole quota of "
            + maxBytes
            + " bytes: it can never fit; nothing of it was written");
    this.neededBytes = neededBytes;
    this.maxBytes = maxBytes;
  }

  /** The bytes the append needs in the log. */
  public long neededBytes() {
    return neededBytes;
  }

  /** The log's quota. */
  public long maxBytes() {
    return maxBytes;
  }
}
