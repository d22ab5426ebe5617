package io.hivewire.collect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Resolves aliases to one user. An alias seen before belongs to its user; when the aliases belong
 * to different users, the user of the highest-priority alias (0 is highest; the first sent on a
 * tie) wins and every alias of the other users is relinked to it. With no known alias, the given
 * {@code user_id} or else a new user is linked.
 */
public final class IdentityResolver {

  private final Supplier<UUID> newUserIds;

  public IdentityResolver(Supplier<UUID> newUserIds) {
    this.newUserIds = Objects.requireNonNull(newUserIds, "newUserIds is null");
  }

  /** Resolves {@code aliases} (and the optional {@code givenUserId}) against {@code view}. */
  public IdentityResolution resolve(
      Optional<UUID> givenUserId, List<Alias> aliases, IdentityView view, Instant time) {
    Map<AliasKey, Alias> requested = new LinkedHashMap<>();
    for (Alias alias : aliases) {
      requested.putIfAbsent(key(alias), alias);
    }
    Map<AliasKey, IdentityView.LinkedAlias> known = new LinkedHashMap<>();
    for (Alias alias : requested.values()) {
      view.find(alias.tag(), alias.id()).ifPresent(linked -> known.put(key(alias), linked));
    }
    UUID winner =
        requested.values().stream()
            .filter(alias -> known.containsKey(key(alias)))
            .min(Comparator.comparingInt(Alias::priority))
            .map(alias -> known.get(key(alias)).userId())
            .or(() -> givenUserId)
            .orElseGet(newUserIds);

    Set<UUID> losers = new LinkedHashSet<>();
    known.values().forEach(linked -> losers.add(linked.userId()));
    givenUserId.ifPresent(losers::add);
    losers.remove(winner);

    List<AliasLink> links = new ArrayList<>();
    for (Alias alias : requested.values()) {
      IdentityView.LinkedAlias before = known.get(key(alias));
      if (before == null
          || !before.userId().equals(winner)
          || before.alias().priority() != alias.priority()) {
        links.add(new AliasLink(winner, alias, time));
      }
    }
    for (UUID loser : losers) {
      for (Alias alias : view.aliasesOf(loser)) {
        if (!requested.containsKey(key(alias))) {
          links.add(new AliasLink(winner, alias, time));
        }
      }
    }
    return new IdentityResolution(winner, links);
  }

  private static AliasKey key(Alias alias) {
    return new AliasKey(alias.tag(), alias.id());
  }

  /** An alias's identity: its priority is an attribute of the link, not part of the key. */
  private record AliasKey(String tag, String id) {}
}
