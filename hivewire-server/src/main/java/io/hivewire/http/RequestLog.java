package io.hivewire.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line for every API call that changes something (not a {@code GET}): method, path, status
 * and duration, so an operator can tell who changed what when. Never bodies, query strings or
 * headers, which carry keys and credentials.
 */
final class RequestLog {

  private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

  private RequestLog() {}

  static void log(Context ctx, float millis) {
    HandlerType method = ctx.method();
    if (method == HandlerType.GET
        || method == HandlerType.HEAD
        || method == HandlerType.OPTIONS
        || !ctx.path().startsWith("/api/")) {
      return;
    }
    long duration = Math.round(millis);
    log.atInfo()
        .addKeyValue("method", method.name())
        .addKeyValue("path", ctx.path())
        .addKeyValue("status", ctx.statusCode())
        .addKeyValue("duration_ms", duration)
        .log("{} {} {} {} ms", method.name(), ctx.path(), ctx.statusCode(), duration);
  }
}
