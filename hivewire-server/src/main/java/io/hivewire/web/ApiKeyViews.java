package io.hivewire.web;

/** API keys as the dashboard's templates show them; a key's secret only right after issuing. */
public final class ApiKeyViews {

  private ApiKeyViews() {}

  /** One key as listed: its name, scopes, when it was created and when last used ("never"). */
  public record KeyRow(String id, String name, String scopes, String created, String lastUsed) {}

  /** A key just issued: the only time its secret is shown. */
  public record Issued(String name, String key) {}
}
