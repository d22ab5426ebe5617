package io.hivewire.collection;

import io.hivewire.collect.Alias;
import io.hivewire.collect.AliasLink;
import io.hivewire.collect.IdentityResolution;
import io.hivewire.collect.IdentityResolver;
import io.hivewire.collect.UserResolver;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.routing.log.EventLog;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Identify calls: resolves aliases to a user, stores the links and routes one {@code sync_aliases}
 * record per new or changed link. The records are durable in the log before the links are
 * committed, so a stored link has always been routed.
 */
public final class IdentityService implements UserResolver {

  private final IdentityRepository links;
  private final IdentityResolver resolver;
  private final EventLog log;
  private final InstantSource clock;

  public IdentityService(
      IdentityRepository links, IdentityResolver resolver, EventLog log, InstantSource clock) {
    this.links = Objects.requireNonNull(links, "links is null");
    this.resolver = Objects.requireNonNull(resolver, "resolver is null");
    this.log = Objects.requireNonNull(log, "log is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** The user {@code aliases} (and {@code userId}, when given) resolve to, after linking them. */
  public UUID identify(Optional<UUID> userId, List<Alias> aliases) {
    if (aliases.isEmpty()) {
      throw new InvalidInputException(
          "aliases",
          "aliases is empty: send at least one {\"tag\", \"id\", \"priority\"} to identify a user");
    }
    IdentityResolution resolution =
        links.link(
            aliases, view -> resolver.resolve(userId, aliases, view, clock.instant()), this::route);
    return resolution.userId();
  }

  @Override
  public UUID resolve(List<Alias> aliases) {
    return identify(Optional.empty(), aliases);
  }

  private void route(IdentityResolution resolution) {
    if (!resolution.links().isEmpty()) {
      log.append(resolution.links().stream().map(AliasLink::toLogEntry).toList());
    }
  }
}
