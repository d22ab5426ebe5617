package io.hivewire.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The API's OpenAPI 3.1 contract, written by hand as YAML next to this class and served as JSON at
 * {@code GET /openapi.json}.
 */
public final class OpenApiDocument {

  /** Where the document is served, without a key. */
  public static final String PATH = "/openapi.json";

  private static final String RESOURCE = "openapi.yaml";
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final ObjectNode root;
  private final byte[] json;

  private OpenApiDocument(ObjectNode root, byte[] json) {
    this.root = root;
    this.json = json;
  }

  /** An operation of the document: its method (upper case) and path template. */
  public record Operation(String method, String path, String operationId) {}

  /** Reads the document from the jar; fails when it is missing or not an OpenAPI 3.1 object. */
  public static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar next to " + PATH);
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Reads a document from YAML text (JSON is YAML too). */
  public static OpenApiDocument parse(byte[] yaml) {
    JsonNode tree;
    try {
      tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException("the OpenAPI document is not valid YAML: " + e, e);
    }
    if (tree == null || !tree.isObject() || !tree.path("openapi").asText().startsWith("3.1")) {
      throw new IllegalArgumentException(
          "the OpenAPI document must be an object with openapi: 3.1.x, got "
              + (tree == null ? "nothing" : tree.path("openapi")));
    }
    try {
      ObjectNode root = (ObjectNode) tree;
      return new OpenApiDocument(root, new ObjectMapper().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document as a tree (a copy: the served one cannot change). */
  public ObjectNode tree() {
    return root.deepCopy();
  }

  /** The document as JSON bytes, as served. */
  public byte[] json() {
    return json.clone();
  }

  /** Every operation the document names, in the order it lists them. */
  public List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (var path : root.path("paths").properties()) {
      for (var entry : path.getValue().properties()) {
        if (METHODS.contains(entry.getKey())) {
          operations.add(
              new Operation(
                  entry.getKey().toUpperCase(Locale.ROOT),
                  path.getKey(),
                  entry.getValue().path("operationId").asText("")));
        }
      }
    }
    return operations;
  }
}
