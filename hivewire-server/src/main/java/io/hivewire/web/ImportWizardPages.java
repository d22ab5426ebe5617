package io.hivewire.web;

import io.hivewire.connections.ConnectionDetails;
import io.hivewire.connections.ConnectionService;
import io.hivewire.connections.ConnectionStatus;
import io.hivewire.errors.BusyException;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.imports.ImportRequest;
import io.hivewire.imports.ImportService;
import io.hivewire.source.discovery.DiscoveredTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Create Import: the wizard of the source document, one form whose steps show as the earlier ones
 * are chosen (each Continue posts it back), and the partition filter's check as it is typed. Create
 * calls the service the API's {@code POST /api/v1/imports} calls.
 */
final class ImportWizardPages {

  private final WebSupport web;
  private final ImportService imports;
  private final ConnectionService connections;

  ImportWizardPages(WebSupport web, ImportService imports, ConnectionService connections) {
    this.web = Objects.requireNonNull(web, "web is null");
    this.imports = Objects.requireNonNull(imports, "imports is null");
    this.connections = Objects.requireNonNull(connections, "connections is null");
  }

  void register(RoutesConfig routes) {
    // A link may open the wizard at a step: /imports/new?source=S3&connectionId=...&table=...
    routes.get("/imports/new", ctx -> show(ctx, wizard(ctx.queryParamMap()), HttpStatus.OK));
    routes.post("/imports/new", this::post);
    routes.get("/imports/new/filter", this::filter);
  }

  private ImportWizard wizard(Map<String, List<String>> sent) {
    Map<String, List<String>> values = new LinkedHashMap<>(sent);
    values.remove("csrf");
    values.remove("action");
    List<ImportWizard.ConnectionChoice> active =
        connections.list().stream()
            .map(ConnectionDetails::connection)
            .filter(c -> c.status().status() == ConnectionStatus.ACTIVE)
            .map(
                c ->
                    new ImportWizard.ConnectionChoice(
                        c.id().toString(), c.spec().name(), c.spec().settings().schemaUrl()))
            .toList();
    return ImportWizard.of(values, active, this::tables);
  }

  /** The connection's discovered tables; none when it has none yet or is gone meanwhile. */
  private List<DiscoveredTable> tables(String connectionId) {
    try {
      return connections.tables(UUID.fromString(connectionId)).result().tables();
    } catch (IllegalArgumentException | ConflictException | NotFoundException e) {
      return List.of();
    }
  }

  private void post(Context ctx) {
    ImportWizard wizard = wizard(ctx.formParamMap());
    if (!"create".equals(ctx.formParam("action"))
        || wizard.step() != ImportWizard.Step.SETTINGS
        || wizard.freshSettings()) {
      show(ctx, wizard.moved(), HttpStatus.OK);
      return;
    }
    Optional<ImportRequest> request = wizard.request();
    if (request.isEmpty()) {
      show(ctx, wizard.checked(), HttpStatus.UNPROCESSABLE_CONTENT);
      return;
    }
    UUID created;
    try {
      created = imports.create(request.get()).stored().id();
    } catch (InvalidInputException e) {
      show(ctx, wizard.rejected(e), HttpStatus.UNPROCESSABLE_CONTENT);
      return;
    } catch (ConflictException | NotFoundException e) {
      show(ctx, wizard.failed(e.getMessage()), HttpStatus.CONFLICT);
      return;
    } catch (BusyException e) {
      show(ctx, wizard.failed(e.getMessage()), HttpStatus.SERVICE_UNAVAILABLE);
      return;
    }
    ctx.redirect("/imports/" + created, HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, ImportWizard wizard, HttpStatus status) {
    ctx.status(status);
    web.page(
        ctx,
        "import-new.jte",
        WebSupport.chrome(ctx, "Create Import", Chrome.Section.IMPORTS),
        Map.of("w", wizard));
  }

  private void filter(Context ctx) {
    String connectionId = Optional.ofNullable(ctx.queryParam("connectionId")).orElse("");
    String name = Optional.ofNullable(ctx.queryParam("table")).orElse("");
    Optional<DiscoveredTable> table =
        connectionId.isBlank()
            ? Optional.empty()
            : tables(connectionId).stream().filter(t -> t.name().equals(name)).findFirst();
    String text = Optional.ofNullable(ctx.queryParam("partitionFilter")).orElse("");
    web.fragment(ctx, "import-filter.jte", Map.of("check", ImportWizard.filterCheck(text, table)));
  }
}
