package io.hivewire.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in the {@code X-Request-Id} response header and in error
 * bodies; a well-formed id sent by the caller is kept so logs can be correlated across services.
 */
final class RequestIds {

  static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = "hivewire.request-id";
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  static void assign(Context ctx) {
    String sent = ctx.header(HEADER);
    String id =
        sent != null && ACCEPTED.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "none" : id;
  }
}
