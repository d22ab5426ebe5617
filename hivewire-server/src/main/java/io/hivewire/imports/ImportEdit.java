package io.hivewire.imports;

import io.hivewire.errors.InvalidInputException;
import io.hivewire.importer.ImportCheck;
import io.hivewire.importer.ImportDefinition;
import io.hivewire.importer.ImportMode;
import io.hivewire.importer.InvalidImportException;
import io.hivewire.importer.OnError;
import io.hivewire.importer.Schedule;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.schema.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A change to an import, checked: the import's new definition, and the columns its table gains
 * (NULL in the rows already loaded) and loses.
 */
record ImportEdit(ImportDefinition after, List<Column> added, List<String> dropped) {

  ImportEdit {
    Objects.requireNonNull(after, "after is null");
    added = List.copyOf(Objects.requireNonNull(added, "added is null"));
    dropped = List.copyOf(Objects.requireNonNull(dropped, "dropped is null"));
  }

  /**
   * Applies {@code change} to {@code before}, with the same rules as a new import; the columns are
   * checked against {@code known}, the table the import knows, read only when they change.
   *
   * @throws InvalidInputException naming every field that breaks a rule, as a new import's check
   */
  static ImportEdit of(
      ImportDefinition before, ImportChange change, Supplier<DiscoveredTable> known) {
    List<String> problems = new ArrayList<>();
    String name = before.name();
    if (change.name().isPresent()) {
      if (change.name().get().isBlank()) {
        problems.add("name: enter a name for the import, not an empty one");
      } else {
        name = change.name().get().strip();
      }
    }
    Schedule schedule =
        checked(problems, change.schedule(), ImportService::schedule).orElse(before.schedule());
    ImportMode mode =
        checked(
                problems,
                change.mode(),
                text -> ImportService.enumValue(text, "mode", ImportMode.class))
            .orElse(before.mode());
    OnError onError =
        checked(
                problems,
                change.onError(),
                text -> ImportService.enumValue(text, "onError", OnError.class))
            .orElse(before.onError());
    int maxErrors = before.maxErrors();
    if (change.maxErrors().isPresent()) {
      if (change.maxErrors().get() < 0) {
        problems.add(
            "maxErrors: "
                + change.maxErrors().get()
                + " is negative: it counts bad rows allowed per file, 0 or more");
      } else {
        maxErrors = change.maxErrors().get();
      }
    }
    ImportDefinition after =
        new ImportDefinition(
            name,
            before.connectionId(),
            before.table(),
            before.dataType(),
            before.mapping(),
            change.columns().orElse(before.columns()),
            before.partitionFilter(),
            schedule,
            mode,
            onError,
            maxErrors);
    List<Column> added = List.of();
    List<String> dropped = List.of();
    if (change.columns().isPresent()) {
      DiscoveredTable table = known.get();
      try {
        ImportCheck.check(after, table);
      } catch (InvalidImportException e) {
        problems.addAll(e.problems());
      }
      List<Column> then = selected(before, table);
      List<Column> now = selected(after, table);
      added = now.stream().filter(c -> !then.contains(c)).toList();
      dropped = then.stream().filter(c -> !now.contains(c)).map(Column::name).toList();
    }
    if (!problems.isEmpty()) {
      // Problems start with their field ("mapping.segment: ..."), as ImportCheck's do.
      int colon = problems.getFirst().indexOf(':');
      String field = colon > 0 ? problems.getFirst().substring(0, colon) : "columns";
      throw new InvalidInputException(
          field, "the import cannot be changed so: " + String.join("; ", problems));
    }
    return new ImportEdit(after, added, dropped);
  }

  /** The columns of {@code known} that {@code definition} loads: those it lists, or all. */
  private static List<Column> selected(ImportDefinition definition, DiscoveredTable known) {
    return known.columns().stream()
        .filter(c -> definition.columns().isEmpty() || definition.columns().contains(c.name()))
        .toList();
  }

  /** The value {@code parse} makes of {@code text}; empty, with the problem noted, when invalid. */
  private static <T> Optional<T> checked(
      List<String> problems, Optional<String> text, Function<String, T> parse) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(text.get()));
    } catch (InvalidInputException e) {
      problems.add(e.field() + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
