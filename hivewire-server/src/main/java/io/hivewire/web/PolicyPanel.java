package io.hivewire.web;

import java.util.Objects;
import java.util.Optional;

/** The bucket-policy panel of the new-connection form: the policy, or why there is none yet. */
public record PolicyPanel(Optional<String> policy, Optional<String> problem) {

  public PolicyPanel {
    Objects.requireNonNull(policy, "policy is null");
    Objects.requireNonNull(problem, "problem is null");
  }

  static PolicyPanel waiting() {
    return new PolicyPanel(Optional.empty(), Optional.empty());
  }

  static PolicyPanel of(String policy) {
    return new PolicyPanel(Optional.of(policy), Optional.empty());
  }

  static PolicyPanel problem(String message) {
    return new PolicyPanel(Optional.empty(), Optional.of(message));
  }
}
