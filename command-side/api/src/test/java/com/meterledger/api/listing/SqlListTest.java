package com.meterledger.api.listing;

import com.meterledger.api.error.FieldRejected;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL every list pages by, as the unit, gateway, account, meter and tariff lists write it. */
class SqlListTest {
    private static final Map<String, String> SORTS = Map.of("gatewayId", "g.gateway_id", "name", "g.name",
            "lastSeenAt", "g.last_seen_at");
    private static final List<String> KEYS = List.of("gatewayId", "lastSeenAt", "name");

    @Test
    void givenAScopeAndAFilterTheyAreConditionsBeforeTheOrderAndTheirValuesAreParameters() {
        SqlList sql = new SqlList("g.tenant_id", "t1").scope("g.property_id", PropertyScope.only(List.of("p2", "p1")))
                .when((Object) null, "g.name = ?")
                .when("p1", "g.property_id = ?");

        String page = sql.page(SORTS, "g.gateway_id", ListWindow.of(2, 10, "-name", KEYS, "gatewayId"));

        assertThat(sql.where()).isEqualTo("g.tenant_id = ? and g.property_id = any(?) and g.property_id = ?");
        assertThat(page).isEqualTo(" order by g.name desc, g.gateway_id desc limit ? offset ?");
        assertThat(sql.params()).containsExactly("t1", new String[]{"p1", "p2"}, "p1", 11, 20L);
    }

    @Test
    void givenACursorThePageStartsAfterItsRowWithoutAnOffset() {
        SqlList sql = new SqlList("g.tenant_id", "t1");
        String page = sql.page(SORTS, "g.gateway_id", continuing("name", "Roof 2", "gw-2", KEYS, "gatewayId"));

        assertThat(page).isEqualTo(" and (g.name, g.gateway_id) > (?, ?) order by g.name, g.gateway_id limit ? offset ?");
        assertThat(sql.params()).containsExactly("t1", "Roof 2", "gw-2", 51, 0L);
    }

    @Test
    void givenAMomentColumnANeverSeenRowSortsAsTheEarliestAndItsCursorContinuesFromThere() {
        SqlList up = new SqlList("g.tenant_id", "t1").moments("g.last_seen_at");
        String never = up.page(SORTS, "g.gateway_id", continuing("lastSeenAt", null, "gw-1", KEYS, "gatewayId"));
        assertThat(never).isEqualTo(" and ((g.last_seen_at is null and g.gateway_id > ?) or g.last_seen_at is not null)"
                + " order by g.last_seen_at nulls first, g.gateway_id limit ? offset ?");

        SqlList down = new SqlList("g.tenant_id", "t1").moments("g.last_seen_at");
        Instant seen = Instant.parse("2026-12-07T10:15:30Z");
        String page = down.page(SORTS, "g.gateway_id",
                continuing("-lastSeenAt", seen.toString(), "gw-1", KEYS, "gatewayId"));
        assertThat(page).isEqualTo(" and ((g.last_seen_at, g.gateway_id) < (?, ?) or g.last_seen_at is null)"
                + " order by g.last_seen_at desc nulls last, g.gateway_id desc limit ? offset ?");
        assertThat(down.params()).containsExactly("t1", Timestamp.from(seen), "gw-1", 51, 0L);
    }

    @Test
    void whenACursorsValueIsNotOfItsColumnsKindItIsRefusedNamingTheCursor() {
        SqlList moments = new SqlList("g.tenant_id", "t1").moments("g.last_seen_at");
        ListWindow notAMoment = continuing("lastSeenAt", "yesterday", "gw-1", KEYS, "gatewayId");
        assertThatThrownBy(() -> moments.page(SORTS, "g.gateway_id", notAMoment))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo(ListCursor.CURSOR));

        SqlList numbers = new SqlList("d.tenant_id", "t1").numbers("d.balance_minor");
        ListWindow notANumber = continuing("balance", "lots", "a-1", List.of("balance"), "balance");
        assertThatThrownBy(() -> numbers.page(Map.of("balance", "d.balance_minor"), "d.account_id", notANumber))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo(ListCursor.CURSOR));
        // a null value is a moment that never happened: no number is missing in that sense
        ListWindow noNumber = continuing("balance", null, "a-1", List.of("balance"), "balance");
        assertThatThrownBy(() -> new SqlList("d.tenant_id", "t1").numbers("d.balance_minor")
                .page(Map.of("balance", "d.balance_minor"), "d.account_id", noNumber))
                .isInstanceOf(FieldRejected.class);
    }

    /** The window of the page after a row of this sort value and id, as the previous page's cursor leads to it. */
    private static ListWindow continuing(String sort, String value, String id, List<String> keys, String defaultSort) {
        String cursor = ListWindow.of(null, 50, sort, keys, defaultSort).continuing(null, "gateways", List.of())
                .cursorAfter(value, id).encode();
        return ListWindow.of(null, 50, sort, keys, defaultSort).continuing(cursor, "gateways", List.of());
    }
}
