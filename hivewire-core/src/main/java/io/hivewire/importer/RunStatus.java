package io.hivewire.importer;

/** Where an import run is. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED
}
