package io.hivewire.web;

import io.hivewire.errors.NotFoundException;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What every page handler shares: the session, the page frame, rendering and refusals. */
final class WebSupport {

  static final String SESSION = "hivewire.session";

  /** Set once a page is rendered, so that an error status it chose keeps its body. */
  static final String RENDERED = "hivewire.page-rendered";

  static final String COOKIE = "hivewire_session";

  /** Sent by the dashboard's script when it fetches a fragment, so that it gets no redirect. */
  static final String FRAGMENT_HEADER = "X-Hivewire-Fragment";

  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " object-src 'none'";

  private final Sessions sessions;
  private final Templates templates;
  private final boolean trustForwardedHeaders;

  /**
   * {@code trustForwardedHeaders}: a TLS-terminating proxy in front sets {@code X-Forwarded-Proto}
   * and nobody can reach the server around it.
   */
  WebSupport(Sessions sessions, Templates templates, boolean trustForwardedHeaders) {
    this.sessions = Objects.requireNonNull(sessions, "sessions is null");
    this.templates = Objects.requireNonNull(templates, "templates is null");
    this.trustForwardedHeaders = trustForwardedHeaders;
  }

  Sessions sessions() {
    return sessions;
  }

  static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
  }

  /** The browser's live session, if its cookie names one. */
  Optional<Sessions.Session> session(Context ctx) {
    return sessions.touch(ctx.cookie(COOKIE));
  }

  /** The signed-in session the guard admitted this request with. */
  static Sessions.Session signedIn(Context ctx) {
    Sessions.Session session = ctx.attribute(SESSION);
    return Objects.requireNonNull(session, "no signed-in session: the guard did not run");
  }

  void setCookie(Context ctx, Sessions.Session session) {
    boolean tls = "https".equalsIgnoreCase(ctx.scheme()) || forwardedOverTls(ctx);
    // No max-age: the cookie ends with the browser; the server ends the session after idle time.
    ctx.cookie(new Cookie(COOKIE, session.id(), "/", -1, tls, true, null, SameSite.STRICT));
  }

  /**
   * Whether a trusted proxy says the browser reached it over TLS (the first hop is the browser's).
   */
  private boolean forwardedOverTls(Context ctx) {
    String proto = ctx.header("X-Forwarded-Proto");
    return trustForwardedHeaders
        && proto != null
        && "https".equalsIgnoreCase(proto.split(",", 2)[0].strip());
  }

  /** Sign-in after the session's API key was revoked: the sign-in page says why. */
  void toSignInKeyRevoked(Context ctx) {
    toSignIn(ctx, "&" + SignInPages.ENDED + "=" + SignInPages.KEY_REVOKED);
  }

  /** A page to sign in: fragments get 401 (the script navigates), pages a redirect with next. */
  void toSignIn(Context ctx) {
    toSignIn(ctx, "");
  }

  private void toSignIn(Context ctx, String why) {
    if (ctx.header(FRAGMENT_HEADER) != null) {
      ctx.status(HttpStatus.UNAUTHORIZED).html("");
      return;
    }
    String back;
    if (ctx.method().name().equals("GET")) {
      String query = ctx.queryString();
      back = query == null ? ctx.path() : ctx.path() + "?" + query;
    } else {
      back = formPage(ctx).orElse("/connections");
    }
    ctx.redirect(
        SignInPages.PATH + "?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8) + why,
        HttpStatus.SEE_OTHER);
  }

  /**
   * The page a form was posted from, when the browser names one of this server's pages: a form sent
   * after the session ended leads back there once signed in again, not to a page of its own.
   */
  private static Optional<String> formPage(Context ctx) {
    String referer = ctx.header("Referer");
    if (referer == null) {
      return Optional.empty();
    }
    try {
      // Only the path is kept, so the way back stays on this server whoever sent the form.
      URI from = new URI(referer);
      String path = from.getRawPath();
      if (path == null
          || !path.startsWith("/")
          || path.startsWith("//")
          || path.startsWith(SignInPages.PATH)) {
        return Optional.empty();
      }
      return Optional.of(from.getRawQuery() == null ? path : path + "?" + from.getRawQuery());
    } catch (URISyntaxException notAUri) {
      return Optional.empty();
    }
  }

  void forbidden(Context ctx) {
    ctx.status(HttpStatus.FORBIDDEN);
    page(
        ctx,
        "error.jte",
        new Chrome("Form refused", Chrome.Section.NONE, "", false),
        Map.of(
            "heading",
            "Form refused",
            "message",
            "This form was sent without this session's security token (it may come from another"
                + " site, or from a page opened before you signed in again). Reload the page and"
                + " send it again."));
  }

  /** The frame of a signed-in page. */
  static Chrome chrome(Context ctx, String title, Chrome.Section section) {
    return new Chrome(title, section, signedIn(ctx).csrfToken(), true);
  }

  /**
   * {@code page}, with what it names but cannot find (a {@link NotFoundException}) answered as a
   * not-found page of {@code section} in the service's own words.
   */
  Handler notFoundAsPage(Chrome.Section section, Handler page) {
    return ctx -> {
      try {
        page.handle(ctx);
      } catch (NotFoundException e) {
        ctx.status(HttpStatus.NOT_FOUND);
        page(
            ctx,
            "error.jte",
            chrome(ctx, "Not found", section),
            Map.of("heading", "Not found", "message", e.getMessage()));
      }
    };
  }

  /** Renders a full page: {@code params} plus {@code chrome}. */
  void page(Context ctx, String template, Chrome chrome, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    all.put("chrome", chrome);
    ctx.header("Cache-Control", "no-store");
    ctx.html(templates.render(template, all));
    ctx.attribute(RENDERED, Boolean.TRUE);
  }

  /** Renders a fragment the script puts into a page. */
  void fragment(Context ctx, String template, Map<String, Object> params) {
    ctx.header("Cache-Control", "no-store");
    ctx.html(templates.render(template, params));
  }

  /** Where to go after sign-in: a local path only, never another site. */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.contains("\\")
        || next.startsWith(SignInPages.PATH)) {
      return "/connections";
    }
    return next;
  }
}
