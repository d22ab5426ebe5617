package io.hivewire.connections;

/** Where a connection stands. */
public enum ConnectionStatus {
  /** Created or re-activated; access is being checked in the background. */
  PROCESSING,
  /** Access checked; tables discovered. */
  ACTIVE,
  /** The check failed; the status reason and message say why and what to do. */
  FAILED,
  /** Switched off by a user; nothing reads the bucket. */
  INACTIVE
}
