package io.hivewire.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** What a user typed into the new-connection form, and the service's message per field. */
public record ConnectionForm(
    Map<String, String> values, Map<String, String> errors, Optional<String> general) {

  static final List<String> FIELDS =
      List.of("name", "region", "bucket", "schemaPrefix", "dataFormat", "partitioning", "endpoint");

  public ConnectionForm {
    values = Map.copyOf(Objects.requireNonNull(values, "values is null"));
    errors = Map.copyOf(Objects.requireNonNull(errors, "errors is null"));
    Objects.requireNonNull(general, "general is null");
  }

  /** The form as first shown: the document's recommended choices selected. */
  static ConnectionForm empty() {
    return new ConnectionForm(
        Map.of("region", "us-east-1", "dataFormat", "PARQUET", "partitioning", "ALL"),
        Map.of(),
        Optional.empty());
  }

  static ConnectionForm from(UnaryOperator<String> param) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : FIELDS) {
      String value = param.apply(field);
      if (value != null) {
        values.put(field, value);
      }
    }
    return new ConnectionForm(values, Map.of(), Optional.empty());
  }

  ConnectionForm withErrors(Map<String, String> fieldErrors, Optional<String> problem) {
    return new ConnectionForm(values, fieldErrors, problem);
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

  /** The id of the field's message, for aria-describedby; empty when the field is fine. */
  public Optional<String> describedBy(String field) {
    return error(field).map(e -> field + "-error");
  }

  Optional<String> present(String field) {
    return Optional.ofNullable(values.get(field));
  }
}
