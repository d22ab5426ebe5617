package io.hivewire.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Audience segments as the dashboard's templates show and edit them. */
public final class SegmentViews {

  private SegmentViews() {}

  /** A state as the form offers it: its API value and its label. */
  public record Choice(String value, String label) {}

  /** A segment as listed. */
  public record Row(
      String id, long code, String name, String description, String tags, String state) {}

  /**
   * What the segment form holds: the typed values, the service's message per field and one for the
   * whole form; {@code id} is empty for a new segment.
   */
  public record Form(
      Optional<String> id,
      Map<String, String> values,
      Map<String, String> errors,
      Optional<String> general) {

    /** The fields, in the order of the form. */
    static final List<String> FIELDS = List.of("code", "name", "description", "tags", "state");

    public Form {
      Objects.requireNonNull(id, "id is null");
      values = Map.copyOf(Objects.requireNonNull(values, "values is null"));
      errors = Map.copyOf(Objects.requireNonNull(errors, "errors is null"));
      Objects.requireNonNull(general, "general is null");
    }

    /** The typed value, empty when nothing was typed. */
    public String value(String field) {
      return values.getOrDefault(field, "");
    }

    /** Whether a choice field holds {@code option}. */
    public boolean is(String field, String option) {
      return value(field).equals(option);
    }

    public Optional<String> error(String field) {
      return Optional.ofNullable(errors.get(field));
    }

    /** The field's label. */
    public String label(String field) {
      return switch (field) {
        case "code" -> "Code";
        case "name" -> "Name";
        case "description" -> "Description (optional)";
        case "tags" -> "Tags (optional, separated by commas)";
        default -> "State";
      };
    }

    /** The ids of the field's help and message, for aria-describedby; empty when it has none. */
    public Optional<String> describedBy(String field) {
      String ids =
          (field.equals("code") ? "code-help " : "")
              + error(field).map(e -> field + "-error").orElse("");
      return ids.isBlank() ? Optional.empty() : Optional.of(ids.strip());
    }

    /** Where the form posts: the list for a new segment, the segment itself otherwise. */
    public String action() {
      return id.map(i -> "/routing/segments/" + i).orElse("/routing/segments");
    }
  }
}
