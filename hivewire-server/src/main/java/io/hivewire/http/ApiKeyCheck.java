package io.hivewire.http;

import io.hivewire.server.ApiKeys;
import io.javalin.http.Context;

/** Lets an {@code /api/} request through only with a valid {@code X-API-Key}. */
final class ApiKeyCheck {

  static final String HEADER = "X-API-Key";

  private final ApiKeys keys;

  ApiKeyCheck(ApiKeys keys) {
    this.keys = keys;
  }

  void check(Context ctx) {
    String presented = ctx.header(HEADER);
    if (presented == null || presented.isBlank()) {
      throw new ApiException(
          ErrorCode.UNAUTHORIZED,
          "missing API key: send it in the "
              + HEADER
              + " header (the server printed the admin key at its first start, or set it with"
              + " HIVEWIRE_API_KEY)");
    }
    if (keys.isValid(presented) && !keys.allows(presented, ApiKeys.ADMIN_SCOPE)) {
      throw new ApiException(
          ErrorCode.UNAUTHORIZED,
          "the API key in "
              + HEADER
              + " may only send data to the collection API (/v2.0): use the admin key for /api");
    }
    if (!keys.isValid(presented)) {
      throw new ApiException(
          ErrorCode.UNAUTHORIZED,
          "the API key in " + HEADER + " is not valid: use the admin key or another issued key");
    }
  }
}
