package io.hivewire.web;

import io.hivewire.http.HttpError;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A failed page request answered as a page: its status, what went wrong in words and a link back to
 * its section; never a stack trace (the server log has it under the request id).
 */
final class ErrorPages {

  private final WebSupport web;

  ErrorPages(WebSupport web) {
    this.web = Objects.requireNonNull(web, "web is null");
  }

  /** Renders {@code error} unless the page handler already rendered the page for its status. */
  void answer(Context ctx, HttpError error) {
    if (ctx.attribute(WebSupport.RENDERED) != null) {
      return;
    }
    WebSupport.securityHeaders(ctx);
    Chrome.Section section = sectionOf(ctx.path());
    String heading = heading(error.status());
    Sessions.Session session = ctx.attribute(WebSupport.SESSION);
    Chrome chrome =
        session == null
            ? new Chrome(heading, Chrome.Section.NONE, "", false)
            : new Chrome(heading, section, session.csrfToken(), true);
    ctx.status(error.status());
    web.page(
        ctx,
        "error.jte",
        chrome,
        Map.of(
            "heading",
            heading,
            "message",
            message(ctx, error),
            "status",
            error.status(),
            "backHref",
            section.href(),
            "backLabel",
            section.label()));
  }

  private static String heading(int status) {
    return switch (status) {
      case 400 -> "This request cannot be done";
      case 404 -> "Page not found";
      case 405 -> "Not allowed here";
      case 409 -> "In conflict with what is stored";
      case 503 -> "Unavailable for a moment";
      default -> status >= 500 ? "Something went wrong on the server" : "Request refused";
    };
  }

  /** The service's words, except where they speak of API routes a page reader never typed. */
  private static String message(Context ctx, HttpError error) {
    return switch (error.status()) {
      case 404 ->
          "Nothing is at "
              + ctx.path()
              + ": it may have been deleted, or the address is mistyped. Open it again from "
              + sectionOf(ctx.path()).label()
              + ".";
      case 405 ->
          "The address "
              + ctx.path()
              + " cannot be opened this way: use the buttons and links of the pages.";
      default -> sentence(error.message());
    };
  }

  /** The API's messages start in lower case; a page shows them as a sentence. */
  private static String sentence(String message) {
    return message.isEmpty()
        ? message
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }

  private static Chrome.Section sectionOf(String path) {
    return Arrays.stream(Chrome.Section.values())
        .filter(s -> s != Chrome.Section.NONE)
        .filter(s -> path.equals(s.href()) || path.startsWith(s.href() + "/"))
        .findFirst()
        .orElse(Chrome.Section.CONNECTIONS);
  }
}
