package io.hivewire.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.http.ApiException;
import io.hivewire.http.ErrorCode;
import io.hivewire.importer.ImportDefinition;
import io.hivewire.importer.ImportRun;
import io.hivewire.importer.Mapping;
import io.hivewire.importer.RunTotals;
import io.hivewire.importer.StoredImport;
import io.hivewire.importer.filter.PartitionFilter;
import io.hivewire.importer.load.Reject;
import io.hivewire.imports.ImportService.ImportDetails;
import io.hivewire.imports.ImportTableStore.StoredReject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The JSON shapes of imports, their runs and rejects, and the body that creates an import. */
final class ImportJson {

  static final Set<String> CREATE_FIELDS =
      Set.of(
          "name",
          "connectionId",
          "table",
          "dataType",
          "mapping",
          "columns",
          "partitionFilter",
          "schedule",
          "mode",
          "onError",
          "maxErrors");

  /** What {@code PATCH /api/v1/imports/{id}} changes; the other fields need a new import. */
  static final Set<String> CHANGE_FIELDS =
      Set.of("name", "schedule", "mode", "onError", "maxErrors", "columns");

  /** The options of {@code POST /api/v1/imports/{id}/runs}. */
  static final Set<String> RUN_FIELDS = Set.of("reload");

  private final ObjectMapper json;

  ImportJson(ObjectMapper json) {
    this.json = json;
  }

  /** Reads the body of {@code POST /api/v1/imports}; shapes only, the service checks values. */
  static ImportRequest request(JsonNode body) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!CREATE_FIELDS.contains(field.getKey())) {
        throw invalid(
            "unknown field '"
                + field.getKey()
                + "': the fields are "
                + new TreeSet<>(CREATE_FIELDS)
                + " (names are case-sensitive)");
      }
    }
    return new ImportRequest(
        text(body, "name"),
        text(body, "connectionId"),
        text(body, "table"),
        text(body, "dataType"),
        mapping(body.get("mapping")),
        strings(body.get("columns"), "columns"),
        text(body, "partitionFilter"),
        text(body, "schedule"),
        text(body, "mode"),
        text(body, "onError"),
        maxErrors(body.get("maxErrors")));
  }

  /**
   * Reads the body of {@code PATCH /api/v1/imports/{id}}; shapes only, the service checks values.
   */
  static ImportChange change(JsonNode body) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!CHANGE_FIELDS.contains(field.getKey())) {
        throw invalid(
            (CREATE_FIELDS.contains(field.getKey())
                    ? field.getKey()
                        + " cannot be changed: create a new import for another "
                        + field.getKey()
                    : "unknown field '" + field.getKey() + "'")
                + "; the fields that change are "
                + new TreeSet<>(CHANGE_FIELDS)
                + " (names are case-sensitive)");
      }
    }
    JsonNode columns = body.get("columns");
    ImportChange change =
        new ImportChange(
            text(body, "name"),
            text(body, "schedule"),
            text(body, "mode"),
            text(body, "onError"),
            maxErrors(body.get("maxErrors")),
            columns == null || columns.isNull()
                ? Optional.empty()
                : Optional.of(strings(columns, "columns")));
    if (change.isEmpty()) {
      throw invalid(
          "nothing to change: send one or more of "
              + new TreeSet<>(CHANGE_FIELDS)
              + ", e.g. {\"schedule\": \"PT1H\"}");
    }
    return change;
  }

  /** Reads the options of a run: {@code {"reload": true}} reloads every file; none is a run. */
  static boolean reload(JsonNode body) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!RUN_FIELDS.contains(field.getKey())) {
        throw invalid(
            "unknown field '"
                + field.getKey()
                + "': a run takes "
                + new TreeSet<>(RUN_FIELDS)
                + " (send no body for a run of new and changed files)");
      }
    }
    JsonNode reload = body.get("reload");
    if (reload == null || reload.isNull()) {
      return false;
    }
    if (!reload.isBoolean()) {
      throw invalid(
          "reload must be true (reload every file) or false (only new and changed files), got "
              + kind(reload));
    }
    return reload.booleanValue();
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw invalid(field + " must be a JSON string, got " + kind(node));
    }
    return Optional.of(node.asText());
  }

  private static Mapping mapping(JsonNode node) {
    if (node == null || node.isNull()) {
      throw invalid(
          "mapping is required: a JSON object from the data type's entries to column names, e.g."
              + " {\"user_id\": \"customer_id\", \"segment\": \"segment_name\"}");
    }
    if (!node.isObject()) {
      throw invalid("mapping must be a JSON object, got " + kind(node));
    }
    Map<String, String> entries = new LinkedHashMap<>();
    List<String> attributes = List.of();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getKey().equals("attributes")) {
        attributes = strings(entry.getValue(), "mapping.attributes");
      } else if (entry.getValue().isTextual()) {
        entries.put(entry.getKey(), entry.getValue().asText());
      } else {
        throw invalid(
            "mapping."
                + entry.getKey()
                + " must be a JSON string (a column name, or a tag for *_tag entries), got "
                + kind(entry.getValue()));
      }
    }
    return new Mapping(entries, attributes);
  }

  private static List<String> strings(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid(field + " must be a JSON array of column names, got " + kind(node));
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw invalid(field + " must hold column names as strings, got " + kind(element));
      }
      values.add(element.asText());
    }
    return values;
  }

  private static Optional<Integer> maxErrors(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isInt()) {
      throw invalid("maxErrors must be a whole number (bad rows allowed per file), got " + node);
    }
    return Optional.of(node.asInt());
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static ApiException invalid(String message) {
    return new ApiException(ErrorCode.INVALID_REQUEST, message);
  }

  ObjectNode details(ImportDetails details) {
    StoredImport stored = details.stored();
    ImportDefinition definition = stored.definition();
    ObjectNode node = json.createObjectNode();
    node.put("id", stored.id().toString());
    node.put("name", definition.name());
    node.put("connectionId", definition.connectionId().toString());
    node.put("table", definition.table());
    node.put("dataType", definition.dataType().name());
    ObjectNode mapping = node.putObject("mapping");
    definition.mapping().entries().forEach(mapping::put);
    if (!definition.mapping().attributes().isEmpty()) {
      ArrayNode attributes = mapping.putArray("attributes");
      definition.mapping().attributes().forEach(attributes::add);
    }
    ArrayNode columns = node.putArray("columns");
    details.columns().forEach(columns::add);
    node.put(
        "partitionFilter", definition.partitionFilter().map(PartitionFilter::text).orElse(null));
    node.put("schedule", definition.schedule().text());
    node.put("mode", definition.mode().name());
    node.put("onError", definition.onError().name());
    node.put("maxErrors", definition.maxErrors());
    node.put("targetTable", stored.targetTable());
    node.put("createdAt", stored.createdAt().toString());
    node.put(
        "nextRunAt",
        definition
            .schedule()
            .nextRun(details.lastRun().map(ImportRun::queuedAt), stored.createdAt())
            .map(Instant::toString)
            .orElse(null));
    node.set("lastRun", details.lastRun().<JsonNode>map(this::run).orElse(null));
    return node;
  }

  ArrayNode imports(List<ImportDetails> all) {
    ArrayNode array = json.createArrayNode();
    all.forEach(details -> array.add(details(details)));
    return array;
  }

  ObjectNode run(ImportRun run) {
    RunTotals totals = run.totals();
    ObjectNode node = json.createObjectNode();
    node.put("id", run.id().toString());
    node.put("importId", run.importId().toString());
    node.put("reload", run.reload());
    node.put("status", run.status().name());
    ObjectNode files = node.putObject("files");
    files.put("total", totals.filesTotal());
    files.put("done", totals.filesDone());
    files.put("loaded", totals.filesLoaded());
    files.put("replaced", totals.filesReplaced());
    files.put("deleted", totals.filesDeleted());
    files.put("failed", totals.filesFailed());
    node.put("bytes", totals.bytesRead());
    ObjectNode rows = node.putObject("rows");
    rows.put("read", totals.rowsRead());
    rows.put("loaded", totals.rowsLoaded());
    rows.put("rejected", totals.rowsRejected());
    ArrayNode errors = node.putArray("errors");
    totals.errors().forEach(errors::add);
    node.put("queuedAt", run.queuedAt().toString());
    node.put("startedAt", run.startedAt().map(Instant::toString).orElse(null));
    node.put("finishedAt", run.finishedAt().map(Instant::toString).orElse(null));
    Optional<Duration> duration =
        run.startedAt().flatMap(start -> run.finishedAt().map(end -> Duration.between(start, end)));
    if (duration.isPresent()) {
      node.put("durationMs", duration.get().toMillis());
    } else {
      node.putNull("durationMs");
    }
    return node;
  }

  ArrayNode runs(List<ImportRun> runs) {
    ArrayNode array = json.createArrayNode();
    runs.forEach(run -> array.add(run(run)));
    return array;
  }

  ObjectNode rejects(List<StoredReject> page, int limit) {
    ObjectNode node = json.createObjectNode();
    ArrayNode rejects = node.putArray("rejects");
    for (StoredReject stored : page) {
      Reject reject = stored.reject();
      rejects
          .addObject()
          .put("id", stored.id())
          .put("file", reject.fileKey())
          .put("line", reject.line())
          .put("column", reject.column().orElse(null))
          .put("error", reject.error())
          .put("rawText", reject.rawText());
    }
    if (page.size() == limit) {
      node.put("next", page.getLast().id());
    } else {
      node.putNull("next");
    }
    return node;
  }
}
