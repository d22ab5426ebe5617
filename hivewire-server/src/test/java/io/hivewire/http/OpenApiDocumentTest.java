package io.hivewire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.collect.AudienceSegmentState;
import io.hivewire.connections.ConnectionStatus;
import io.hivewire.connections.ResyncStatus;
import io.hivewire.destination.SetupStatus;
import io.hivewire.importer.DataType;
import io.hivewire.importer.ImportMode;
import io.hivewire.importer.OnError;
import io.hivewire.importer.RunStatus;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenApiDocumentTest {

  private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
  private static final ObjectNode TREE = DOCUMENT.tree();
  private static final OpenApiSchemas SCHEMAS = new OpenApiSchemas(TREE);

  @Test
  void servesOpenApi31AsJson() throws Exception {
    JsonNode served = new ObjectMapper().readTree(DOCUMENT.json());

    assertThat(served.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(served).isEqualTo(TREE);
  }

  @Test
  void apiKeySchemeIsTheHeaderAndEachPathNamesItsScope() {
    JsonNode scheme = TREE.at("/components/securitySchemes/apiKey");
    assertThat(scheme.path("type").asText()).isEqualTo("apiKey");
    assertThat(scheme.path("in").asText()).isEqualTo("header");
    assertThat(scheme.path("name").asText()).isEqualTo(ApiKeyCheck.HEADER);

    for (OpenApiDocument.Operation operation : DOCUMENT.operations()) {
      JsonNode security =
          SCHEMAS
              .operation(operation.method().toLowerCase(java.util.Locale.ROOT), operation.path())
              .path("security");
      JsonNode effective = security.isMissingNode() ? TREE.path("security") : security;
      List<String> scopes = new ArrayList<>();
      effective.forEach(
          requirement -> requirement.path("apiKey").forEach(s -> scopes.add(s.asText())));
      if (operation.path().startsWith("/v2.0/")) {
        assertThat(scopes).as(operation.toString()).containsExactlyInAnyOrder("ingest", "admin");
      } else {
        assertThat(scopes).as(operation.toString()).containsExactly("admin");
      }
    }
  }

  @Test
  void everyOperationHasItsOwnIdAndItsErrorsTheErrorShape() {
    Set<String> ids = new HashSet<>();
    for (OpenApiDocument.Operation operation : DOCUMENT.operations()) {
      assertThat(operation.operationId()).as(operation.toString()).isNotBlank();
      assertThat(ids.add(operation.operationId())).as(operation.operationId()).isTrue();
      JsonNode responses =
          SCHEMAS
              .operation(operation.method().toLowerCase(java.util.Locale.ROOT), operation.path())
              .path("responses");
      assertThat(responses.has("401")).as(operation + " documents 401").isTrue();
      for (Map.Entry<String, JsonNode> response : responses.properties()) {
        if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
          assertThat(
                  SCHEMAS
                      .resolve(response.getValue())
                      .at("/content/application~1json/schema/$ref")
                      .asText())
              .as(operation + " " + response.getKey())
              .isEqualTo("#/components/schemas/Error");
        }
      }
    }
  }

  @Test
  void errorCodesAreTheServersCodes() {
    assertThat(enumOf("ErrorCode")).containsExactlyInAnyOrderElementsOf(names(ErrorCode.values()));
  }

  static Stream<Arguments> enums() {
    return Stream.of(
        Arguments.of("ConnectionStatus", names(ConnectionStatus.values())),
        Arguments.of("DataFormat", names(DataFormat.values())),
        Arguments.of("Partitioning", names(Partitioning.values())),
        Arguments.of("DataType", names(DataType.values())),
        Arguments.of("ImportMode", names(ImportMode.values())),
        Arguments.of("OnError", names(OnError.values())),
        Arguments.of("RunStatus", names(RunStatus.values())),
        Arguments.of("SegmentState", names(AudienceSegmentState.values())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("enums")
  void enumsAreTheServersValues(String schema, List<String> values) {
    assertThat(enumOf(schema)).containsExactlyInAnyOrderElementsOf(values);
  }

  @Test
  void nestedStatusEnumsAreTheServersValues() {
    assertThat(TREE.at("/components/schemas/ResyncRun/properties/status/enum"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrderElementsOf(names(ResyncStatus.values()));
    assertThat(TREE.at("/components/schemas/Destination/properties/status/enum"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrderElementsOf(names(SetupStatus.values()));
  }

  @Test
  void everyExampleFitsItsSchema() {
    List<OpenApiSchemas.Example> examples = SCHEMAS.examples();

    assertThat(examples).hasSizeGreaterThan(80);
    List<String> problems = new ArrayList<>();
    for (OpenApiSchemas.Example example : examples) {
      SCHEMAS
          .problems(example.schema(), example.value())
          .forEach(problem -> problems.add(example.where() + ": " + problem));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyRequestBodyAndSuccessAnswerHasAnExample() {
    List<String> missing = new ArrayList<>();
    for (OpenApiDocument.Operation operation : DOCUMENT.operations()) {
      String where = operation.method() + " " + operation.path();
      JsonNode op =
          SCHEMAS.operation(
              operation.method().toLowerCase(java.util.Locale.ROOT), operation.path());
      op.path("requestBody")
          .path("content")
          .properties()
          .forEach(
              media -> {
                if (media.getValue().path("examples").isEmpty()) {
                  missing.add(where + " request " + media.getKey());
                }
              });
      op.path("responses")
          .properties()
          .forEach(
              response -> {
                JsonNode json =
                    SCHEMAS.resolve(response.getValue()).path("content").path("application/json");
                if (!json.isMissingNode() && json.path("examples").isEmpty()) {
                  missing.add(where + " " + response.getKey());
                }
              });
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void validatorRefusesAnExampleThatBreaksItsSchema() {
    JsonNode connection = TREE.at("/components/examples/ActiveConnection/value").deepCopy();
    ((ObjectNode) connection).put("status", "DONE");
    ((ObjectNode) connection).put("createdAt", "yesterday");
    ((ObjectNode) connection).remove("bucket");
    JsonNode schema =
        new ObjectMapper().createObjectNode().put("$ref", "#/components/schemas/Connection");

    assertThat(SCHEMAS.problems(schema, connection))
        .anyMatch(p -> p.contains("status"))
        .anyMatch(p -> p.contains("createdAt"))
        .anyMatch(p -> p.contains("bucket"));
  }

  @Test
  void refusesADocumentThatIsNotOpenApi31() {
    assertThatThrownBy(
            () -> OpenApiDocument.parse("openapi: 3.0.3\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3.1");
    assertThatThrownBy(() -> OpenApiDocument.parse("paths: [\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void listsOperationsWithTheirMethodsAndTemplates() {
    OpenApiDocument small =
        OpenApiDocument.parse(
            """
            openapi: 3.1.0
            paths:
              /x/{id}:
                parameters: []
                get: {operationId: getX}
                delete: {operationId: deleteX}
            """
                .getBytes(StandardCharsets.UTF_8));

    assertThat(small.operations())
        .containsExactly(
            new OpenApiDocument.Operation("GET", "/x/{id}", "getX"),
            new OpenApiDocument.Operation("DELETE", "/x/{id}", "deleteX"));
  }

  private static List<String> enumOf(String schema) {
    List<String> values = new ArrayList<>();
    TREE.at("/components/schemas/" + schema + "/enum").forEach(v -> values.add(v.asText()));
    assertThat(values).as(schema + " has an enum").isNotEmpty();
    return values;
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
