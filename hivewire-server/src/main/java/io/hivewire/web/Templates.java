package io.hivewire.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** The dashboard's templates, compiled at build time and escaped for HTML by default. */
public final class Templates {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders template {@code name} (e.g. {@code catalog.jte}) with its parameters. */
  public String render(String name, Map<String, Object> params) {
    StringOutput output = new StringOutput();
    engine.render(name, params, output);
    return output.toString();
  }
}
