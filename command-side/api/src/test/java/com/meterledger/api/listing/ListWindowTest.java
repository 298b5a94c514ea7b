package com.meterledger.api.listing;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.shared.FreeText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListWindowTest {
    private static final List<String> SORTS = List.of("accountId", "balance");

    @Test
    void givenNothingTheFirstPageOfTheDefaultSizeInTheDefaultOrderIsShown() {
        ListWindow window = ListWindow.of(null, null, null, SORTS, "accountId");

        assertThat(window).isEqualTo(new ListWindow(0, ListWindow.DEFAULT_SIZE, "accountId", false));
        assertThat(window.offset()).isZero();
    }

    @Test
    void givenALeadingMinusTheKeySortsDescendingAndTheLinkRepeatsIt() {
        ListWindow window = ListWindow.of(3, 20, " -balance ", SORTS, "accountId");

        assertThat(window.descending()).isTrue();
        assertThat(window.sort()).isEqualTo("balance");
        assertThat(window.offset()).isEqualTo(60);
        assertThat(window.sortParameter()).isEqualTo("-balance");
    }

    @Test
    void whenAParameterMakesNoSenseItIsRefusedNamingTheParameterAndTheRule() {
        assertRefused(() -> ListWindow.of(-1, null, null, SORTS, "accountId"), "page", "list-page-negative");
        assertRefused(() -> ListWindow.of(null, 0, null, SORTS, "accountId"), "size", "list-size-out-of-range");
        assertRefused(() -> ListWindow.of(null, 1_000_000_000, null, SORTS, "accountId"), "size",
                "list-size-out-of-range");
        assertRefused(() -> ListWindow.of(51, 200, null, SORTS, "accountId"), "page", "list-page-too-deep");
        assertRefused(() -> ListWindow.of(null, null, "password", SORTS, "accountId"), "sort", "list-sort-unknown");
        assertRefused(() -> ListWindow.of(null, null, "-", SORTS, "accountId"), "sort", "list-sort-unknown");
        assertRefused(() -> ListWindow.of(null, null, "bal\u0000ance", SORTS, "accountId"), "sort",
                "text-control-character");
    }

    @Test
    void thenTheDeepestPageAllowedStartsExactlyAtTheBound() {
        assertThat(ListWindow.of(50, 200, null, SORTS, "accountId").offset()).isEqualTo(ListWindow.MAX_OFFSET);
    }

    @Test
    void givenOneRowMoreThanThePageThePageSaysThereIsMoreAndKeepsOnlyItsOwnRows() {
        ListWindow window = ListWindow.of(0, 2, null, SORTS, "accountId");

        ListPage<String> page = ListPage.of(List.of("a", "b", "c"), window);

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.hasMore()).isTrue();
        assertThat(ListPage.of(List.of("a", "b"), window).hasMore()).isFalse();
    }

    @Test
    void searchTextAndIdFiltersFollowTheOneRuleForTextAndIds() {
        assertThat(ListFilters.searchText("q", "  Flat 1 ")).isEqualTo("Flat 1");
        assertThat(ListFilters.likeLiteral("50%_a\\b")).isEqualTo("50\\%\\_a\\\\b");
        assertThat(ListFilters.id("property", " ")).isNull();
        assertRefused(() -> ListFilters.searchText("q", "a"), "q", "search-too-short");
        assertRefused(() -> ListFilters.id("property", "a b"), "property", "list-filter-id-malformed");
        assertRefused(() -> ListFilters.oneOf("state", "happy", List.of("ACTIVE")), "state", "list-filter-unknown");
        assertThat(ListFilters.oneOf("state", "active", List.of("ACTIVE"))).isEqualTo("ACTIVE");
    }

    @Test
    void aManagersScopeIncludesOnlyTheirPropertiesAndEveryoneElsesAll() {
        PropertyScope manager = PropertyScope.only(List.of("p-2", "p-1"));

        assertThat(manager.includes("p-1")).isTrue();
        assertThat(manager.includes("p-3")).isFalse();
        assertThat(manager.array()).containsExactly("p-1", "p-2");
        assertThat(PropertyScope.ALL.includes("anything")).isTrue();
        assertThat(PropertyScope.only(List.of()).includes("p-1")).isFalse();
    }

    private static void assertRefused(Runnable call, String field, String rule) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(FieldRejected.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
    }

    @Test
    void aCursorContinuesTheListSortAndFiltersItWasMadeForFromTheFirstPageOnly() {
        List<Object> lowInP1 = java.util.Arrays.asList("LOW", "p-1", null);
        String cursor = window(null, "-balance", null, lowInP1).cursorAfter("100", "a-7").encode();

        ListWindow window = window(null, "-balance", cursor, lowInP1);

        assertThat(window.after().value()).isEqualTo("100");
        assertThat(window.after().id()).isEqualTo("a-7");
        assertThat(window.offset()).isZero();
        assertThat(window.cursorAfter("90", "a-9").binding()).as("the next cursor keeps the binding")
                .isEqualTo(window.after().binding());
        String never = ListWindow.of(null, 20, "lastReadAt", List.of("accountId", "lastReadAt"), "accountId")
                .continuing(null, "accounts", List.of()).cursorAfter(null, "a-1").encode();
        assertThat(ListWindow.of(null, 20, "lastReadAt", List.of("accountId", "lastReadAt"), "accountId")
                .continuing(never, "accounts", List.of()).after().value()).as("a moment that never happened").isNull();
        assertRefused(() -> window(null, "balance", cursor, lowInP1), "cursor", ListCursor.OTHER_SORT);
        assertRefused(() -> window(null, "-balance", cursor, java.util.Arrays.asList("LOW", "p-2", null)), "cursor",
                "list-cursor-other-filters");
        assertRefused(() -> ListWindow.of(null, 20, "-balance", SORTS, "accountId").continuing(cursor, "units",
                lowInP1), "cursor", "list-cursor-other-list");
        assertRefused(() -> window(2, "-balance", cursor, lowInP1), "cursor", "list-cursor-with-page");
        assertRefused(() -> window(null, "-balance", "not a cursor", lowInP1), "cursor", ListCursor.MALFORMED);
        assertRefused(() -> window(null, "-balance", "Yw", lowInP1), "cursor", ListCursor.MALFORMED);
    }

    @Test
    void aCursorAfterTheLongestNameInFourByteCharactersContinuesItsList() {
        String longest = "\uD83C\uDFE0".repeat(FreeText.NAME);
        String cursor = window(null, "-balance", null, List.of()).cursorAfter(longest, "a".repeat(ListFilters.ID))
                .encode();

        assertThat(window(null, "-balance", cursor, List.of()).after().value()).isEqualTo(longest);
        assertThat(window(null, "-balance", cursor, List.of()).after().id()).hasSize(ListFilters.ID);
        assertRefused(() -> window(null, "-balance", cursor + "A".repeat(2_048), List.of()), "cursor",
                ListCursor.MALFORMED);
    }

    @Test
    void aCursorOfTheFormerShapeWhichNamedItsSortOnlyIsNotOneOfOurs() {
        String former = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "c1\n-balance\n100\na-7".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertRefused(() -> window(null, "-balance", former, List.of()), "cursor", ListCursor.MALFORMED);
    }

    @Test
    void aListThatPagesByNumberMakesNoCursor() {
        ListWindow byNumber = ListWindow.of(0, 20, null, SORTS, "accountId");

        assertThatThrownBy(() -> byNumber.cursorAfter("1", "a-1")).isInstanceOf(IllegalStateException.class);
    }

    private static ListWindow window(Integer page, String sort, String cursor, List<?> filters) {
        return ListWindow.of(page, 20, sort, SORTS, "accountId").continuing(cursor, "accounts", filters);
    }
}
