package io.hivewire.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {

  private static final Instant TIME = Instant.parse("2026-01-15T14:00:00Z");
  private static final UUID NEW = UUID.fromString("00000000-0000-4000-8000-0000000000ff");
  private static final UUID ANNA = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final UUID BEN = UUID.fromString("00000000-0000-4000-8000-00000000000b");
  private static final Alias EMAIL = new Alias("email_sha256", "e1", 0);
  private static final Alias COOKIE = new Alias("cookie", "c1", 5);
  private static final Alias APPNEXUS = new Alias("appnexus", "a1", 9);

  private final IdentityResolver resolver = new IdentityResolver(() -> NEW);
  private final Links store = new Links();

  @Test
  void unknownAliasesLinkToANewUser() {
    IdentityResolution resolution = resolve(Optional.empty(), EMAIL, COOKIE);

    assertThat(resolution)
        .isEqualTo(
            new IdentityResolution(
                NEW, List.of(new AliasLink(NEW, EMAIL, TIME), new AliasLink(NEW, COOKIE, TIME))));
  }

  @Test
  void unknownAliasesLinkToTheGivenUser() {
    IdentityResolution resolution = resolve(Optional.of(ANNA), EMAIL);

    assertThat(resolution)
        .isEqualTo(new IdentityResolution(ANNA, List.of(new AliasLink(ANNA, EMAIL, TIME))));
  }

  @Test
  void knownAliasResolvesToItsUserAndOnlyTheNewAliasIsLinked() {
    store.link(BEN, COOKIE);

    IdentityResolution resolution = resolve(Optional.empty(), COOKIE, APPNEXUS);

    assertThat(resolution)
        .isEqualTo(new IdentityResolution(BEN, List.of(new AliasLink(BEN, APPNEXUS, TIME))));
  }

  @Test
  void highestPriorityAliasWinsAndTheOtherUsersAliasesAreRelinked() {
    store.link(ANNA, EMAIL);
    store.link(BEN, COOKIE);
    store.link(BEN, APPNEXUS);

    IdentityResolution resolution = resolve(Optional.empty(), COOKIE, EMAIL);

    assertThat(resolution)
        .isEqualTo(
            new IdentityResolution(
                ANNA,
                List.of(new AliasLink(ANNA, COOKIE, TIME), new AliasLink(ANNA, APPNEXUS, TIME))));
  }

  @Test
  void knownAliasOutranksTheGivenUserWhoseAliasesMoveOver() {
    store.link(BEN, COOKIE);
    store.link(ANNA, APPNEXUS);

    IdentityResolution resolution = resolve(Optional.of(ANNA), COOKIE);

    assertThat(resolution)
        .isEqualTo(new IdentityResolution(BEN, List.of(new AliasLink(BEN, APPNEXUS, TIME))));
  }

  @Test
  void changedPriorityIsANewLinkAndAnUnchangedOneIsNot() {
    store.link(ANNA, EMAIL);
    store.link(ANNA, COOKIE);
    Alias cookieNowFirst = new Alias("cookie", "c1", 1);

    IdentityResolution resolution = resolve(Optional.empty(), EMAIL, cookieNowFirst);

    assertThat(resolution)
        .isEqualTo(
            new IdentityResolution(ANNA, List.of(new AliasLink(ANNA, cookieNowFirst, TIME))));
  }

  private IdentityResolution resolve(Optional<UUID> user, Alias... aliases) {
    return resolver.resolve(user, List.of(aliases), store, TIME);
  }

  /** The identity store's links as a list, enough to resolve against. */
  private static final class Links implements IdentityView {
    private final List<LinkedAlias> links = new ArrayList<>();

    void link(UUID user, Alias alias) {
      links.add(new LinkedAlias(user, alias));
    }

    @Override
    public Optional<LinkedAlias> find(String tag, String id) {
      return links.stream()
          .filter(l -> l.alias().tag().equals(tag) && l.alias().id().equals(id))
          .findFirst();
    }

    @Override
    public List<Alias> aliasesOf(UUID userId) {
      return links.stream().filter(l -> l.userId().equals(userId)).map(LinkedAlias::alias).toList();
    }
  }
}
