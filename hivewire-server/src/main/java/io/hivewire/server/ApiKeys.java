package io.hivewire.server;

import io.hivewire.config.Secret;
import io.hivewire.store.ApiKeyRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * API keys: checks a presented key against the stored hashes, and makes sure an admin key exists.
 * Keys are 256 random bits, so one SHA-256 round is enough to make a stolen hash useless.
 */
public final class ApiKeys {

  /** The scope of the admin key: every API call. */
  public static final String ADMIN_SCOPE = "admin";

  /** The scope of keys that may only send data to the collection API ({@code /v2.0}). */
  public static final String INGEST_SCOPE = "ingest";

  private static final String PREFIX = "hw_";

  private final ApiKeyRepository repository;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();

  public ApiKeys(ApiKeyRepository repository, InstantSource clock) {
    this.repository = Objects.requireNonNull(repository, "repository is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /**
   * Stores the hash of the configured admin key, or, when none is configured and no key exists yet,
   * creates one. Returns the created key, which is shown once and never stored.
   */
  public Optional<String> ensureAdminKey(Optional<Secret> configured) {
    if (configured.isPresent()) {
      repository.add(
          hash(configured.get().value()), Set.of(ADMIN_SCOPE), "HIVEWIRE_API_KEY", clock.instant());
      return Optional.empty();
    }
    if (!repository.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    repository.add(hash(key), Set.of(ADMIN_SCOPE), "created at first start", clock.instant());
    return Optional.of(key);
  }

  /** Whether {@code presented} is a stored key. */
  public boolean isValid(String presented) {
    if (presented == null || presented.isBlank()) {
      return false;
    }
    return repository.scopesOf(hash(presented.trim())).isPresent();
  }

  /** Whether {@code presented} is a stored key with {@code scope}; admin keys have every scope. */
  public boolean allows(String presented, String scope) {
    if (presented == null || presented.isBlank()) {
      return false;
    }
    return repository
        .scopesOf(hash(presented.trim()))
        .map(scopes -> scopes.contains(scope) || scopes.contains(ADMIN_SCOPE))
        .orElse(false);
  }

  /** Creates and stores a key with {@code scopes}; the key is returned once and never stored. */
  public String create(Set<String> scopes, String description) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    repository.add(hash(key), scopes, description, clock.instant());
    return key;
  }

  static String hash(String key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
