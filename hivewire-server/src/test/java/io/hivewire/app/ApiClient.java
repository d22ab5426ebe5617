package io.hivewire.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small HTTP client for the API in tests: sends JSON, parses JSON answers. */
final class ApiClient {

  /** One answer: status, the X-Request-Id header, the body and every header. */
  record Response(int status, Optional<String> requestId, String body, HttpHeaders headers) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final Optional<String> apiKey;

  ApiClient(URI base, Optional<String> apiKey) {
    this.base = base;
    this.apiKey = apiKey;
  }

  ApiClient withKey(String key) {
    return new ApiClient(base, Optional.of(key));
  }

  ApiClient withoutKey() {
    return new ApiClient(base, Optional.empty());
  }

  Response get(String path) {
    return send("GET", path, Optional.empty());
  }

  Response post(String path, String json) {
    return send("POST", path, Optional.of(json));
  }

  Response put(String path, String json) {
    return send("PUT", path, Optional.of(json));
  }

  Response patch(String path, String json) {
    return send("PATCH", path, Optional.of(json));
  }

  Response delete(String path) {
    return send("DELETE", path, Optional.empty());
  }

  private Response send(String method, String path, Optional<String> body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body.map(HttpRequest.BodyPublishers::ofString)
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    body.ifPresent(b -> request.header("Content-Type", "application/json"));
    apiKey.ifPresent(key -> request.header("X-API-Key", key));
    HttpResponse<String> response = exchange(http, request.build());
    return new Response(
        response.statusCode(),
        response.headers().firstValue("X-Request-Id"),
        response.body(),
        response.headers());
  }

  /** Sends {@code request} with a test's own client, reading the answer as text. */
  static HttpResponse<String> exchange(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
