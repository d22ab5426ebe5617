package io.hivewire.web;

import io.hivewire.routing.RoutingHistory;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A destination's last hour drawn on the server as SVG: records per minute as bars above, the
 * freshness lag as a line with a point per minute below. It carries its own title and description,
 * each bar and point its own tooltip, and the same figures as a sentence for beside it, so that no
 * reader depends on seeing the drawing or its colours.
 */
public record RoutingChart(String svg, String summary) {

  static final int WIDTH = 640;
  static final int HEIGHT = 300;
  private static final int LEFT = 56;
  private static final int RIGHT = 12;
  private static final int PANEL = 90;
  private static final int RECORDS_TOP = 28;
  private static final int LAG_TOP = 168;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  public RoutingChart {
    Objects.requireNonNull(svg, "svg is null");
    Objects.requireNonNull(summary, "summary is null");
  }

  /** The chart of {@code history}. */
  static RoutingChart of(RoutingHistory.Snapshot history) {
    String summary = summary(history);
    List<RoutingHistory.Minute> minutes = history.minutes();
    double slot = (double) (WIDTH - LEFT - RIGHT) / minutes.size();
    long recordsScale = niceCeiling(history.peakRecords());
    long lagScale = niceCeiling((long) Math.ceil(history.peakLag().toMillis() / 1000.0));

    StringBuilder svg = new StringBuilder(8192);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"routing-chart\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-labelledby=\"routing-chart-title routing-chart-desc\">")
        .append("<title id=\"routing-chart-title\">Records per minute and freshness lag over the")
        .append(" last hour</title><desc id=\"routing-chart-desc\">")
        .append(escape(summary))
        .append("</desc>");

    panel(svg, RECORDS_TOP, "Records per minute (bars)", Long.toString(recordsScale));
    svg.append("<g class=\"bars\">");
    for (int i = 0; i < minutes.size(); i++) {
      RoutingHistory.Minute minute = minutes.get(i);
      if (minute.records() == 0) {
        continue;
      }
      double height = Math.max(1, PANEL * (double) minute.records() / recordsScale);
      svg.append("<rect class=\"bar\" x=\"")
          .append(number(LEFT + i * slot + 1))
          .append("\" y=\"")
          .append(number(RECORDS_TOP + PANEL - height))
          .append("\" width=\"")
          .append(number(Math.max(1, slot - 2)))
          .append("\" height=\"")
          .append(number(height))
          .append("\" data-records=\"")
          .append(minute.records())
          .append("\"><title>")
          .append(escape(TIME.format(minute.start()) + ": " + minute.records() + " records in "))
          .append(minute.files())
          .append(minute.files() == 1 ? " file" : " files")
          .append("</title></rect>");
    }
    svg.append("</g>");

    panel(svg, LAG_TOP, "Freshness lag in seconds (line)", lagScale + " s");
    StringBuilder path = new StringBuilder();
    StringBuilder points = new StringBuilder();
    boolean drawing = false;
    for (int i = 0; i < minutes.size(); i++) {
      Optional<Duration> lag = minutes.get(i).freshnessLag();
      if (lag.isEmpty()) {
        drawing = false;
        continue;
      }
      double x = LEFT + (i + 0.5) * slot;
      double y = LAG_TOP + PANEL - PANEL * (lag.get().toMillis() / 1000.0) / lagScale;
      path.append(drawing ? " L" : " M").append(number(x)).append(' ').append(number(y));
      drawing = true;
      points
          .append("<circle class=\"lag-point\" r=\"3\" cx=\"")
          .append(number(x))
          .append("\" cy=\"")
          .append(number(y))
          .append("\"><title>")
          .append(
              escape(
                  TIME.format(minutes.get(i).start())
                      + ": freshness lag up to "
                      + seconds(lag.get())))
          .append("</title></circle>");
    }
    if (!path.isEmpty()) {
      svg.append("<path class=\"lag-line\" d=\"").append(path.toString().strip()).append("\"/>");
    }
    svg.append(points);

    String start = TIME.format(minutes.getFirst().start());
    svg.append("<text class=\"axis-label\" x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(HEIGHT - 8)
        .append("\">")
        .append(escape(start))
        .append("</text><text class=\"axis-label\" text-anchor=\"end\" x=\"")
        .append(WIDTH - RIGHT)
        .append("\" y=\"")
        .append(HEIGHT - 8)
        .append("\">now</text></svg>");
    return new RoutingChart(svg.toString(), summary);
  }

  /** A panel's heading, its frame and its scale: 0 at the bottom, {@code top} at the top. */
  private static void panel(StringBuilder svg, int top, String heading, String scale) {
    svg.append("<text class=\"panel-title\" x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(top - 10)
        .append("\">")
        .append(escape(heading))
        .append("</text>")
        .append("<line class=\"grid\" x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(WIDTH - RIGHT)
        .append("\" y1=\"")
        .append(top)
        .append("\" y2=\"")
        .append(top)
        .append("\"/><line class=\"axis\" x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(WIDTH - RIGHT)
        .append("\" y1=\"")
        .append(top + PANEL)
        .append("\" y2=\"")
        .append(top + PANEL)
        .append("\"/><text class=\"axis-label\" text-anchor=\"end\" x=\"")
        .append(LEFT - 6)
        .append("\" y=\"")
        .append(top + 4)
        .append("\">")
        .append(escape(scale))
        .append("</text><text class=\"axis-label\" text-anchor=\"end\" x=\"")
        .append(LEFT - 6)
        .append("\" y=\"")
        .append(top + PANEL + 4)
        .append("\">0</text>");
  }

  /** The hour in one sentence per measure, for people who do not see the chart. */
  static String summary(RoutingHistory.Snapshot history) {
    List<RoutingHistory.Minute> minutes = history.minutes();
    long records = history.totalRecords();
    long files = minutes.stream().mapToLong(RoutingHistory.Minute::files).sum();
    StringBuilder text = new StringBuilder();
    if (records == 0) {
      text.append("No records written in the last hour.");
    } else {
      RoutingHistory.Minute peak =
          minutes.stream()
              .filter(m -> m.records() == history.peakRecords())
              .reduce((a, b) -> b)
              .orElseThrow();
      text.append(records)
          .append(records == 1 ? " record" : " records")
          .append(" written in the last hour in ")
          .append(files)
          .append(files == 1 ? " file" : " files")
          .append("; peak ")
          .append(peak.records())
          .append(" records per minute at ")
          .append(TIME.format(peak.start()))
          .append('.');
    }
    Optional<Duration> latest =
        minutes.reversed().stream().flatMap(m -> m.freshnessLag().stream()).findFirst();
    if (latest.isEmpty()) {
      text.append(" No freshness lag measured: the destination has not routed in the last hour.");
    } else {
      text.append(" Freshness lag: worst ")
          .append(seconds(history.peakLag()))
          .append(", latest ")
          .append(seconds(latest.get()))
          .append('.');
    }
    return text.toString();
  }

  /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code value} (1 for 0). */
  static long niceCeiling(long value) {
    long power = 1;
    while (true) {
      for (long step : new long[] {1, 2, 5}) {
        if (step * power >= value) {
          return step * power;
        }
      }
      power *= 10;
    }
  }

  static String seconds(Duration duration) {
    double seconds = duration.toMillis() / 1000.0;
    return seconds >= 10
        ? Math.round(seconds) + " s"
        : String.format(Locale.ROOT, "%.1f s", seconds);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
