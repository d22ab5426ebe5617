package io.hivewire.http;

import io.hivewire.errors.BusyException;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotConfiguredException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.store.DatabaseUnavailableException;
import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into {@code {"error":{"status","code","message"},"request_id"}}, or into the
 * error page of a route group that serves the path as HTML: the one place exceptions meet HTTP
 * statuses.
 */
final class ErrorResponses {

  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
  private static final String WRITTEN = "hivewire.error-written";
  private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

  private final List<ApiServer.Routes> groups;

  ErrorResponses(List<ApiServer.Routes> groups) {
    this.groups = List.copyOf(groups);
  }

  void handle(Exception e, Context ctx) {
    switch (e) {
      case ApiException api -> write(ctx, api.code(), api.getMessage());
      case InvalidInputException invalid ->
          write(ctx, ErrorCode.INVALID_REQUEST, invalid.getMessage());
      case NotFoundException notFound -> write(ctx, ErrorCode.NOT_FOUND, notFound.getMessage());
      case ConflictException conflict -> write(ctx, ErrorCode.CONFLICT, conflict.getMessage());
      case NotConfiguredException notConfigured ->
          write(ctx, ErrorCode.NOT_CONFIGURED, notConfigured.getMessage());
      case BusyException busy -> write(ctx, ErrorCode.BUSY, busy.getMessage());
      case DatabaseUnavailableException down -> {
        ctx.header("Retry-After", DATABASE_RETRY_AFTER_SECONDS);
        write(ctx, ErrorCode.DATABASE_UNAVAILABLE, down.getMessage());
      }
      case MethodNotAllowedResponse wrongMethod -> {
        String allowed = String.join(", ", wrongMethod.getDetails().values());
        ctx.header("Allow", allowed);
        write(
            ctx,
            ErrorCode.METHOD_NOT_ALLOWED,
            ctx.method()
                + " is not allowed on "
                + ctx.path()
                + ": use "
                + allowed
                + " (see the README's HTTP API table)");
      }
      case RetryLaterException retry -> {
        ctx.header("Retry-After", RetryLaterException.RETRY_AFTER_SECONDS);
        write(ctx, ErrorCode.BUSY, retry.getMessage());
      }
      default -> {
        log.error("request {} {} failed ({})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
        write(
            ctx,
            ErrorCode.INTERNAL,
            "internal error; the server log has the details under request id "
                + RequestIds.of(ctx));
      }
    }
  }

  /** Fills in a JSON body for statuses Javalin sets itself (unknown route, wrong method). */
  void fallback(Context ctx, ErrorCode code, String message) {
    if (ctx.attribute(WRITTEN) == null) {
      write(ctx, code, message);
    }
  }

  void write(Context ctx, ErrorCode code, String message) {
    ctx.attribute(WRITTEN, Boolean.TRUE);
    ctx.status(code.status());
    HttpError answer = new HttpError(code, message);
    for (ApiServer.Routes group : groups) {
      if (group.errorPage(ctx, answer)) {
        return;
      }
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("status", code.status());
    error.put("code", code.name());
    error.put("message", message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("request_id", RequestIds.of(ctx));
    ctx.json(body);
  }
}
