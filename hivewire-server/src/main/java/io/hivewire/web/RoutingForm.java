package io.hivewire.web;

import io.hivewire.destinations.DestinationInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a user typed into the S3 Streaming set-up form, and the validation's message per field. The
 * secret access key is kept only to create the destination: the page never shows it again.
 */
public record RoutingForm(
    Map<String, String> values, Map<String, String> errors, boolean secretTyped) {

  static final String SECRET = "secretAccessKey";

  static final List<String> FIELDS =
      List.of(
          "name",
          "bucket",
          "region",
          "prefix",
          "accessKeyId",
          SECRET,
          "encryption",
          "kmsKeyId",
          "flushInterval",
          "endpoint");

  /** The encryption choices, by the names the S3 console gives them. */
  public record Choice(String value, String label) {}

  public static final List<Choice> ENCRYPTIONS =
      List.of(
          new Choice("NONE", "None (the bucket's default encryption applies)"),
          new Choice("AES256", "SSE-S3 (AES-256, keys managed by Amazon S3)"),
          new Choice("KMS", "SSE-KMS (a customer-managed AWS KMS key)"));

  public RoutingForm {
    values = Map.copyOf(Objects.requireNonNull(values, "values is null"));
    errors = Map.copyOf(Objects.requireNonNull(errors, "errors is null"));
  }

  /** The form as first shown: the document's defaults selected. */
  static RoutingForm empty() {
    return new RoutingForm(
        Map.of("region", "us-east-1", "encryption", "NONE", "flushInterval", "PT5M"),
        Map.of(),
        false);
  }

  static RoutingForm from(UnaryOperator<String> param) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : FIELDS) {
      String value = param.apply(field);
      if (value != null && !value.isBlank()) {
        values.put(field, value);
      }
    }
    return new RoutingForm(values, Map.of(), values.containsKey(SECRET));
  }

  /** The input the shared validation checks: a field left empty counts as left out. */
  DestinationInput input() {
    return new DestinationInput(
        present("name"),
        Optional.of(DestinationInput.STREAMING),
        present("bucket"),
        present("region"),
        present("prefix"),
        present("endpoint"),
        present("encryption"),
        present("kmsKeyId"),
        present("flushInterval"),
        present("accessKeyId"),
        present(SECRET));
  }

  /** This form, to show again with {@code fieldErrors}, without the secret. */
  RoutingForm withErrors(List<DestinationInput.FieldError> fieldErrors) {
    Map<String, String> shown = new LinkedHashMap<>();
    fieldErrors.forEach(e -> shown.putIfAbsent(e.field(), e.message()));
    Map<String, String> kept = new LinkedHashMap<>(values);
    kept.remove(SECRET);
    return new RoutingForm(kept, shown, secretTyped);
  }

  /** The typed value, empty when nothing was typed; never the secret. */
  public String value(String field) {
    return field.equals(SECRET) ? "" : values.getOrDefault(field, "");
  }

  /** Whether a choice field holds {@code option}. */
  public boolean is(String field, String option) {
    return value(field).equals(option);
  }

  public Optional<String> error(String field) {
    return Optional.ofNullable(errors.get(field));
  }

  /** The ids that describe the field: its help (when it has one) and its error; null if none. */
  public String describedBy(String field, boolean help) {
    String ids =
        ((help ? field + "-help" : "") + (error(field).isPresent() ? " " + field + "-error" : ""))
            .strip();
    return ids.isEmpty() ? null : ids;
  }

  /** Whether the field's value was refused (its aria-invalid). */
  public String invalid(String field) {
    return error(field).isPresent() ? "true" : null;
  }

  private Optional<String> present(String field) {
    return Optional.ofNullable(values.get(field)).map(String::strip);
  }
}
