package io.hivewire.web;

import io.hivewire.apikeys.ApiKeys;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotFoundException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** API keys: the list (never the keys), issuing one (shown once) and revoking one. */
final class ApiKeyPages {

  private final WebSupport web;
  private final ApiKeys keys;

  ApiKeyPages(WebSupport web, ApiKeys keys) {
    this.web = Objects.requireNonNull(web, "web is null");
    this.keys = Objects.requireNonNull(keys, "keys is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api-keys", ctx -> show(ctx, Optional.empty(), Optional.empty(), HttpStatus.OK));
    routes.post("/api-keys", this::issue);
    routes.post("/api-keys/{id}/revoke", this::revoke);
  }

  private void show(
      Context ctx,
      Optional<ApiKeyViews.Issued> issued,
      Optional<String> problem,
      HttpStatus status) {
    List<ApiKeyViews.KeyRow> rows =
        keys.list().stream()
            .map(
                k ->
                    new ApiKeyViews.KeyRow(
                        k.id().toString(),
                        k.name(),
                        String.join(", ", k.scopes()),
                        ConnectionViews.time(k.createdAt()),
                        k.lastUsedAt().map(ConnectionViews::time).orElse("never")))
            .toList();
    ctx.status(status);
    web.page(
        ctx,
        "api-keys.jte",
        WebSupport.chrome(ctx, "API keys", Chrome.Section.API_KEYS),
        Map.of("keys", rows, "issued", issued, "problem", problem));
  }

  private void issue(Context ctx) {
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
    String scope = Optional.ofNullable(ctx.formParam("scope")).orElse("");
    try {
      ApiKeys.IssuedKey issued = keys.issue(name, scope);
      show(
          ctx,
          Optional.of(new ApiKeyViews.Issued(issued.stored().name(), issued.key())),
          Optional.empty(),
          HttpStatus.CREATED);
    } catch (InvalidInputException e) {
      show(ctx, Optional.empty(), Optional.of(e.getMessage()), HttpStatus.UNPROCESSABLE_CONTENT);
    }
  }

  private void revoke(Context ctx) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      show(ctx, Optional.empty(), Optional.of("No such API key."), HttpStatus.NOT_FOUND);
      return;
    }
    try {
      keys.revoke(id);
      web.sessions().endSessionsOf(id);
    } catch (NotFoundException | ConflictException e) {
      show(ctx, Optional.empty(), Optional.of(e.getMessage()), HttpStatus.CONFLICT);
      return;
    }
    ctx.redirect("/api-keys", HttpStatus.SEE_OTHER);
  }
}
