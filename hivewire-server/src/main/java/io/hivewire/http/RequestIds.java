package io.hivewire.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id, echoed in the {@code X-Request-Id} response header, in error bodies
 * and as {@code request_id} in the log lines written while the request is served; a well-formed id
 * sent by the caller is kept so logs can be correlated across services.
 */
final class RequestIds {

  static final String HEADER = "X-Request-Id";

  /** The MDC key of the id, the {@code request_id} field of JSON log lines. */
  static final String LOG_FIELD = "request_id";

  private static final String ATTRIBUTE = "hivewire.request-id";
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  static void assign(Context ctx) {
    String sent = ctx.header(HEADER);
    String id =
        sent != null && ACCEPTED.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    MDC.put(LOG_FIELD, id);
  }

  /**
   * Ends the request's log lines; called last, on the thread that served it (a kept-alive
   * connection serves its next request on the same thread).
   */
  static void leave() {
    MDC.remove(LOG_FIELD);
  }

  static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "none" : id;
  }
}
