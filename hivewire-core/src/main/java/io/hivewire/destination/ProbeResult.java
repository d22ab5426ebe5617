package io.hivewire.destination;

import java.util.Objects;

/** The outcome of a destination's permission probe. */
public sealed interface ProbeResult {

  /** Every operation routing needs succeeded. */
  record Passed() implements ProbeResult {}

  /**
   * An operation failed; {@code permission} names what to grant (e.g. {@code s3:PutObject}) or what
   * is wrong (credentials, bucket, region), {@code message} what to do.
   */
  record Failed(String permission, String message) implements ProbeResult {
    public Failed {
      Objects.requireNonNull(permission, "permission is null");
      Objects.requireNonNull(message, "message is null");
    }
  }
}
