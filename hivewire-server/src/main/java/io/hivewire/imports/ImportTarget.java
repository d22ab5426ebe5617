package io.hivewire.imports;

import io.hivewire.connections.Connection;
import io.hivewire.connections.ConnectionRepository;
import io.hivewire.connections.ConnectionStatus;
import io.hivewire.connections.DiscoverySnapshot;
import io.hivewire.connections.DiscoverySnapshotCodec;
import io.hivewire.connections.DiscoverySnapshotRepository;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.importer.CheckedImport;
import io.hivewire.importer.ImportCheck;
import io.hivewire.importer.ImportDefinition;
import io.hivewire.importer.InvalidImportException;
import io.hivewire.importer.StoredImport;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.DiscoveryResult;
import java.util.Objects;
import java.util.UUID;

/**
 * Resolves an import against its connection, which must be {@code ACTIVE}. A new import is checked
 * against the table as the connection's last discovery shows it; a run loads the columns the import
 * knows (recorded when it was created, grown by accepted schema changes), so a later discovery
 * neither adds columns its PostgreSQL table lacks nor drops ones it accepted.
 */
final class ImportTarget {

  /** The connection an import reads and the import checked against the columns it knows. */
  record Resolved(Connection connection, CheckedImport checked) {
    Resolved {
      Objects.requireNonNull(connection, "connection is null");
      Objects.requireNonNull(checked, "checked is null");
    }
  }

  private final ConnectionRepository connections;
  private final DiscoverySnapshotRepository snapshots;
  private final ImportSchemaService schemas;

  ImportTarget(
      ConnectionRepository connections,
      DiscoverySnapshotRepository snapshots,
      ImportSchemaService schemas) {
    this.connections = Objects.requireNonNull(connections, "connections is null");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots is null");
    this.schemas = Objects.requireNonNull(schemas, "schemas is null");
  }

  /**
   * Checks a new import against its table as last discovered, and answers that table: the columns
   * the import knows from now on.
   *
   * @throws NotFoundException when the connection does not exist
   * @throws ConflictException when the connection is not {@code ACTIVE}
   * @throws InvalidInputException when the table is not discovered or the definition breaks a rule
   */
  DiscoveredTable check(ImportDefinition definition) {
    Connection connection = active(definition.connectionId());
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
    fit(definition, table);
    return table;
  }

  /**
   * Resolves a stored import for a run: its connection, and the import checked against the columns
   * it knows.
   *
   * @throws NotFoundException when the connection does not exist
   * @throws ConflictException when the connection is not {@code ACTIVE}, or the import knows no
   *     columns and its table is gone from the last discovery
   * @throws InvalidInputException when the definition no longer fits the columns it knows
   */
  Resolved resolve(StoredImport stored) {
    Connection connection = active(stored.definition().connectionId());
    try {
      return new Resolved(connection, schemas.checkedImport(stored, connection));
    } catch (InvalidImportException e) {
      throw new InvalidInputException(
          "mapping",
          "import "
              + stored.id()
              + " does not fit its table "
              + stored.definition().table()
              + ": "
              + String.join("; ", e.problems()));
    }
  }

  /**
   * The connection, when it is {@code ACTIVE}.
   *
   * @throws NotFoundException when the connection does not exist
   * @throws ConflictException naming its status and what to do
   */
  Connection active(UUID connectionId) {
    Connection connection =
        connections
            .find(connectionId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no connection with id "
                            + connectionId
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
    return connection;
  }

  private static void fit(ImportDefinition definition, DiscoveredTable table) {
    try {
      ImportCheck.check(definition, table);
    } catch (InvalidImportException e) {
      throw new InvalidInputException(
          "mapping",
          "the import does not fit table " + table.name() + ": " + String.join("; ", e.problems()),
          e.problems());
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
