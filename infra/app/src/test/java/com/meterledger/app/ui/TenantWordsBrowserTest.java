package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.StripeFake.Payout;
import com.meterledger.app.support.StripeFake.Transaction;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A landlord in Shanghai reads its finance and settings pages in its own words and on its own clock: the
 * reconciliation opens on Shanghai's yesterday with the zone named and its lines' kind, outcome and reason in
 * Chinese, and a setting refused for one of the rule's several reasons says which, with the limit and the value given.
 * At desktop size and on a 390 px phone (screenshots {@code tenant-words-*.png}).
 */
class TenantWordsBrowserTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;

    private Chromium chromium;
    private WebDriver browser;
    private String base;

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aShanghaiLandlordReconcilesItsYesterdayAndIsToldWhyASettingIsRefused_onADesktopAndAPhone() {
        base = "http://127.0.0.1:" + port;
        SignedUpTenants.SignedUp landlord = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        Api admin = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, landlord.email(), landlord.password()).orElseThrow());
        String account = StripeFake.onboard(admin, landlord.slug());
        String payout = "po_tw_" + UUID.randomUUID().toString().substring(0, 8);
        StripeFake.balance(account, 10, List.of(Transaction.payout("txn_" + payout, payout, 4200)),
                List.of(new Payout(payout, 4200)));

        chromium = Chromium.desktop("zh-CN");
        browser = chromium.driver();
        signIn(landlord);
        browser.get(base + "/ui/finance/reconciliation");
        chromium.waitFor(By.id("run-reconciliation"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("日期（Asia/Shanghai）");
        chromium.click(By.id("run-reconciliation"));
        chromium.waitFor(By.id("download-csv"));
        List<String> cells = browser.findElements(By.cssSelector("tr.line td")).stream().map(WebElement::getText)
                .toList();
        assertThat(cells).contains("结算出款", "一致", payout, "提现金额与其余额变动一致。")
                .doesNotContain("PAYOUT", "MATCHED", "payout paid, equal to its balance transaction");
        assertThat(chromium.seriousAccessibilityViolations()).isEmpty();
        chromium.screenshot("tenant-words-reconciliation-desktop-zh-CN");

        browser.get(base + "/ui/settings");
        chromium.waitFor(By.id("save-settings"));
        WebElement limit = browser.findElement(By.id("adjustmentApprovalLimitMinor"));
        limit.clear();
        limit.sendKeys("-5");
        chromium.click(By.id("save-settings"));
        chromium.waitFor(By.id("settings-error"));
        assertThat(chromium.text("settings-error")).contains("adjustmentApprovalLimitMinor",
                "须在 0（每笔调整都需审批）至 1,000,000,000 之间（当前为 -5）");
        chromium.screenshot("tenant-words-settings-refused-desktop-zh-CN");

        chromium.close();
        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        signIn(landlord);
        browser.get(base + "/ui/finance/reconciliation");
        chromium.waitFor(By.id("download-csv"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("日期（Asia/Shanghai）", "结算出款");
        List<?> measured = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth];");
        assertThat(((Number) measured.get(0)).longValue()).as("page width " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(1)).longValue());
        chromium.screenshot("tenant-words-reconciliation-phone-zh-CN");
    }

    private void signIn(SignedUpTenants.SignedUp landlord) {
        chromium.signIn(base + "/ui", landlord.email(), landlord.password());
    }
}
