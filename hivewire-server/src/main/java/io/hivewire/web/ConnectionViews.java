package io.hivewire.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.connections.Connection;
import io.hivewire.connections.ConnectionDetails;
import io.hivewire.connections.ConnectionStatus;
import io.hivewire.connections.DiscoveryView;
import io.hivewire.connections.ResyncRun;
import io.hivewire.connections.StatusChange;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.SkippedTable;
import io.hivewire.source.schema.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Connections as the dashboard's templates show them: every value already in words. */
public final class ConnectionViews {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectionViews() {}

  /** A status in words, with the CSS class that marks it (the words carry the meaning). */
  public record Status(String label, String css, Optional<String> reason, Optional<String> detail) {
    static Status of(StatusChange change) {
      ConnectionStatus status = change.status();
      String label = status.name().charAt(0) + status.name().substring(1).toLowerCase(Locale.ROOT);
      return new Status(
          label,
          "status-" + status.name().toLowerCase(Locale.ROOT),
          change.reason(),
          change.message());
    }
  }

  /** One line of the connections table. */
  public record Row(
      String id, String name, String source, String location, String created, Status status) {}

  /** A status the connection entered, and when. */
  public record History(String at, Status status) {}

  /** A discovered table's column; {@code partition} marks a Hive partition column. */
  public record ColumnView(String name, String type, boolean nullable, boolean partition) {}

  /** A discovered table with its figures and the address of its preview. */
  public record TableView(
      String name,
      String previewHref,
      List<ColumnView> columns,
      String partitionKeys,
      long files,
      String size,
      String lastModified) {}

  /** A table directory that is not offered, and why. */
  public record SkippedView(String name, String reason, String detail) {}

  /** The last resync: where it stands and what it changed, in sentences. */
  public record ResyncView(
      String status,
      boolean running,
      String started,
      List<String> changes,
      Optional<String> error) {}

  /** Everything the connection page shows. */
  public record Detail(
      Row row,
      String region,
      String bucket,
      String prefix,
      String format,
      String partitioning,
      Optional<String> endpoint,
      List<History> history,
      Optional<ResyncView> resync,
      Optional<String> discovered,
      List<TableView> tables,
      List<SkippedView> skipped,
      List<String> warnings) {

    /** Whether background work is under way, so the page keeps refreshing itself. */
    public boolean busy() {
      return row.status().label().equals("Processing")
          || resync.map(ResyncView::running).orElse(false);
    }

    public boolean active() {
      return row.status().label().equals("Active");
    }

    public boolean inactive() {
      return row.status().label().equals("Inactive");
    }
  }

  static Row row(ConnectionDetails details) {
    Connection c = details.connection();
    ConnectionSettings s = c.spec().settings();
    return new Row(
        c.id().toString(),
        c.spec().name(),
        "Amazon S3",
        "s3://" + s.bucket() + "/" + s.schemaPrefix(),
        time(c.createdAt()),
        Status.of(c.status()));
  }

  static Detail detail(ConnectionDetails details, Optional<DiscoveryView> discovery) {
    Connection c = details.connection();
    ConnectionSettings s = c.spec().settings();
    List<History> history =
        details.history().stream().map(h -> new History(time(h.at()), Status.of(h))).toList();
    List<TableView> tables =
        discovery
            .map(d -> d.result().tables().stream().map(t -> table(c.id().toString(), t)).toList())
            .orElse(List.of());
    List<SkippedView> skipped =
        discovery
            .map(d -> d.result().skipped().stream().map(ConnectionViews::skipped).toList())
            .orElse(List.of());
    return new Detail(
        row(details),
        s.region().code(),
        s.bucket().toString(),
        s.schemaPrefix().toString().isEmpty() ? "(bucket root)" : s.schemaPrefix().toString(),
        s.dataFormat().name().equals("PARQUET") ? "Parquet" : "CSV",
        s.partitioning().name().equals("ALL")
            ? "All tables are partitioned"
            : "No tables are partitioned",
        c.spec().endpoint().map(Object::toString),
        history,
        details.lastResync().map(ConnectionViews::resync),
        discovery.map(d -> time(d.discoveredAt())),
        tables,
        skipped,
        discovery.map(d -> d.result().warnings()).orElse(List.of()));
  }

  private static TableView table(String connectionId, DiscoveredTable t) {
    List<ColumnView> columns = new ArrayList<>();
    for (Column column : t.columns()) {
      columns.add(
          new ColumnView(
              column.name(),
              column.type().sqlName(),
              column.nullable(),
              t.partitionKeys().contains(column.name())));
    }
    return new TableView(
        t.name(),
        "/connections/"
            + connectionId
            + "/tables/"
            + URLEncoder.encode(t.name(), StandardCharsets.UTF_8).replace("+", "%20"),
        columns,
        String.join(", ", t.partitionKeys()),
        t.files(),
        size(t.bytes()),
        time(t.lastModified()));
  }

  private static SkippedView skipped(SkippedTable t) {
    String reason = t.reason().name().replace('_', ' ').toLowerCase(Locale.ROOT);
    return new SkippedView(t.name(), reason, t.detail());
  }

  private static ResyncView resync(ResyncRun run) {
    List<String> changes = new ArrayList<>();
    run.changesJson().ifPresent(json -> changes.addAll(changes(json)));
    return new ResyncView(
        switch (run.status()) {
          case IN_PROGRESS -> "Resync in progress";
          case COMPLETED ->
              "Resync completed " + run.finishedAt().map(ConnectionViews::time).orElse("");
          case ERROR -> "Resync failed";
        },
        run.status().name().equals("IN_PROGRESS"),
        time(run.startedAt()),
        changes,
        run.error());
  }

  /** The resync's change report in sentences; "No changes" when it found none. */
  static List<String> changes(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("the stored resync report is not JSON: " + json, e);
    }
    List<String> lines = new ArrayList<>();
    names(root.path("tablesAdded")).ifPresent(n -> lines.add("Tables added: " + n));
    names(root.path("tablesRemoved")).ifPresent(n -> lines.add("Tables removed: " + n));
    for (JsonNode c : root.path("columnsAdded")) {
      lines.add(
          "Column added: "
              + c.path("table").asText()
              + "."
              + c.path("column").asText()
              + " ("
              + c.path("type").asText()
              + ")");
    }
    for (JsonNode c : root.path("columnsRemoved")) {
      lines.add("Column removed: " + c.path("table").asText() + "." + c.path("column").asText());
    }
    if (lines.isEmpty()) {
      lines.add("No changes: the same tables and columns as before.");
    }
    return lines;
  }

  private static Optional<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.asText()));
    return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
