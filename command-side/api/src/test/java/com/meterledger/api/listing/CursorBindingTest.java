package com.meterledger.api.listing;

import com.meterledger.api.error.FieldRejected;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule that a cursor continues only the list, order and filters it was made for. */
class CursorBindingTest {
    private static final List<Object> ACTIVE_ELECTRICITY = Arrays.asList("ACTIVE", "ELECTRICITY", null, 500L, true,
            Instant.parse("2026-12-07T08:00:00Z"));

    @Test
    void theSameListSortAndFilterValuesContinue() {
        CursorBinding made = CursorBinding.of("accounts", "-balance", ACTIVE_ELECTRICITY);

        assertThat(CursorBinding.of("accounts", "-balance", ACTIVE_ELECTRICITY).judge(made))
                .isEqualTo(CursorBinding.Verdict.CONTINUES);
    }

    @Test
    void anotherListIsJudgedFirstThenTheSortThenTheFilters() {
        CursorBinding units = CursorBinding.of("units", "unitId", List.of());
        CursorBinding gateways = CursorBinding.of("gateways", "unitId", List.of());

        assertThat(gateways.judge(units)).isEqualTo(CursorBinding.Verdict.OTHER_LIST);
        assertThat(CursorBinding.of("units", "-unitId", List.of("p-1")).judge(units))
                .isEqualTo(CursorBinding.Verdict.OTHER_SORT);
        assertThat(CursorBinding.of("units", "unitId", List.of("p-1")).judge(units))
                .isEqualTo(CursorBinding.Verdict.OTHER_FILTERS);
    }

    @Test
    void eachFilterValueAndItsPlaceCount() {
        CursorBinding made = CursorBinding.of("accounts", "accountId", ACTIVE_ELECTRICITY);
        List<Object> otherMoment = Arrays.asList("ACTIVE", "ELECTRICITY", null, 500L, true,
                Instant.parse("2026-12-07T09:00:00Z"));
        List<Object> swapped = Arrays.asList("ELECTRICITY", "ACTIVE", null, 500L, true,
                Instant.parse("2026-12-07T08:00:00Z"));

        assertThat(CursorBinding.of("accounts", "accountId", otherMoment).judge(made))
                .isEqualTo(CursorBinding.Verdict.OTHER_FILTERS);
        assertThat(CursorBinding.of("accounts", "accountId", swapped).judge(made))
                .isEqualTo(CursorBinding.Verdict.OTHER_FILTERS);
    }

    @Test
    void aBlankFilterIsNoFilterAsAMissingOneIs() {
        CursorBinding sentBlank = CursorBinding.of("gateways", "gatewayId", Arrays.asList(" ", null));

        assertThat(CursorBinding.of("gateways", "gatewayId", Arrays.asList(null, null)).judge(sentBlank))
                .isEqualTo(CursorBinding.Verdict.CONTINUES);
    }

    @Test
    void eachRefusalNamesTheCursorWithItsStableRule() {
        assertThat(CursorBinding.Verdict.OTHER_LIST.refusal()).isInstanceOfSatisfying(FieldRejected.class, e -> {
            assertThat(e.field()).isEqualTo("cursor");
            assertThat(e.rule()).isEqualTo("list-cursor-other-list");
        });
        assertThat(CursorBinding.Verdict.OTHER_SORT.refusal().rule()).isEqualTo("list-cursor-other-sort");
        assertThat(CursorBinding.Verdict.OTHER_FILTERS.refusal().rule()).isEqualTo("list-cursor-other-filters");
        assertThatThrownBy(CursorBinding.Verdict.CONTINUES::refusal).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBindingTravelsInsideTheCursorUnchanged() {
        ListCursor cursor = new ListCursor(CursorBinding.of("tariffs", "-createdAt", Arrays.asList(null, null, null,
                "shared")), "2026-12-07T08:00:00Z", "shared-1");

        assertThat(ListCursor.decode(cursor.encode())).isEqualTo(cursor);
    }
}
