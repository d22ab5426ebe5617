package io.hivewire.collect;

import java.util.Objects;

/**
 * An identifier a user is known by in another system ({@code tag}, e.g. {@code email_sha256}) and
 * how much it is trusted when identities conflict: priority 0 is the highest.
 */
public record Alias(String tag, String id, int priority) {

  public Alias {
    Objects.requireNonNull(tag, "tag is null");
    Objects.requireNonNull(id, "id is null");
    if (tag.isBlank()) {
      throw new IllegalArgumentException("alias tag is blank: name the identifier's kind");
    }
    if (id.isBlank()) {
      throw new IllegalArgumentException("alias id is blank for tag '" + tag + "'");
    }
    if (priority < 0) {
      throw new IllegalArgumentException(
          "alias priority is " + priority + " for tag '" + tag + "': use 0 (highest) or more");
    }
  }
}
