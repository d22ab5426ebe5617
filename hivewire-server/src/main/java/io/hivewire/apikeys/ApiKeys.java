package io.hivewire.apikeys;

import static java.time.temporal.ChronoUnit.MICROS;

import io.hivewire.config.Secret;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * API keys: issues, lists and revokes them, checks a presented key against the stored hashes, and
 * makes sure an admin key exists. Keys are 256 random bits, so one SHA-256 round is enough to make
 * a stolen hash useless.
 */
public final class ApiKeys {

  /** The scope of the admin key: every API call. */
  public static final String ADMIN_SCOPE = "admin";

  /** The scope of keys that may only send data to the collection API ({@code /v2.0}). */
  public static final String INGEST_SCOPE = "ingest";

  /** How long a key revoked by another process may still be accepted by this one. */
  public static final Duration REVOCATION_DELAY = VerifiedKeys.TRUST;

  private static final String PREFIX = "hw_";
  private static final int MAX_NAME_LENGTH = 200;

  private final ApiKeyRepository repository;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final VerifiedKeys<String> verified;
  private final VerifiedKeys<UUID> verifiedIds;

  /**
   * A key revoked through another instance (another node, the CLI) stops working here within {@link
   * #REVOCATION_DELAY}; one revoked through this instance, at once.
   */
  public ApiKeys(ApiKeyRepository repository, InstantSource clock) {
    this(repository, clock, VerifiedKeys.TRUST, System::nanoTime);
  }

  /** As {@link #ApiKeys(ApiKeyRepository, InstantSource)} with the trust and ticker given. */
  ApiKeys(ApiKeyRepository repository, InstantSource clock, Duration trust, LongSupplier nanoTime) {
    this.repository = Objects.requireNonNull(repository, "repository is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.verified = new VerifiedKeys<>(trust, nanoTime);
    this.verifiedIds = new VerifiedKeys<>(trust, nanoTime);
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
    return scopesOf(presented).isPresent();
  }

  /** Whether {@code presented} is a stored key with {@code scope}; admin keys have every scope. */
  public boolean allows(String presented, String scope) {
    if (presented == null || presented.isBlank()) {
      return false;
    }
    return scopesOf(presented)
        .map(scopes -> scopes.contains(scope) || scopes.contains(ADMIN_SCOPE))
        .orElse(false);
  }

  private Optional<List<String>> scopesOf(String presented) {
    return verified.scopesOf(hash(presented.trim()), h -> repository.useOf(h, clock.instant()));
  }

  /** The id of the stored key {@code presented}; empty when it is not a key. */
  public Optional<UUID> idOf(String presented) {
    if (presented == null || presented.isBlank()) {
      return Optional.empty();
    }
    return repository.idOf(hash(presented.trim()));
  }

  /**
   * Whether the key with {@code id} still exists with {@code scope} (admin keys have all); known
   * lately as a presented key is, so that a signed-in page does not wait on the database for it.
   */
  public boolean allows(UUID id, String scope) {
    return verifiedIds
        .scopesOf(id, known -> repository.useOf(known, clock.instant()))
        .map(scopes -> scopes.contains(scope) || scopes.contains(ADMIN_SCOPE))
        .orElse(false);
  }

  /** Creates and stores a key with {@code scopes}; the key is returned once and never stored. */
  public String create(Set<String> scopes, String description) {
    return issue(scopes, description).key();
  }

  /** A key just issued: shown to its creator once, then only its hash is kept. */
  public record IssuedKey(StoredApiKey stored, String key) {}

  /**
   * Issues a key named {@code name} with {@code scope} ({@value #INGEST_SCOPE} or {@value
   * #ADMIN_SCOPE}); throws {@link InvalidInputException} naming what is wrong otherwise.
   */
  public IssuedKey issue(String name, String scope) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(
          "name", "name: the key needs a name that says who uses it, e.g. \"web tracker\"");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidInputException(
          "name", "name: at most " + MAX_NAME_LENGTH + " characters, got " + name.length());
    }
    if (!INGEST_SCOPE.equals(scope) && !ADMIN_SCOPE.equals(scope)) {
      throw new InvalidInputException(
          "scope",
          "scope: '"
              + scope
              + "' is not a scope: use \""
              + INGEST_SCOPE
              + "\" (sends data to /v2.0 only) or \""
              + ADMIN_SCOPE
              + "\" (every call)");
    }
    return issue(Set.of(scope), name.strip());
  }

  private IssuedKey issue(Set<String> scopes, String name) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    repository.add(id, hash(key), scopes, name, now);
    return new IssuedKey(
        new StoredApiKey(
            id, name, scopes.stream().sorted().toList(), now.truncatedTo(MICROS), Optional.empty()),
        key);
  }

  /**
   * Every key, without the keys themselves, with when each was last used to the minute: a use
   * reaches the database when the key is verified there, which {@link VerifiedKeys} does at most
   * every few seconds per key.
   */
  public List<StoredApiKey> list() {
    return repository.list();
  }

  /**
   * Revokes the key with {@code id}: it stops working at once. The last admin key cannot be
   * revoked, so that the API never locks everyone out.
   */
  public void revoke(UUID id) {
    var outcome = repository.delete(id, ADMIN_SCOPE);
    verified.forgetAll();
    verifiedIds.forgetAll();
    switch (outcome) {
      case REVOKED -> {}
      case NOT_FOUND ->
          throw new NotFoundException(
              "no API key with id "
                  + id
                  + ": GET /api/v1/api-keys (or ./hivewire api-key list) lists them");
      case LAST_OF_SCOPE ->
          throw new ConflictException(
              "API key "
                  + id
                  + " is the last admin key: issue another admin key first, then revoke this one");
    }
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
