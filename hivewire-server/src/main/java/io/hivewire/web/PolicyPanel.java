package io.hivewire.web;

import io.hivewire.connections.PolicyService;
import java.util.Objects;
import java.util.Optional;

/**
 * The bucket-policy panel of the new-connection form: the policy with what to check about the
 * principal it names, or why there is none yet.
 */
public record PolicyPanel(
    Optional<String> policy, Optional<String> note, Optional<String> problem) {

  public PolicyPanel {
    Objects.requireNonNull(policy, "policy is null");
    Objects.requireNonNull(note, "note is null");
    Objects.requireNonNull(problem, "problem is null");
  }

  static PolicyPanel waiting() {
    return new PolicyPanel(Optional.empty(), Optional.empty(), Optional.empty());
  }

  static PolicyPanel of(PolicyService.Policy policy) {
    return new PolicyPanel(Optional.of(policy.document()), policy.note(), Optional.empty());
  }

  static PolicyPanel problem(String message) {
    return new PolicyPanel(Optional.empty(), Optional.empty(), Optional.of(message));
  }
}
