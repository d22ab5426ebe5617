package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Signs a browser in to the dashboard the way a person does: through the page a path leads to. */
final class DashboardSignIn {

  private DashboardSignIn() {}

  /**
   * Opens {@code path} of the server at {@code baseUrl} signed out, checks that it leads to sign-in
   * (saved as {@code shot}-sign-in), and signs in there with {@code key}, which leads back.
   */
  static void signIn(Browser browser, String baseUrl, String key, String path, String shot) {
    WebDriver driver = browser.driver();
    if (driver.getCurrentUrl().startsWith("http")) {
      driver.manage().deleteAllCookies();
    }
    driver.get(baseUrl + path);
    assertThat(driver.getCurrentUrl()).contains("/sign-in?next=");
    browser.screenshot(shot + "-sign-in");
    driver.findElement(By.id("key")).sendKeys(key);
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
    browser.until(d -> !d.getCurrentUrl().contains("/sign-in"));
  }
}
