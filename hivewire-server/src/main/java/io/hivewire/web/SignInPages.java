package io.hivewire.web;

import io.hivewire.apikeys.ApiKeys;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Sign-in with an admin API key (checked, never kept in the browser) and sign-out. */
final class SignInPages {

  static final String PATH = "/sign-in";

  /** The query parameter that says why the session ended, and its one value. */
  static final String ENDED = "ended";

  static final String KEY_REVOKED = "key";

  private final WebSupport web;
  private final ApiKeys keys;

  SignInPages(WebSupport web, ApiKeys keys) {
    this.web = Objects.requireNonNull(web, "web is null");
    this.keys = Objects.requireNonNull(keys, "keys is null");
  }

  void register(RoutesConfig routes) {
    routes.get(PATH, this::form);
    routes.post(PATH, this::signIn);
    routes.post("/sign-out", this::signOut);
  }

  private void form(Context ctx) {
    // The form's CSRF token lives in a session that is not signed in yet.
    Sessions.Session anonymous =
        web.session(ctx).filter(s -> !s.signedIn()).orElseGet(() -> web.sessions().open());
    web.setCookie(ctx, anonymous);
    // A fixed wording, never text from the address: a link cannot make this page say anything.
    Optional<String> notice =
        KEY_REVOKED.equals(ctx.queryParam(ENDED))
            ? Optional.of(
                "Your session ended: the API key it was signed in with has been revoked or no"
                    + " longer has the admin scope. Sign in with another admin key.")
            : Optional.empty();
    show(ctx, anonymous, WebSupport.safeNext(ctx.queryParam("next")), notice, Optional.empty());
  }

  private void show(
      Context ctx,
      Sessions.Session session,
      String next,
      Optional<String> notice,
      Optional<String> problem) {
    web.page(
        ctx,
        "signin.jte",
        new Chrome("Sign in", Chrome.Section.NONE, session.csrfToken(), false),
        Map.of("next", next, "notice", notice, "problem", problem));
  }

  private void signIn(Context ctx) {
    Optional<Sessions.Session> anonymous = web.session(ctx);
    if (anonymous.isEmpty() || !anonymous.get().acceptsCsrf(ctx.formParam("csrf"))) {
      web.forbidden(ctx);
      return;
    }
    String next = WebSupport.safeNext(ctx.formParam("next"));
    String key = Optional.ofNullable(ctx.formParam("key")).orElse("").strip();
    Optional<UUID> keyId = key.isEmpty() ? Optional.empty() : keys.idOf(key);
    Optional<String> problem = Optional.empty();
    if (key.isEmpty()) {
      problem = Optional.of("Enter an API key with the admin scope.");
    } else if (keyId.isEmpty()) {
      problem =
          Optional.of(
              "This API key is not valid: use the admin key the server printed at its first"
                  + " start (or HIVEWIRE_API_KEY), or another issued admin key.");
    } else if (!keys.allows(keyId.get(), ApiKeys.ADMIN_SCOPE)) {
      problem =
          Optional.of(
              "This API key may only send data to the collection API: sign in with a key that"
                  + " has the admin scope.");
    }
    if (problem.isPresent()) {
      ctx.status(HttpStatus.UNAUTHORIZED);
      show(ctx, anonymous.get(), next, Optional.empty(), problem);
      return;
    }
    web.sessions().close(anonymous.get().id());
    web.setCookie(ctx, web.sessions().signIn(keyId.get()));
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) {
    web.sessions().close(WebSupport.signedIn(ctx).id());
    ctx.removeCookie(WebSupport.COOKIE, "/");
    ctx.redirect(PATH, HttpStatus.SEE_OTHER);
  }
}
