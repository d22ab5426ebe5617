package io.hivewire.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every page's frame shows: the title, the navigation with the current section marked, and the
 * CSRF token its forms carry (empty before sign-in on pages without forms).
 */
public record Chrome(String title, Section section, String csrf, boolean signedIn) {

  /** The left navigation's entries, in order. */
  public enum Section {
    CATALOG("Catalog", "/catalog"),
    CONNECTIONS("Connections", "/connections"),
    IMPORTS("Imports", "/imports"),
    ROUTING("Routing", "/routing"),
    API_KEYS("API keys", "/api-keys"),
    API_DOCS("API docs", "/api/docs"),
    NONE("", "");

    private final String label;
    private final String href;

    Section(String label, String href) {
      this.label = label;
      this.href = href;
    }

    public String label() {
      return label;
    }

    public String href() {
      return href;
    }
  }

  public Chrome {
    Objects.requireNonNull(title, "title is null");
    Objects.requireNonNull(section, "section is null");
    Objects.requireNonNull(csrf, "csrf is null");
  }

  /** The navigation entries (all but {@link Section#NONE}). */
  public List<Section> nav() {
    return List.of(
        Section.CATALOG,
        Section.CONNECTIONS,
        Section.IMPORTS,
        Section.ROUTING,
        Section.API_KEYS,
        Section.API_DOCS);
  }

  /** {@code "page"} for the current section's entry (its aria-current), else empty. */
  public Optional<String> current(Section entry) {
    return entry == section ? Optional.of("page") : Optional.empty();
  }
}
