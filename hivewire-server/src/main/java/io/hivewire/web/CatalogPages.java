package io.hivewire.web;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.Objects;

/** The catalog: the sources and destinations hivewire offers, each with its set-up button. */
final class CatalogPages {

  private final WebSupport web;

  CatalogPages(WebSupport web) {
    this.web = Objects.requireNonNull(web, "web is null");
  }

  void register(RoutesConfig routes) {
    routes.get(
        "/catalog",
        ctx ->
            web.page(
                ctx,
                "catalog.jte",
                WebSupport.chrome(ctx, "Catalog", Chrome.Section.CATALOG),
                Map.of()));
  }
}
