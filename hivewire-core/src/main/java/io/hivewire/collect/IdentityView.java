package io.hivewire.collect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What the identity store knows, as identity resolution reads it. */
public interface IdentityView {

  /** The user this alias (by tag and id) is linked to, with the priority it was linked with. */
  Optional<LinkedAlias> find(String tag, String id);

  /** Every alias linked to {@code userId}. */
  List<Alias> aliasesOf(UUID userId);

  /** An alias and the user it is linked to. */
  record LinkedAlias(UUID userId, Alias alias) {
    public LinkedAlias {
      Objects.requireNonNull(userId, "userId is null");
      Objects.requireNonNull(alias, "alias is null");
    }
  }
}
