package io.hivewire.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * What a keyboard or screen-reader user, or a phone, meets on the page open in the browser; each
 * check returns the offending elements (their opening tags), empty when the page passes.
 */
final class PageChecks {

  private static final String FOCUSABLE =
      "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]),"
          + " select:not([disabled]), textarea:not([disabled]), summary,"
          + " [tabindex]:not([tabindex='-1'])";

  private PageChecks() {}

  /** Form controls without a label and buttons or links without a name a screen reader reads. */
  static List<String> unnamed(WebDriver driver) {
    return strings(
        driver,
        """
        const tag = el => el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1);
        const named = el => el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        const bad = [];
        document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(el => {
          if (!(el.labels && el.labels.length) && !named(el)) bad.push(tag(el));
        });
        document.querySelectorAll('button, a[href]').forEach(el => {
          if (!el.textContent.trim() && !named(el)) bad.push(tag(el));
        });
        return bad;
        """);
  }

  /** Statuses shown by a coloured dot without words beside it. */
  static List<String> statusesWithoutWords(WebDriver driver) {
    return strings(
        driver,
        """
        return Array.from(document.querySelectorAll('.status'))
          .filter(el => !el.textContent.trim())
          .map(el => el.outerHTML.slice(0, 120));
        """);
  }

  /**
   * The visible focusable elements that pressing Tab from the top of the page never reaches (one
   * radio button reached stands for its group, as arrow keys move within it; the contents of a
   * closed {@code <details>} are not visible until it opens).
   */
  static List<String> notReachedByTab(WebDriver driver) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    Number count =
        (Number)
            js.executeScript(
                """
                let n = 0;
                document.querySelectorAll(arguments[0]).forEach(el => {
                  if (!el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})) return;
                  el.setAttribute('data-tab-check', el.type === 'radio' ? 'radio:' + el.name : 'n' + n++);
                });
                document.activeElement && document.activeElement.blur();
                window.scrollTo(0, 0);
                return document.querySelectorAll('[data-tab-check]').length;
                """,
                FOCUSABLE);
    Set<String> reached = new HashSet<>();
    Actions keyboard = new Actions(driver);
    for (int i = 0; i < count.intValue() + 5; i++) {
      keyboard.sendKeys(Keys.TAB).perform();
      Object mark =
          js.executeScript(
              "const a = document.activeElement; return a && a.getAttribute('data-tab-check');");
      if (mark != null) {
        reached.add(mark.toString());
      }
    }
    // Elements a live fragment replaced meanwhile carry no mark and are not counted.
    return strings(
            driver,
            """
            return Array.from(document.querySelectorAll('[data-tab-check]'))
              .map(el => el.getAttribute('data-tab-check') + ' '
                + el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1));
            """)
        .stream()
        .filter(marked -> !reached.contains(marked.substring(0, marked.indexOf(' '))))
        .map(marked -> marked.substring(marked.indexOf(' ') + 1))
        .toList();
  }

  /** Elements that stick out to the right of the window, making the page scroll sideways. */
  static List<String> widerThanTheWindow(WebDriver driver) {
    return strings(
        driver,
        """
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        const out = [];
        document.querySelectorAll('main *').forEach(el => {
          const r = el.getBoundingClientRect();
          if (r.right > width + 1 && r.width > 0) {
            out.push(el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1) + ' right=' + Math.round(r.right));
          }
        });
        return out.length ? out : ['the page is ' + document.documentElement.scrollWidth + ' px wide'];
        """);
  }

  private static List<String> strings(WebDriver driver, String script) {
    List<?> found = (List<?>) ((JavascriptExecutor) driver).executeScript(script);
    List<String> out = new ArrayList<>();
    for (Object o : found) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
