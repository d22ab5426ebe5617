package io.hivewire.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates JSON against the schemas of an OpenAPI 3.1 document with a real JSON Schema 2020-12
 * validator, and lists the document's examples with the schema each must fit.
 */
public final class OpenApiSchemas {

  /** An example of the document and the schema it must fit; {@code where} names it in failures. */
  public record Example(String where, JsonNode schema, JsonNode value) {}

  private final ObjectNode document;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  public OpenApiSchemas(ObjectNode document) {
    this.document = document;
  }

  /** Every way {@code value} breaks {@code schema}; empty when it fits. */
  public List<String> problems(JsonNode schema, JsonNode value) {
    // OpenAPI's refs point into #/components: a copy of them beside the schema makes them resolve.
    ObjectNode root = document.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.setAll((ObjectNode) schema.deepCopy());
    root.set("components", document.get("components"));
    return registry.getSchema(root).validate(value).stream().map(Error::toString).toList();
  }

  /** The node {@code node} points at when it is a {@code $ref}, else {@code node}. */
  public JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("only local refs are supported, got " + ref);
      }
      current = document.at(ref.substring(1));
      if (current.isMissingNode()) {
        throw new IllegalArgumentException("the ref " + ref + " points at nothing");
      }
    }
    return current;
  }

  /** The operation object of {@code method} (lower case) on {@code path}. */
  public JsonNode operation(String method, String path) {
    return document.path("paths").path(path).path(method);
  }

  /** The schema of the JSON answer of {@code status}, if the operation documents one. */
  public Optional<JsonNode> responseSchema(JsonNode operation, int status) {
    JsonNode response = operation.path("responses").path(String.valueOf(status));
    if (response.isMissingNode()) {
      return Optional.empty();
    }
    JsonNode schema = resolve(response).path("content").path("application/json").path("schema");
    return schema.isMissingNode() ? Optional.empty() : Optional.of(schema);
  }

  /** Every example of the document: parameters, request bodies and responses. */
  public List<Example> examples() {
    List<Example> examples = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      List<JsonNode> shared = new ArrayList<>();
      path.getValue().path("parameters").forEach(shared::add);
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        if (method.getKey().equals("parameters")) {
          continue;
        }
        String where = method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
        List<JsonNode> parameters = new ArrayList<>(shared);
        method.getValue().path("parameters").forEach(parameters::add);
        for (JsonNode reference : parameters) {
          JsonNode parameter = resolve(reference);
          if (parameter.has("example")) {
            examples.add(
                new Example(
                    where + " parameter " + parameter.path("name").asText(),
                    parameter.path("schema"),
                    parameter.get("example")));
          }
        }
        JsonNode body = resolve(method.getValue().path("requestBody"));
        addMedia(examples, where + " request", body.path("content"));
        for (Map.Entry<String, JsonNode> response :
            method.getValue().path("responses").properties()) {
          addMedia(
              examples,
              where + " " + response.getKey(),
              resolve(response.getValue()).path("content"));
        }
      }
    }
    return examples;
  }

  private void addMedia(List<Example> examples, String where, JsonNode content) {
    for (Map.Entry<String, JsonNode> media : content.properties()) {
      JsonNode schema = media.getValue().path("schema");
      for (Map.Entry<String, JsonNode> example : media.getValue().path("examples").properties()) {
        examples.add(
            new Example(
                where + " " + media.getKey() + " example " + example.getKey(),
                schema,
                resolve(example.getValue()).path("value")));
      }
    }
  }
}
