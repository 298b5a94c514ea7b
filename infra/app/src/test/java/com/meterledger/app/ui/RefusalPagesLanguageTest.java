package com.meterledger.app.ui;

import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page that refuses bad input says so in the reader's language and keeps the figures the English names: the limit,
 * the value given. English pages say it as the rule wrote it, its moments on the tenant's clock as in Chinese.
 */
class RefusalPagesLanguageTest extends IntegrationTest {
    private String id;
    private UiSession landlord;

    @BeforeEach
    void aPropertyAndASignedInLandlord() {
        id = "rp-" + UUID.randomUUID().toString().substring(0, 8);
        Premises.moveIn(as(TENANT_A), id, "10", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "1000");
        landlord = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
    }

    @Test
    void givenARefusedListParameter_whenTheReaderChoseChinese_thenThePageNamesTheParameterAndTheValueInChinese() {
        UiSession.Page english = landlord.get("/ui/accounts?page=-1");
        assertThat(landlord.get("/ui/accounts?lang=zh-CN").status()).isEqualTo(200);

        UiSession.Page chinese = landlord.get("/ui/accounts?page=-1");

        assertThat(english.status()).isEqualTo(400);
        assertThat(english.body()).contains("Page number: must be 0 or more (it is -1)");
        assertThat(chinese.status()).isEqualTo(400);
        assertThat(chinese.body()).contains("页码：页码须为 0 或以上（当前为 -1）。").doesNotContain("must be 0 or more")
                .doesNotContain("page：");
    }

    @Test
    void givenAReportPeriodTooLong_whenTheReaderChoseChinese_thenThePageNamesTheLimitInChinese() {
        String tooLong = "/ui/properties/p-%s/report?from=2024-01-01&to=2025-12-31".formatted(id);
        assertThat(landlord.get("/ui/accounts?lang=zh-CN").status()).isEqualTo(200);

        UiSession.Page chinese = landlord.get(tooLong);

        assertThat(chinese.status()).isEqualTo(422);
        assertThat(chinese.body()).contains("报表期间最多 366 天。").contains("period-too-long");
    }

    /**
     * A period that ends before it starts names its two moments on the tenant's clock (UTC) in both languages, as the
     * page writes its other moments, and no longer as the instants the rule compared.
     */
    @Test
    void givenAReportPeriodEndingBeforeItStarts_whenEachLanguageReadsIt_thenItsMomentsAreOnTheTenantsClock() {
        String backwards = "/ui/properties/p-%s/report?from=2026-01-05&to=2026-01-02".formatted(id);

        UiSession.Page english = landlord.get(backwards);
        assertThat(landlord.get("/ui/accounts?lang=zh-CN").status()).isEqualTo(200);
        UiSession.Page chinese = landlord.get(backwards);

        assertThat(english.status()).isEqualTo(422);
        assertThat(english.body()).contains("the period must end after it starts: 2026-01-05 00:00:00 UTC .. "
                + "2026-01-03 00:00:00 UTC").contains("period-ends-before-it-starts").doesNotContain("2026-01-05T");
        assertThat(chinese.status()).isEqualTo(422);
        assertThat(chinese.body()).contains("期间须在开始之后结束：现在是 2026年1月5日 00:00:00 UTC 至 2026年1月3日 00:00:00 UTC。")
                .contains("period-ends-before-it-starts").doesNotContain("2026-01-05T");
    }
}
