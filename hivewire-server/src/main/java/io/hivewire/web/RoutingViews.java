package io.hivewire.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
      boolean paused) {

    /** The destination's own page. */
    public String href() {
      return "/routing/destinations/" + id;
    }
  }

  /** A destination's page: its settings, its probe, its figures and its last hour. */
  public record Detail(
      Row row,
      String encryption,
      Optional<String> endpoint,
      String accessKeyId,
      String statusSince,
      Probe probe,
      long recordsWritten,
      List<TypeFiles> filesByType,
      String countedSince,
      String lastFileAt,
      RoutingChart chart,
      List<MinuteRow> minutes) {}

  /**
   * The permission probe as the page words it: {@code state} (Checking, Passed, Failed or Not run),
   * what it means, and the permission to grant when one is missing.
   */
  public record Probe(String state, String message, Optional<String> missingPermission) {

    public boolean failed() {
      return state.equals("Failed");
    }

    /** The card's class, by its state: a border beside the words, never instead of them. */
    public String css() {
      return "probe-" + state.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
  }

  /** Files written of one record type. */
  public record TypeFiles(String type, long files) {}

  /** One minute of the last hour in words, for the table beside the chart. */
  public record MinuteRow(String minute, long records, long files, String freshnessLag) {}
}
