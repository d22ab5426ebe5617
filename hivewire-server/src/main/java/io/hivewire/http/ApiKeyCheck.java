package io.hivewire.http;

import io.javalin.http.Context;

/** Lets an {@code /api/} request through only with a valid {@code X-API-Key}. */
public final class ApiKeyCheck {

  public static final String HEADER = "X-API-Key";

  private final ApiKeyVerifier keys;

  ApiKeyCheck(ApiKeyVerifier keys) {
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
    if (keys.isValid(presented) && !keys.isAdmin(presented)) {
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
