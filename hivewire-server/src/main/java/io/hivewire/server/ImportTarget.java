package io.hivewire.server;

import io.hivewire.connection.Connection;
import io.hivewire.connection.ConnectionStatus;
import io.hivewire.connection.DiscoverySnapshot;
import io.hivewire.importer.CheckedImport;
import io.hivewire.importer.ImportCheck;
import io.hivewire.importer.ImportDefinition;
import io.hivewire.importer.InvalidImportException;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.DiscoveryResult;
import io.hivewire.store.ConnectionRepository;
import io.hivewire.store.DiscoverySnapshotRepository;
import java.util.Objects;

/**
 * Resolves an import definition against its connection: the connection must be {@code ACTIVE} and
 * the table one of its last discovery, whose schema the definition is checked against. Used when an
 * import is created and again when each run starts, since the connection may have changed since.
 */
final class ImportTarget {

  /** The connection an import reads and the import checked against its table. */
  record Resolved(Connection connection, CheckedImport checked) {
    Resolved {
      Objects.requireNonNull(connection, "connection is null");
      Objects.requireNonNull(checked, "checked is null");
    }
  }

  private final ConnectionRepository connections;
  private final DiscoverySnapshotRepository snapshots;

  ImportTarget(ConnectionRepository connections, DiscoverySnapshotRepository snapshots) {
    this.connections = Objects.requireNonNull(connections, "connections is null");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots is null");
  }

  /**
   * @throws NotFoundException when the connection does not exist
   * @throws ConflictException when the connection is not {@code ACTIVE}
   * @throws InvalidInputException when the table is not discovered or the definition breaks a rule
   */
  Resolved resolve(ImportDefinition definition) {
    Connection connection =
        connections
            .find(definition.connectionId())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no connection with id "
                            + definition.connectionId()
                            + ": GET /api/v1/connections lists the existing ones"));
    ConnectionStatus status = connection.status().status();
    if (status != ConnectionStatus.ACTIVE) {
      throw new ConflictException(
          "connection "
              + connection.id()
              + " is "
              + status
              + ", and imports read only ACTIVE connections: "
              + whatToDo(connection));
    }
    DiscoveryResult discovered =
        snapshots
            .find(connection.id())
            .map(DiscoverySnapshot::resultJson)
            .map(DiscoverySnapshotCodec::decode)
            .orElseThrow(
                () ->
                    new ConflictException(
                        "connection "
                            + connection.id()
                            + " has no discovered tables yet: resync it (POST /api/v1/connections/"
                            + connection.id()
                            + "/resync) and try again"));
    DiscoveredTable table =
        discovered.tables().stream()
            .filter(t -> t.name().equals(definition.table()))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "table",
                        "table '"
                            + definition.table()
                            + "' is not a discovered table of connection "
                            + connection.id()
                            + "; its tables are "
                            + discovered.tables().stream().map(DiscoveredTable::name).toList()
                            + " (a table added since the last discovery shows after a resync)"));
    try {
      return new Resolved(connection, ImportCheck.check(definition, table));
    } catch (InvalidImportException e) {
      throw new InvalidInputException(
          "mapping",
          "the import does not fit table " + table.name() + ": " + String.join("; ", e.problems()));
    }
  }

  private static String whatToDo(Connection connection) {
    return switch (connection.status().status()) {
      case PROCESSING -> "it is still being checked; wait until it is ACTIVE and try again";
      case FAILED ->
          "its check failed ("
              + connection.status().reason().orElse("no reason")
              + ": "
              + connection.status().message().orElse("")
              + "); fix that and re-activate it with PATCH {\"status\":\"ACTIVE\"}";
      case INACTIVE -> "re-activate it with PATCH {\"status\":\"ACTIVE\"}";
      case ACTIVE -> "";
    };
  }
}
