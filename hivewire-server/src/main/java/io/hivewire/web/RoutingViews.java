package io.hivewire.web;

/** Routing destinations as the dashboard's templates show them. */
public final class RoutingViews {

  private RoutingViews() {}

  /** A destination as listed: where it writes, its status in words and its live figures. */
  public record Row(
      String id,
      String name,
      String location,
      String region,
      String status,
      String statusCss,
      String statusMessage,
      String flushInterval,
      String freshnessLag,
      long files,
      String bytes,
      String lastFile,
      String lastError,
      boolean paused) {}
}
