package io.hivewire.collect;

import java.util.List;
import java.util.UUID;

/**
 * Resolves the aliases of an event sent without {@code user_id} to a user, as an identify call
 * would: the implementation stores the links and appends their {@code sync_aliases} records durably
 * before it returns.
 */
@FunctionalInterface
public interface UserResolver {

  UUID resolve(List<Alias> aliases);
}
