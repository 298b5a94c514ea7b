package com.meterledger.query.dashboard;

import com.meterledger.api.shared.Utility;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Everything a landlord sees about one property at a glance, read from figures that dashboard-projection keeps up to
 * date event by event. {@code day} and {@code month} are the calendar periods (in {@code zone}) the period figures
 * belong to. Money in minor units per currency; quantities in the utility's register unit.
 *
 * @param accounts        open and closed accounts by state
 * @param consumption     consumption per utility read today and this month
 * @param money           per currency: charges (revenue) and credits (top-ups) booked today and this month, arrears
 * @param topConsumers    per utility, the meters that consumed most this month, largest first
 * @param offlineGateways the property's gateways not heard from within the offline threshold
 * @param pendingCommands control commands sent to meters and not yet confirmed, failed or abandoned
 * @param heldCuts        depleted accounts' cuts the tenant's friendly window holds, longest held first
 */
public record PropertyDashboard(String propertyId, String propertyName, Instant asOf, String zone, LocalDate day,
                                YearMonth month, AccountStates accounts, long meters, List<Consumption> consumption,
                                List<MoneyFigures> money, List<TopConsumer> topConsumers,
                                List<OfflineGateway> offlineGateways, List<PendingCommand> pendingCommands,
                                List<HeldCut> heldCuts) {

    /** Accounts counted by their {@link com.meterledger.api.account.AccountState.Standing}. */
    public record AccountStates(long active, long low, long depleted, long cut, long closed) {
        public long open() {
            return active + low + depleted + cut;
        }
    }

    public record Consumption(Utility utility, String unit, BigDecimal today, BigDecimal month) {
    }

    /** {@code arrearsMinor}: the sum of the accounts' {@link com.meterledger.api.account.AccountState#arrearsMinor()}. */
    public record MoneyFigures(String currency, long chargesTodayMinor, long chargesMonthMinor, long creditsTodayMinor,
                               long creditsMonthMinor, long arrearsMinor) {
    }

    public record TopConsumer(Utility utility, String meterId, String accountId, String unitId, BigDecimal quantity) {
    }

    public record OfflineGateway(String gatewayId, String name, Instant lastSeenAt) {
    }

    /** A cut held by the friendly window since {@code since}; until when follows from the tenant's window now. */
    public record HeldCut(String meterId, String accountId, Instant since) {
    }

    public record PendingCommand(String meterId, String accountId, String commandId, String action, int attempt,
                                 Instant since) {
    }
}
