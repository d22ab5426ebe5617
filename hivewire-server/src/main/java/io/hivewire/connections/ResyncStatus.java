package io.hivewire.connections;

/** Where a resync (re-discovery) run stands. */
public enum ResyncStatus {
  IN_PROGRESS,
  COMPLETED,
  ERROR
}
