package io.hivewire.http;

/**
 * What the API's key check asks about a presented key. The issued API keys answer it; the HTTP
 * plumbing does not know them, so that the features' routes can depend on it without a cycle.
 */
public interface ApiKeyVerifier {

  /** Whether {@code presented} is a stored key. */
  boolean isValid(String presented);

  /** Whether {@code presented} is a stored key that may call every {@code /api/} route. */
  boolean isAdmin(String presented);
}
