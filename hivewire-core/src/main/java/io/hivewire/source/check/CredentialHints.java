package io.hivewire.source.check;

import io.hivewire.s3.ObjectStoreException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user does when the credentials hivewire reads a bucket with are missing or rejected: each
 * names the one setting that supplies those credentials, since only the caller knows which it was.
 *
 * @param missing the fix when no credentials were found
 * @param rejected the fix when S3 refused the credentials (unknown key id, wrong secret, expired)
 */
public record CredentialHints(String missing, String rejected) {

  public CredentialHints {
    Objects.requireNonNull(missing, "missing is null");
    Objects.requireNonNull(rejected, "rejected is null");
    if (missing.isBlank() || rejected.isBlank()) {
      throw new IllegalArgumentException("both hints are required");
    }
  }

  /**
   * The message for a credentials failure reading {@code url}: one cause (none found, or refused)
   * and its fix; empty when {@code e} is about something else.
   */
  public Optional<String> messageFor(String url, ObjectStoreException e) {
    return switch (e.reason()) {
      case NO_CREDENTIALS ->
          Optional.of("hivewire has no credentials to read " + url + ": " + missing);
      case INVALID_CREDENTIALS ->
          Optional.of(
              "S3 rejected the credentials hivewire reads "
                  + url
                  + " with (unknown access key id, wrong secret key or expired session): "
                  + rejected);
      default -> Optional.empty();
    };
  }

  /** The hints for credentials from the AWS SDK's default chain, when no setting supplies them. */
  public static CredentialHints defaultChain() {
    return new CredentialHints(
        "the AWS default chain (environment, profile, container or instance role) found none:"
            + " give the process AWS credentials, e.g. AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an instance role",
        "they come from the AWS default chain: renew the credentials the process runs with"
            + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or its instance role)");
  }
}
