package io.hivewire.destination;

/** Where a routing destination is in its set-up and life. */
public enum SetupStatus {
  /** Created; the permission probe has not finished. */
  PROCESSING,
  /** The probe passed: every record type is routed to it. */
  ACTIVE,
  /** The probe or routing failed; the status message names what to fix. */
  FAILED,
  /** Paused by a user: data waits in the log. */
  PAUSED
}
