package io.github.ssosuite.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Headless Debian Chromium driven through Debian's chromedriver (Selenium), with no browser download: the flags
 * are the ones this machine needs (no background networking, which its closed network refuses).
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of(System.getProperty("suite.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("suite.chromedriver", "/usr/bin/chromedriver"));

    final WebDriver driver;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * A fresh browser (empty profile). Without chromium and chromedriver installed the test is skipped, unless
     * {@code SUITE_BROWSER_REQUIRED=true} (CI installs them and sets it), where it fails.
     */
    static Chromium start() throws Exception {
        RequiredTools.require("SUITE_BROWSER_REQUIRED", "Debian: apt-get install chromium chromium-driver",
                java.util.List.of(BROWSER, DRIVER));
        Path profile = Files.createTempDirectory("sso-suite-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().build();
        return new Chromium(new ChromeDriver(service, options), profile);
    }

    void open(String url) {
        driver.get(url);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout).until(condition);
    }

    /** Fills in the OP's login form and submits it. */
    void signIn(String username, String password) {
        WebElement user = driver.findElement(By.id("username"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            io.github.ssosuite.localstack.infra.Binaries.deleteRecursively(profile);
        }
    }
}
