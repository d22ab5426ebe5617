package io.hivewire.web;

import io.hivewire.apikeys.ApiKeys;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Sign-in with an admin API key (checked, never kept in the browser) and sign-out. */
final class SignInPages {

  static final String PATH = "/sign-in";

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
        web.session(ctx).filter(s -> !s.signedIn()).orElseGet(() -> web.sessions().open(false));
    web.setCookie(ctx, anonymous);
    show(ctx, anonymous, WebSupport.safeNext(ctx.queryParam("next")), Optional.empty());
  }

  private void show(Context ctx, Sessions.Session session, String next, Optional<String> problem) {
    web.page(
        ctx,
        "signin.jte",
        new Chrome("Sign in", Chrome.Section.NONE, session.csrfToken(), false),
        Map.of("next", next, "problem", problem));
  }

  private void signIn(Context ctx) {
    Optional<Sessions.Session> anonymous = web.session(ctx);
    if (anonymous.isEmpty() || !anonymous.get().acceptsCsrf(ctx.formParam("csrf"))) {
      web.forbidden(ctx);
      return;
    }
    String next = WebSupport.safeNext(ctx.formParam("next"));
    String key = Optional.ofNullable(ctx.formParam("key")).orElse("").strip();
    Optional<String> problem = Optional.empty();
    if (key.isEmpty()) {
      problem = Optional.of("Enter an API key with the admin scope.");
    } else if (!keys.isValid(key)) {
      problem =
          Optional.of(
              "This API key is not valid: use the admin key the server printed at its first"
                  + " start (or HIVEWIRE_API_KEY), or another issued admin key.");
    } else if (!keys.allows(key, ApiKeys.ADMIN_SCOPE)) {
      problem =
          Optional.of(
              "This API key may only send data to the collection API: sign in with a key that"
                  + " has the admin scope.");
    }
    if (problem.isPresent()) {
      ctx.status(HttpStatus.UNAUTHORIZED);
      show(ctx, anonymous.get(), next, problem);
      return;
    }
    web.sessions().close(anonymous.get().id());
    web.setCookie(ctx, web.sessions().open(true));
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) {
    web.sessions().close(WebSupport.signedIn(ctx).id());
    ctx.removeCookie(WebSupport.COOKIE, "/");
    ctx.redirect(PATH, HttpStatus.SEE_OTHER);
  }
}
