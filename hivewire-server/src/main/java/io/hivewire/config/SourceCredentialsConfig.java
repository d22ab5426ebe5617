package io.hivewire.config;

import java.util.Objects;
import java.util.Optional;

/**
 * hivewire's own identity for reading customer buckets: the default credentials chain, optionally
 * assuming a role, and explicit keys for S3-compatible endpoints. No customer secret is involved.
 */
public record SourceCredentialsConfig(
    Optional<String> accountId,
    Optional<String> roleArn,
    Optional<String> assumeRoleArn,
    Optional<Secret> externalId,
    Optional<String> endpointAccessKey,
    Optional<Secret> endpointSecretKey) {

  public SourceCredentialsConfig {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(roleArn, "roleArn is null");
    Objects.requireNonNull(assumeRoleArn, "assumeRoleArn is null");
    Objects.requireNonNull(externalId, "externalId is null");
    Objects.requireNonNull(endpointAccessKey, "endpointAccessKey is null");
    Objects.requireNonNull(endpointSecretKey, "endpointSecretKey is null");
  }
}
