/**
 * Connections as hivewire stores and serves them: spec, status history, discovery snapshots,
 * resyncs.
 */
package io.hivewire.connections;
