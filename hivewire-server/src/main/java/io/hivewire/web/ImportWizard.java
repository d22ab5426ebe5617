package io.hivewire.web;

import io.hivewire.errors.InvalidInputException;
import io.hivewire.importer.DataType;
import io.hivewire.importer.FilterProblem;
import io.hivewire.importer.ImportCheck;
import io.hivewire.importer.Mapping;
import io.hivewire.importer.MappingRole;
import io.hivewire.importer.Schedule;
import io.hivewire.importer.filter.PartitionFilter;
import io.hivewire.importer.filter.PartitionFilterException;
import io.hivewire.imports.ImportRequest;
import io.hivewire.imports.ImportService;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Create Import wizard as far as the user got: what each step offers, what was chosen (or
 * typed) in it, and the API's message beside each field that breaks a rule. Each step is shown once
 * the steps before it are chosen; what was typed is kept whatever was chosen before it.
 */
public final class ImportWizard {

  /** The wizard's steps, in order. */
  public enum Step {
    SOURCE,
    CONNECTION,
    TABLE,
    DATA_TYPE,
    SETTINGS
  }

  /** The source types offered: Amazon S3 is the one hivewire reads. */
  static final String S3 = "S3";

  /** Marks which table and data type the settings were shown for, so defaults apply once. */
  static final String SETTINGS_FOR = "settingsFor";

  private static final String MAPPING = "mapping.";

  private static final Map<DataType, String> DESCRIPTIONS =
      Map.of(
          DataType.USER_PROFILE, "One row per user: an identifier and attribute columns.",
          DataType.USER_ACTIVITY, "Things users did, each at a time.",
          DataType.USER_SEGMENTS, "Which segments users belong to.",
          DataType.IDENTITY, "Pairs of identifiers of the same user.",
          DataType.GROUP, "Users' membership of groups, with a cursor to order changes.");

  /** An {@code Active} connection offered: its id, its name and the schema it reads. */
  public record ConnectionChoice(String id, String name, String schemaUrl) {
    public ConnectionChoice {
      Objects.requireNonNull(id, "id is null");
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(schemaUrl, "schemaUrl is null");
    }
  }

  /** A data type offered: its API constant, in words, and what its rows mean. */
  public record DataTypeChoice(String value, String label, String description) {}

  /**
   * One entry of the chosen data type's mapping: its form field, its name, whether it must be
   * filled, whether it takes a tag (typed) rather than a column, the columns whose types fit it
   * (each with its type) and those types in words.
   */
  public record RoleField(
      String field,
      String name,
      boolean required,
      boolean tag,
      List<ColumnChoice> columns,
      String types) {}

  /** A column of the chosen table: its name, its SQL type, whether a partition directory. */
  public record ColumnChoice(String name, String type, boolean partition) {

    /** How a list offers it, e.g. {@code date (DATE, partition)}. */
    public String label() {
      return name + " (" + type + (partition ? ", partition" : "") + ")";
    }
  }

  /** The partition filter's check as its field shows it. */
  public record FilterCheck(String text, Optional<FilterProblem> problem, String partitionColumns) {

    public boolean blank() {
      return text.isBlank();
    }
  }

  private final Map<String, List<String>> values;
  private final List<ConnectionChoice> connections;
  private final Optional<ConnectionChoice> connection;
  private final List<DiscoveredTable> tables;
  private final Optional<DiscoveredTable> table;
  private final Optional<DataType> dataType;
  private final Step step;
  private final Map<String, String> errors;
  private final Optional<String> general;
  private final boolean moved;
  private final boolean fresh;

  private ImportWizard(
      Map<String, List<String>> values,
      List<ConnectionChoice> connections,
      Optional<ConnectionChoice> connection,
      List<DiscoveredTable> tables,
      Optional<DiscoveredTable> table,
      Optional<DataType> dataType,
      Step step,
      Map<String, String> errors,
      Optional<String> general,
      boolean moved,
      boolean fresh) {
    this.values = values;
    this.connections = connections;
    this.connection = connection;
    this.tables = tables;
    this.table = table;
    this.dataType = dataType;
    this.step = step;
    this.errors = errors;
    this.general = general;
    this.moved = moved;
    this.fresh = fresh;
  }

  /**
   * The wizard for what the user sent so far.
   *
   * @param sent the form's fields (a list per name: check boxes send several)
   * @param active the connections an import may read, those that are {@code Active}
   * @param tablesOf the discovered tables of a connection (by id), none when not yet discovered
   */
  static ImportWizard of(
      Map<String, List<String>> sent,
      List<ConnectionChoice> active,
      Function<String, List<DiscoveredTable>> tablesOf) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    sent.forEach((name, list) -> values.put(name, List.copyOf(list)));
    Optional<ConnectionChoice> connection = Optional.empty();
    List<DiscoveredTable> tables = List.of();
    Optional<DiscoveredTable> table = Optional.empty();
    Optional<DataType> dataType = Optional.empty();
    Step step = Step.SOURCE;
    boolean fresh = false;
    if (first(values, "source").equals(S3)) {
      step = Step.CONNECTION;
      String id = first(values, "connectionId");
      connection = active.stream().filter(c -> c.id().equals(id)).findFirst();
    }
    if (connection.isPresent()) {
      step = Step.TABLE;
      tables = List.copyOf(tablesOf.apply(connection.get().id()));
      String name = first(values, "table");
      table = tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
    if (table.isPresent()) {
      step = Step.DATA_TYPE;
      dataType = dataType(first(values, "dataType"));
    }
    if (dataType.isPresent()) {
      step = Step.SETTINGS;
      fresh = defaults(values, table.get(), dataType.get());
    }
    ImportWizard wizard =
        new ImportWizard(
            Collections.unmodifiableMap(values),
            List.copyOf(active),
            connection,
            tables,
            table,
            dataType,
            step,
            Map.of(),
            Optional.empty(),
            false,
            fresh);
    return wizard.withErrors(wizard.typedErrors(), Optional.empty());
  }

  private static Optional<DataType> dataType(String text) {
    try {
      return text.isBlank()
          ? Optional.empty()
          : Optional.of(DataType.valueOf(text.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The settings' first values for a table and data type the settings were not yet shown for: each
   * mapping entry the column of its name when that fits, every column loaded, the table's name as
   * the import's name, and the API's defaults. What the user typed is kept.
   */
  private static boolean defaults(
      Map<String, List<String>> values, DiscoveredTable table, DataType type) {
    String shownFor = table.name() + "/" + type.name();
    if (first(values, SETTINGS_FOR).equals(shownFor)) {
      return false;
    }
    values.put(SETTINGS_FOR, List.of(shownFor));
    for (MappingRole role : type.roles()) {
      String field = MAPPING + role.name();
      String given = first(values, field);
      if (role.kind() == MappingRole.Kind.COLUMN && !fits(table, role, given)) {
        values.put(field, List.of(fits(table, role, role.name()) ? role.name() : ""));
      }
    }
    Set<String> names = table.columns().stream().map(Column::name).collect(Collectors.toSet());
    values.put(
        "attributes",
        values.getOrDefault("attributes", List.of()).stream().filter(names::contains).toList());
    values.put("columns", table.columns().stream().map(Column::name).toList());
    if (first(values, "name").isBlank()) {
      values.put("name", List.of(table.name()));
    }
    values.putIfAbsent("scheduleKind", List.of("MANUAL"));
    values.putIfAbsent("mode", List.of("INCREMENTAL"));
    values.putIfAbsent("onError", List.of("FAIL"));
    values.putIfAbsent("maxErrors", List.of(String.valueOf(ImportService.DEFAULT_MAX_ERRORS)));
    return true;
  }

  private static boolean fits(DiscoveredTable table, MappingRole role, String column) {
    return table.columns().stream()
        .anyMatch(c -> c.name().equals(column) && role.accepts(c.type()));
  }

  private static String first(Map<String, List<String>> values, String field) {
    List<String> list = values.get(field);
    return list == null || list.isEmpty() ? "" : list.getFirst();
  }

  /** What the settings already break, in the API's words, before anything is created. */
  private Map<String, String> typedErrors() {
    Map<String, String> found = new LinkedHashMap<>();
    if (step != Step.SETTINGS) {
      return found;
    }
    filterCheck().problem().ifPresent(p -> found.put("partitionFilter", p.message()));
    if (value("scheduleKind").equals("INTERVAL")) {
      try {
        Schedule.parse(value("schedule"));
      } catch (IllegalArgumentException e) {
        found.put("schedule", e.getMessage());
      }
    }
    return found;
  }

  /** The errors found on the way to a request the wizard alone can tell. */
  private Map<String, String> ownErrors() {
    Map<String, String> found = new LinkedHashMap<>();
    if (list("columns").isEmpty()) {
      found.put("columns", "columns: check at least one column to load");
    }
    maxErrors()
        .ifPresentOrElse(
            n -> {},
            () ->
                found.put(
                    "maxErrors",
                    "maxErrors '"
                        + value("maxErrors")
                        + "' is not a number: it counts bad rows allowed per file, 0 or more"));
    return found;
  }

  private Optional<Integer> maxErrors() {
    try {
      return Optional.of(Integer.parseInt(value("maxErrors").strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The request to create the import, when every step is chosen and nothing breaks a rule that only
   * the wizard checks (the API would take it otherwise: no column checked means all to it);
   * otherwise empty, and {@link #checked()} shows why. A request whose typed fields break the API's
   * rules is still made: the service names its other problems too.
   */
  Optional<ImportRequest> request() {
    if (step != Step.SETTINGS || !ownErrors().isEmpty()) {
      return Optional.empty();
    }
    DataType type = dataType.orElseThrow();
    Map<String, String> entries = new LinkedHashMap<>();
    for (MappingRole role : type.roles()) {
      String value = value(MAPPING + role.name()).strip();
      if (!value.isEmpty()) {
        entries.put(role.name(), value);
      }
    }
    List<String> all = table.orElseThrow().columns().stream().map(Column::name).toList();
    Set<String> chosen = new HashSet<>(list("columns"));
    // All columns checked is the API's default (no list): columns accepted later load too.
    List<String> columns =
        chosen.containsAll(all) ? List.of() : all.stream().filter(chosen::contains).toList();
    return Optional.of(
        new ImportRequest(
            Optional.of(value("name")),
            Optional.of(connection.orElseThrow().id()),
            Optional.of(table.get().name()),
            Optional.of(type.name()),
            new Mapping(entries, type.takesAttributes() ? list("attributes") : List.of()),
            columns,
            Optional.of(value("partitionFilter")).filter(text -> !text.isBlank()),
            Optional.of(
                value("scheduleKind").equals("INTERVAL") ? value("schedule").strip() : "MANUAL"),
            Optional.of(value("mode")),
            Optional.of(value("onError")),
            maxErrors()));
  }

  /** The wizard with the errors of its own rules shown, for a Create it could not send. */
  ImportWizard checked() {
    Map<String, String> all = new LinkedHashMap<>(errors);
    ownErrors().forEach(all::putIfAbsent);
    return withErrors(all, general);
  }

  /**
   * The wizard with the service's rejection shown: each broken rule beside its field (a rule the
   * import's check names with its field, such as {@code mapping.segment: ...}), or above the form.
   */
  ImportWizard rejected(InvalidInputException rejection) {
    Map<String, String> all = new LinkedHashMap<>(errors);
    List<String> unplaced = new ArrayList<>();
    for (InvalidInputException part : rejection.parts()) {
      boolean single = part.problems().equals(List.of(part.getMessage()));
      for (String problem : part.problems()) {
        String field = single ? formField(part.field()) : fieldOf(problem);
        if (shows(field)) {
          all.putIfAbsent(field, problem);
        } else {
          unplaced.add(problem);
        }
      }
    }
    return withErrors(
        all, unplaced.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", unplaced)));
  }

  /**
   * The wizard with a refusal that is about no one field (e.g. the connection is no longer Active).
   */
  ImportWizard failed(String problem) {
    return withErrors(errors, Optional.of(problem));
  }

  /** The wizard as shown after the user moved on: the focus goes to the step reached. */
  ImportWizard moved() {
    return new ImportWizard(
        values,
        connections,
        connection,
        tables,
        table,
        dataType,
        step,
        errors,
        general,
        true,
        fresh);
  }

  private ImportWizard withErrors(Map<String, String> found, Optional<String> problem) {
    return new ImportWizard(
        values,
        connections,
        connection,
        tables,
        table,
        dataType,
        step,
        Collections.unmodifiableMap(new LinkedHashMap<>(found)),
        problem,
        moved,
        fresh);
  }

  /** The form field a broken rule is about: what precedes its first colon, as the API words it. */
  static String fieldOf(String problem) {
    int colon = problem.indexOf(':');
    String prefix = colon > 0 ? problem.substring(0, colon) : "";
    if (prefix.equals("partition filter")) {
      return "partitionFilter";
    }
    return formField(prefix);
  }

  private static String formField(String apiField) {
    return apiField.equals("mapping.attributes") ? "attributes" : apiField;
  }

  /** Whether the form shows {@code field}, so that a message can stand beside it. */
  private boolean shows(String field) {
    return fieldOrder().contains(field);
  }

  /** The fields in the order the page shows them. */
  List<String> fieldOrder() {
    List<String> order = new ArrayList<>(List.of("source", "connectionId", "table", "dataType"));
    dataType.ifPresent(type -> type.roles().forEach(role -> order.add(MAPPING + role.name())));
    order.addAll(
        List.of(
            "attributes",
            "columns",
            "partitionFilter",
            "schedule",
            "mode",
            "onError",
            "maxErrors",
            "name"));
    return order;
  }

  /**
   * Whether the settings were just filled in with their defaults (the table or data type changed):
   * the user has to see them before the import can be created.
   */
  boolean freshSettings() {
    return fresh;
  }

  public Step step() {
    return step;
  }

  /** Whether {@code shown} is reached: its choices are on the page. */
  public boolean shows(Step shown) {
    return step.compareTo(shown) >= 0;
  }

  /** The typed or chosen value of a field, empty when none. */
  public String value(String field) {
    return first(values, field);
  }

  /** Every value of a field that takes several (check boxes). */
  public List<String> list(String field) {
    return values.getOrDefault(field, List.of());
  }

  /** Whether a choice field holds {@code option}. */
  public boolean is(String field, String option) {
    return list(field).contains(option);
  }

  public Optional<String> error(String field) {
    return Optional.ofNullable(errors.get(field));
  }

  public Map<String, String> errors() {
    return errors;
  }

  /** The id of a field's control: its name with the dot of mapping entries made a dash. */
  public static String id(String field) {
    return field.replace('.', '-');
  }

  /** The id of the field's message, for aria-describedby; empty when the field is fine. */
  public Optional<String> describedBy(String field) {
    return error(field).map(e -> id(field) + "-error");
  }

  /** The ids that describe a field's control: its help, then its message when it has one. */
  public String describedBy(String field, String helpId) {
    return describedBy(field).map(error -> helpId + " " + error).orElse(helpId);
  }

  /** {@code "true"} when the field breaks a rule (its aria-invalid), else empty. */
  public Optional<String> invalid(String field) {
    return error(field).map(e -> "true");
  }

  /** A problem about no one field, shown above the form. */
  public Optional<String> general() {
    return general;
  }

  /**
   * Whether the control with {@code controlId} takes the focus: the first field in error, or, after
   * moving on, the first control of the step reached.
   */
  public boolean focused(String controlId) {
    return focusId().map(controlId::equals).orElse(false);
  }

  private Optional<String> focusId() {
    Optional<String> firstError = fieldOrder().stream().filter(errors::containsKey).findFirst();
    if (firstError.isPresent()) {
      return Optional.of(controlId(firstError.get()));
    }
    if (!moved) {
      return Optional.empty();
    }
    return Optional.of(
        switch (step) {
          case SOURCE -> controlId("source");
          case CONNECTION -> connections.isEmpty() ? "connections-link" : controlId("connectionId");
          case TABLE -> controlId("table");
          case DATA_TYPE -> controlId("dataType");
          case SETTINGS ->
              roles().isEmpty() ? controlId("columns") : controlId(roles().getFirst().field());
        });
  }

  /** The id of the first control of a field (a radio group's first button). */
  private String controlId(String field) {
    return switch (field) {
      case "source" -> "source-" + S3;
      case "dataType" -> "dataType-" + DataType.values()[0].name();
      case "mode" -> "mode-INCREMENTAL";
      case "onError" -> "onError-FAIL";
      case "columns", "attributes" -> field + "-0";
      default -> id(field);
    };
  }

  public List<ConnectionChoice> connections() {
    return connections;
  }

  public Optional<ConnectionChoice> connection() {
    return connection;
  }

  /** The discovered tables of the chosen connection, each with how it is laid out. */
  public List<String> tables() {
    return tables.stream().map(DiscoveredTable::name).toList();
  }

  /** How the table list describes a table: its name, partitioning and files. */
  public String tableLabel(String name) {
    return tables.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .map(
            t ->
                t.name()
                    + (t.partitionKeys().isEmpty()
                        ? ""
                        : " — partitioned by " + String.join(", ", t.partitionKeys()))
                    + " — "
                    + t.files()
                    + (t.files() == 1 ? " file" : " files"))
        .orElse(name);
  }

  public List<DataTypeChoice> dataTypes() {
    List<DataTypeChoice> choices = new ArrayList<>();
    for (DataType type : DataType.values()) {
      String lower = type.name().replace('_', ' ').toLowerCase(Locale.ROOT);
      choices.add(
          new DataTypeChoice(
              type.name(),
              Character.toUpperCase(lower.charAt(0)) + lower.substring(1),
              DESCRIPTIONS.get(type)));
    }
    return choices;
  }

  /** Whether the chosen data type takes attribute columns (profiles do). */
  public boolean takesAttributes() {
    return dataType.map(DataType::takesAttributes).orElse(false);
  }

  /** The chosen data type's mapping entries, each offering only the columns that fit it. */
  public List<RoleField> roles() {
    if (dataType.isEmpty() || table.isEmpty()) {
      return List.of();
    }
    List<RoleField> roles = new ArrayList<>();
    for (MappingRole role : dataType.get().roles()) {
      List<ColumnChoice> fitting =
          table.get().columns().stream()
              .filter(c -> role.accepts(c.type()))
              .map(ImportWizard::choice)
              .toList();
      roles.add(
          new RoleField(
              MAPPING + role.name(),
              role.name(),
              role.required(),
              role.kind() == MappingRole.Kind.TAG,
              fitting,
              role.types().stream()
                  .map(ColumnType::sqlName)
                  .sorted()
                  .collect(Collectors.joining(" or "))));
    }
    return roles;
  }

  /** The chosen table's columns, in the table's order. */
  public List<ColumnChoice> columns() {
    return table
        .map(t -> t.columns().stream().map(ImportWizard::choice).toList())
        .orElse(List.of());
  }

  private static ColumnChoice choice(Column column) {
    return new ColumnChoice(
        column.name(), column.type().sqlName(), column.origin() == ColumnOrigin.PARTITION);
  }

  /** Where the partition filter's field asks for its check as the user types. */
  public String filterUrl() {
    return "/imports/new/filter?connectionId="
        + encode(connection.map(ConnectionChoice::id).orElse(""))
        + "&table="
        + encode(table.map(DiscoveredTable::name).orElse(""));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The check of the typed partition filter against the chosen table. */
  public FilterCheck filterCheck() {
    return filterCheck(value("partitionFilter"), table);
  }

  /**
   * A partition filter checked against {@code table}, as a new import's check words it; without a
   * table (not yet chosen, or gone), its syntax alone.
   */
  static FilterCheck filterCheck(String text, Optional<DiscoveredTable> table) {
    if (table.isPresent()) {
      String columns =
          ImportCheck.partitionColumns(table.get()).entrySet().stream()
              .map(e -> e.getKey() + " (" + e.getValue().sqlName() + ")")
              .collect(Collectors.joining(", "));
      return new FilterCheck(text, ImportCheck.checkFilter(text, table.get()), columns);
    }
    if (text.isBlank()) {
      return new FilterCheck(text, Optional.empty(), "");
    }
    try {
      PartitionFilter.parse(text);
      return new FilterCheck(text, Optional.empty(), "");
    } catch (PartitionFilterException e) {
      return new FilterCheck(
          text, Optional.of(new FilterProblem(e.getMessage(), OptionalInt.of(e.position()))), "");
    }
  }
}
