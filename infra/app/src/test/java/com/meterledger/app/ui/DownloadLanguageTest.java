package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.StripeFake.Payout;
import com.meterledger.app.support.StripeFake.Transaction;
import com.meterledger.app.support.TestTokens;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import com.meterledger.gateway.payment.reconciliation.ReconciliationCsv;
import com.meterledger.query.export.HeadOfficeTable;
import com.meterledger.query.report.PropertyPeriodTable;
import com.meterledger.ui.i18n.DownloadHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The downloads people read (a property's period report, the month's head-office report, a day's reconciliation) name
 * their columns and word their coded cells (a totals row, a line's kind and outcome, a yes or no) in the reader's
 * language, by the pages' rule (here the person's choice, the switcher's cookie); a Chinese file starts with a byte
 * order mark so that Excel reads it as UTF-8. English downloads are what they always were, the columns' stable names
 * and the codes, and so are the API's downloads in every language.
 */
class DownloadLanguageTest extends IntegrationTest {
    private static final String BOM = "\uFEFF";
    private String id;
    private UiSession landlord;

    @BeforeEach
    void anAccountAndASignedInLandlord() {
        id = "dl-" + UUID.randomUUID().toString().substring(0, 8);
        Api api = as(TENANT_A);
        Premises.moveIn(api, id, "10", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "1000");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/accounts/a-" + id).status() == 200);
        landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
    }

    @Test
    void givenEveryColumnOfAPersonsDownload_whenTheBundlesAreRead_thenEachHasItsEnglishNameAndAChineseOne() {
        Properties english = bundle("messages.properties");
        Properties chinese = bundle("messages_zh_CN.properties");

        Stream.of(PropertyPeriodTable.HEADER, HeadOfficeTable.HEADER, ReconciliationCsv.HEADER).flatMap(List::stream)
                .forEach(column -> {
                    assertThat(english.getProperty(DownloadHeaders.PREFIX + column)).as(column).isEqualTo(column);
                    assertThat(chinese.getProperty(DownloadHeaders.PREFIX + column)).as(column).isNotBlank()
                            .isNotEqualTo(column);
                });
    }

    @Test
    void givenAPersonWhoChoseChinese_whenTheyDownloadThePeriodReport_thenItsHeaderIsChinese_andOnlyYesOrNoIsWorded() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String report = "/ui/properties/p-%s/report.csv?from=%s&to=%s".formatted(id, today.minusDays(7), today);
        UiSession.Page english = landlord.get(report);

        assertThat(landlord.get("/ui/properties/p-" + id + "?lang=zh-CN").status()).isEqualTo(200);
        UiSession.Page chinese = landlord.get(report);

        assertThat(english.body().lines().findFirst().orElseThrow())
                .isEqualTo(String.join(",", PropertyPeriodTable.HEADER));
        assertThat(chinese.status()).isEqualTo(200);
        List<String> lines = chinese.body().lines().toList();
        assertThat(lines.getFirst()).startsWith(BOM + "账户编号,房间编号,房间名称,表计编号,币种,期初余额（最小货币单位）")
                .contains("期末读数,流水条数,收支平衡").doesNotContain("account_id");
        assertThat(lines.getFirst().substring(1).split(",")).hasSameSizeAs(PropertyPeriodTable.HEADER);
        assertThat(lines.subList(1, lines.size())).isEqualTo(english.body().lines().skip(1)
                .map(row -> row.replaceAll(",true$", ",是").replaceAll(",false$", ",否")).toList());
        assertThat(lines.subList(1, lines.size())).anySatisfy(row -> assertThat(row).endsWith(",是"));
        assertThat(landlord.get(report.replace("report.csv", "report.xlsx")).body()).startsWith("PK");
    }

    @Test
    void givenAPersonWhoChoseChinese_whenTheyDownloadTheHeadOfficeReport_thenItsHeaderIsChinese_andBackInEnglish() {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        assertThat(landlord.get("/ui/head-office?lang=zh-CN").status()).isEqualTo(200);

        UiSession.Page chinese = landlord.get("/ui/head-office.csv?month=" + month);
        assertThat(landlord.get("/ui/head-office?lang=en").status()).isEqualTo(200);
        UiSession.Page english = landlord.get("/ui/head-office.csv?month=" + month);

        assertThat(chinese.status()).isEqualTo(200);
        assertThat(chinese.body().lines().findFirst().orElseThrow()).isEqualTo(BOM
                + "物业编号,物业名称,币种,账户数,期初余额（最小货币单位）,充值（最小货币单位）,扣费（最小货币单位）,"
                + "冲正（最小货币单位）,期末余额（最小货币单位）,欠费（最小货币单位）");
        assertThat(english.body().lines().findFirst().orElseThrow())
                .isEqualTo(String.join(",", HeadOfficeTable.HEADER));
        assertThat(chinese.body().lines()).anySatisfy(row -> assertThat(row).startsWith("合计,,"))
                .noneSatisfy(row -> assertThat(row).startsWith(HeadOfficeTable.TOTAL + ","));
        assertThat(english.body().lines()).anySatisfy(row -> assertThat(row).startsWith(HeadOfficeTable.TOTAL + ",,"));
    }

    @Test
    void givenFinanceWhoChoseChinese_whenTheyDownloadADaysReconciliation_thenItIsInChinese_andTheApiKeepsItsCodesAndWords()
            throws Exception {
        String stripeAccount = StripeFake.onboard(as(TENANT_A), TENANT_A);
        UiSession finance = UiSession.signIn(port, TestPeople.FINANCE_A, TestPeople.PASSWORD);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(13);
        StripeFake.balance(stripeAccount, 10, List.of(Transaction.payout("txn_dl_" + id, "po_dl_" + id, 4200)),
                List.of(new Payout("po_dl_" + id, 4200)));
        assertThat(finance.post("/ui/finance/reconciliation/runs?date=" + day).status()).isEqualTo(200);

        assertThat(finance.get("/ui/finance/reconciliation?date=" + day + "&lang=zh-CN").status()).isEqualTo(200);
        UiSession.Page chinese = finance.get("/ui/finance/reconciliation.csv?date=" + day);
        HttpResponse<String> apiExport = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:%d/api/payments/reconciliation/export?date=%s".formatted(port, day)))
                .header("Authorization", "Bearer " + TestTokens.adminOf(TENANT_A, port))
                .header("Accept-Language", "zh-CN").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(chinese.body().lines().findFirst().orElseThrow()).startsWith(BOM + "日期,对账批次,Stripe 关联账户,类型,结果")
                .endsWith("原因,付款方式");
        assertThat(chinese.body()).contains(",结算出款,一致,po_dl_" + id + ",").doesNotContain("PAYOUT", "MATCHED");
        assertThat(apiExport.body().lines().findFirst().orElse(""))
                .isEqualTo(String.join(",", ReconciliationCsv.HEADER));
        assertThat(apiExport.body()).contains(",PAYOUT,MATCHED,po_dl_" + id + ",");
        assertThat(apiExport.body()).contains(",\"payout paid, equal to its balance transaction\",");
        assertThat(chinese.body()).contains(",提现金额与其余额变动一致。,");
        assertThat(apiExport.body().lines().skip(1).map(row -> row.replace(",PAYOUT,MATCHED,", ",结算出款,一致,")
                .replace("\"payout paid, equal to its balance transaction\"", "提现金额与其余额变动一致。")).toList())
                .isEqualTo(chinese.body().lines().skip(1).toList());
    }

    private static Properties bundle(String name) {
        Properties texts = new Properties();
        try (InputStream in = DownloadLanguageTest.class.getClassLoader().getResourceAsStream(name)) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return texts;
    }
}
