package com.meterledger.ui.imports;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.meter.FindMeterIdsInUse;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.core.account.web.AccountCommandController.OpenAccountRequest;
import com.meterledger.core.account.web.AccountCommandController.TopUpRequest;
import com.meterledger.core.meter.web.MeterController.RegisterMeterRequest;
import com.meterledger.core.tariff.TariffReader;
import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.OccupantContact;
import com.meterledger.gateway.notification.OccupantContacts;
import com.meterledger.gateway.notification.web.OccupantContactController.ContactRequest;
import com.meterledger.query.account.AccountQueries;
import com.meterledger.tenantadmin.registry.Registry;
import com.meterledger.tenantadmin.registry.RegistryController.NewUnit;
import com.meterledger.ui.imports.ImportPlan.ImportError;
import com.meterledger.ui.imports.ImportPlan.RowPlan;
import com.meterledger.ui.imports.ImportPlan.Step;
import com.meterledger.ui.staff.Forms;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The dry run of an import: reads the file, judges every cell by the rules the API's endpoints judge the same
 * values by (their own request records, checked by {@link Forms#checked}), looks up what already exists (so a second
 * run of the same file plans nothing but "unchanged"), and reports each row's steps or every error with its row and
 * column. It stores nothing. The real run ({@link ImportJobs}) plans again and carries out only the rows planned
 * valid, so a row the dry run refused is never partly stored.
 */
@Component
public class ImportPlanner {
    public static final String UNKNOWN_COLUMN = "import-unknown-column";
    public static final String MISSING_COLUMN = "import-missing-column";
    public static final String DUPLICATE_COLUMN = "import-duplicate-column";
    public static final String DUPLICATE = "import-duplicate";
    public static final String REQUIRED = "import-value-required";
    public static final String NOT_A_VALUE = "import-not-a-value";
    public static final String UNKNOWN_PROPERTY = "import-unknown-property";
    public static final String UNKNOWN_TARIFF = "import-unknown-tariff";
    public static final String UNIT_ELSEWHERE = "import-unit-in-another-property";
    public static final String ACCOUNT_DIFFERS = "import-account-differs";
    public static final String REGISTER_IMPLAUSIBLE = "import-register-implausible";
    public static final String EMPTY = "import-empty";
    /** The tariff's own rule, as opening the account would answer it. */
    public static final String NO_VERSION_IN_FORCE = "tariff-no-version-in-force";
    /** The API's own rule for an aggregate id already in the store, whoever holds it. */
    public static final String ID_TAKEN = "id-taken";
    /**
     * Above this an opening register is refused as absurd although the API's {@code @Digits(12, 3)} would take it:
     * an electricity meter's display has 6 to 8 integer digits (DL/T 645 registers end at 999999.99 kWh), a water
     * meter's 5 to 6, so 100,000,000 is beyond every meter we relay; a typo that adds digits is caught here.
     */
    public static final BigDecimal MAX_OPENING_REGISTER = new BigDecimal("100000000");
    /** Rows whose units, meters, accounts and contacts are looked up together, one query per kind. */
    static final int LOOKUP_CHUNK = 1000;

    private final Registry registry;
    private final AccountQueries accounts;
    private final TariffReader tariffs;
    private final QueryGateway queries;
    private final ObjectProvider<OccupantContacts> contacts;
    private final Forms forms;

    public ImportPlanner(Registry registry, AccountQueries accounts, TariffReader tariffs, QueryGateway queries,
                         ObjectProvider<OccupantContacts> contacts, Forms forms) {
        this.registry = registry;
        this.accounts = accounts;
        this.tariffs = tariffs;
        this.queries = queries;
        this.contacts = contacts;
        this.forms = forms;
    }

    public ImportPlan plan(TenantId tenant, byte[] file, ZoneId zone) {
        String sha = sha256(file);
        List<List<String>> rows;
        try {
            rows = ImportSheet.read(file);
        } catch (ImportSheet.Unreadable e) {
            return new ImportPlan(sha, List.of(new ImportError(1, null, "import-unreadable", e.getMessage())), List.of());
        }
        if (rows.size() < 2) {
            return new ImportPlan(sha, List.of(new ImportError(1, null, EMPTY,
                    "the file has no rows below its header")), List.of());
        }
        List<ImportError> fileErrors = new ArrayList<>();
        List<String> header = rows.getFirst().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                continue;
            }
            if (!ImportColumns.ALL.contains(name)) {
                fileErrors.add(new ImportError(1, name, UNKNOWN_COLUMN, "unknown column \"" + name
                        + "\"; the columns are " + String.join(", ", ImportColumns.ALL),
                        List.of(name, String.join(", ", ImportColumns.ALL))));
            } else if (!seen.add(name)) {
                fileErrors.add(new ImportError(1, name, DUPLICATE_COLUMN, "the column appears twice"));
            }
        }
        for (String required : ImportColumns.REQUIRED) {
            if (!header.contains(required)) {
                fileErrors.add(new ImportError(1, required, MISSING_COLUMN, "the column is required"));
            }
        }
        if (!fileErrors.isEmpty()) {
            return new ImportPlan(sha, fileErrors, List.of());
        }
        Lookups lookups = new Lookups(tenant);
        Set<String> units = new HashSet<>();
        Set<String> meters = new HashSet<>();
        Set<String> accountIds = new HashSet<>();
        List<Map<String, String>> cellsByRow = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> cells = rows.get(r);
            if (cells.stream().allMatch(String::isEmpty)) {
                continue;
            }
            Map<String, String> values = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (!header.get(c).isEmpty()) {
                    values.put(header.get(c), c < cells.size() ? cells.get(c) : "");
                }
            }
            cellsByRow.add(values);
            rowNumbers.add(r + 1);
        }
        List<RowPlan> plans = new ArrayList<>();
        for (int i = 0; i < cellsByRow.size(); i++) {
            if (i % LOOKUP_CHUNK == 0) {
                lookups.prefetch(cellsByRow.subList(i, Math.min(cellsByRow.size(), i + LOOKUP_CHUNK)));
            }
            plans.add(planRow(rowNumbers.get(i), cellsByRow.get(i), zone, lookups, units, meters, accountIds));
        }
        return new ImportPlan(sha, List.of(), plans);
    }

    private RowPlan planRow(int row, Map<String, String> cells, ZoneId zone, Lookups lookups, Set<String> units,
                            Set<String> meters, Set<String> accountIds) {
        List<ImportError> errors = new ArrayList<>();
        for (String column : ImportColumns.ALL) {
            String cell = cells.get(column);
            if (CellRule.judge(cell) instanceof CellRule.Formula formula) {
                errors.add(new ImportError(row, column, formula.rule(), formula.reason()));
            } else if (FreeText.judge(cell, FreeText.TEXT) instanceof FreeText.Refused refused) {
                errors.add(new ImportError(row, column, refused.rule(), refused.reason()));
            }
        }
        if (!errors.isEmpty()) {
            return new RowPlan(row, null, List.of(), errors);
        }
        Cells in = new Cells(row, cells, errors);
        ImportRow values = new ImportRow(in.text(ImportColumns.PROPERTY), in.text(ImportColumns.UNIT),
                Optional.ofNullable(in.text(ImportColumns.UNIT_NAME)).orElse(in.text(ImportColumns.UNIT)),
                in.text(ImportColumns.METER), in.upper(ImportColumns.UTILITY),
                Optional.ofNullable(in.text(ImportColumns.SERIAL)).orElse(in.text(ImportColumns.METER)),
                in.text(ImportColumns.ACCOUNT), in.upper(ImportColumns.CURRENCY), in.text(ImportColumns.TARIFF),
                in.moment(ImportColumns.OPENING_READ_AT, zone), in.decimal(ImportColumns.OPENING_REGISTER),
                in.whole(ImportColumns.OPENING_BALANCE), in.text(ImportColumns.OCCUPANT_NAME),
                in.text(ImportColumns.OCCUPANT_EMAIL), in.text(ImportColumns.OCCUPANT_PHONE));
        List<Step> steps = new ArrayList<>();
        in.require(ImportColumns.PROPERTY, values.propertyId());
        in.require(ImportColumns.UNIT, values.unitId());
        if (values.propertyId() != null && !lookups.propertyExists(values.propertyId())) {
            errors.add(new ImportError(row, ImportColumns.PROPERTY, UNKNOWN_PROPERTY,
                    "property " + values.propertyId() + " is not one of yours; add it first",
                    List.of(values.propertyId())));
        }
        if (values.unitId() != null) {
            in.check(() -> forms.checked(new NewUnit(values.unitId(), values.unitName())), UnaryOperator.identity());
            if (!units.add(values.unitId())) {
                errors.add(new ImportError(row, ImportColumns.UNIT, DUPLICATE, "unit " + values.unitId()
                        + " appears in an earlier row", List.of(values.unitId())));
            }
            Optional<String> propertyOfUnit = lookups.propertyOfUnit(values.unitId());
            if (propertyOfUnit.isPresent() && !propertyOfUnit.get().equals(values.propertyId())) {
                errors.add(new ImportError(row, ImportColumns.UNIT, UNIT_ELSEWHERE, "unit " + values.unitId()
                        + " already belongs to property " + propertyOfUnit.get(),
                        List.of(values.unitId(), propertyOfUnit.get())));
            }
            steps.add(propertyOfUnit.isPresent() ? Step.UNIT_UNCHANGED : Step.CREATE_UNIT);
        }
        boolean meterParts = values.hasMeter() || in.text(ImportColumns.UTILITY) != null;
        if (meterParts) {
            in.require(ImportColumns.METER, values.meterId());
            in.require(ImportColumns.UTILITY, values.utility());
            Utility utility = in.choice(ImportColumns.UTILITY, Utility.class, values.utility());
            if (values.meterId() != null) {
                in.check(() -> forms.checked(new RegisterMeterRequest(values.meterId(), values.unitId(), utility,
                        values.serialNumber())), UnaryOperator.identity());
                if (!meters.add(values.meterId())) {
                    errors.add(new ImportError(row, ImportColumns.METER, DUPLICATE, "meter " + values.meterId()
                            + " appears in an earlier row", List.of(values.meterId())));
                }
                try {
                    steps.add(errors.isEmpty() && lookups.ownsMeter(values.meterId()) ? Step.METER_UNCHANGED
                            : Step.CREATE_METER);
                } catch (IdTaken e) {
                    errors.add(new ImportError(row, ImportColumns.METER, ID_TAKEN, "this id is already taken; "
                            + "choose another"));
                }
            }
        }
        boolean accountParts = values.hasAccount() || values.tariffId() != null || values.openingRegister() != null
                || values.openingBalanceMinor() != null;
        if (accountParts) {
            in.require(ImportColumns.ACCOUNT, values.accountId());
            in.require(ImportColumns.METER, values.meterId());
            in.require(ImportColumns.TARIFF, values.tariffId());
            in.require(ImportColumns.CURRENCY, values.currency());
            in.require(ImportColumns.OPENING_REGISTER, values.openingRegister());
            if (values.openingRegister() != null && values.openingRegister().compareTo(MAX_OPENING_REGISTER) > 0) {
                errors.add(new ImportError(row, ImportColumns.OPENING_REGISTER, REGISTER_IMPLAUSIBLE,
                        "an opening register above " + MAX_OPENING_REGISTER.toPlainString() + " is beyond any meter",
                        List.of(MAX_OPENING_REGISTER.toPlainString())));
            }
            if (values.accountId() != null) {
                in.check(() -> forms.checked(new OpenAccountRequest(values.accountId(), values.unitId(),
                        values.meterId(), values.currency(), values.tariffId(), null,
                        values.openingReadAt() == null ? Instant.EPOCH : values.openingReadAt(),
                        values.openingRegister(), null)), UnaryOperator.identity());
                if (!accountIds.add(values.accountId())) {
                    errors.add(new ImportError(row, ImportColumns.ACCOUNT, DUPLICATE, "account "
                            + values.accountId() + " appears in an earlier row", List.of(values.accountId())));
                }
            }
            if (values.tariffId() != null) {
                Optional<TariffReader.TariffState> state = lookups.tariff(values.tariffId());
                Instant openingAt = values.openingReadAt() == null ? GenericEventMessage.clock.instant()
                        : values.openingReadAt();
                if (state.isEmpty()) {
                    errors.add(new ImportError(row, ImportColumns.TARIFF, UNKNOWN_TARIFF, "tariff "
                            + values.tariffId() + " is not one of yours; create and publish it first",
                            List.of(values.tariffId())));
                } else if (state.get().timeline().versionAt(openingAt).isEmpty()) {
                    // what OpenAccount would refuse after the unit and meter were stored: refused before anything is
                    errors.add(new ImportError(row, ImportColumns.OPENING_READ_AT, NO_VERSION_IN_FORCE, "tariff "
                            + values.tariffId() + " has no version in force at " + openingAt
                            + "; publish one from that moment or open later"));
                }
            }
            Long balance = values.openingBalanceMinor();
            if (balance != null && balance != 0) {
                in.check(() -> forms.checked(new TopUpRequest(balance, values.currency() == null ? "XXX"
                        : values.currency(), "import", null)), UnaryOperator.identity());
            }
            if (values.accountId() != null && errors.isEmpty()) {
                Optional<String> existing = lookups.accountMeter(values.accountId());
                if (existing.isPresent() && !Objects.equals(existing.get(), values.meterId())) {
                    errors.add(new ImportError(row, ImportColumns.ACCOUNT, ACCOUNT_DIFFERS, "account "
                            + values.accountId() + " exists with meter " + existing.get(),
                            List.of(values.accountId(), existing.get())));
                }
                steps.add(existing.isPresent() ? Step.ACCOUNT_UNCHANGED : Step.OPEN_ACCOUNT);
                if (balance != null && balance > 0 && existing.isEmpty()) {
                    steps.add(Step.CREDIT_OPENING_BALANCE);
                }
            }
        }
        if (values.hasContact()) {
            in.require(ImportColumns.ACCOUNT, values.accountId());
            Set<Channel> channels = channels(values);
            in.check(() -> forms.checked(new ContactRequest(values.occupantName(), values.occupantEmail(),
                    values.occupantPhone(), null, channels)), field -> field.equals("name")
                    ? ImportColumns.OCCUPANT_NAME : field.equals("channels") ? ImportColumns.OCCUPANT_EMAIL : field);
            if (errors.isEmpty() && contacts.getIfAvailable() != null) {
                steps.add(lookups.contactUnchanged(values, channels) ? Step.CONTACT_UNCHANGED : Step.SET_CONTACT);
            }
        }
        return new RowPlan(row, values, errors.isEmpty() ? steps : List.of(), List.copyOf(errors));
    }

    /** E-mail when the row has an address, SMS when it has a mobile number. */
    static Set<Channel> channels(ImportRow values) {
        Set<Channel> channels = new LinkedHashSet<>();
        if (values.occupantEmail() != null) {
            channels.add(Channel.EMAIL);
        }
        if (values.occupantPhone() != null) {
            channels.add(Channel.SMS);
        }
        return channels;
    }

    static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class IdTaken extends RuntimeException {
        IdTaken() {
            super(null, null, false, false);
        }
    }

    /** One row's cells read into values; a cell that is not a value of its column's type is an error of that cell. */
    private static final class Cells {
        private final int row;
        private final Map<String, String> cells;
        private final List<ImportError> errors;

        Cells(int row, Map<String, String> cells, List<ImportError> errors) {
            this.row = row;
            this.cells = cells;
            this.errors = errors;
        }

        String text(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }

        String upper(String column) {
            String value = text(column);
            return value == null ? null : value.toUpperCase(Locale.ROOT);
        }

        void require(String column, Object value) {
            if (value == null && errors.stream().noneMatch(e -> column.equals(e.column()))) {
                errors.add(new ImportError(row, column, REQUIRED, "a value is required here"));
            }
        }

        <E extends Enum<E>> E choice(String column, Class<E> type, String value) {
            if (value == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                errors.add(new ImportError(row, column, NOT_A_VALUE, "must be one of "
                        + java.util.Arrays.toString(type.getEnumConstants()),
                        List.of(java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
                                .collect(java.util.stream.Collectors.joining(", ")))));
                return null;
            }
        }

        BigDecimal decimal(String column) {
            String value = text(column);
            try {
                return value == null ? null : new BigDecimal(value);
            } catch (NumberFormatException e) {
                errors.add(new ImportError(row, column, NOT_A_VALUE, "must be a number such as 1234.5",
                        List.of("1234.5")));
                return null;
            }
        }

        Long whole(String column) {
            String value = text(column);
            try {
                return value == null ? null : new BigDecimal(value).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                errors.add(new ImportError(row, column, NOT_A_VALUE,
                        "must be a whole number of minor units (fen, cents)", List.of("20000")));
                return null;
            }
        }

        /** An ISO instant, a local date-time or a date, the latter two in the tenant's zone. */
        Instant moment(String column, ZoneId zone) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                if (value.length() <= 10) {
                    return LocalDate.parse(value).atStartOfDay(zone).toInstant();
                }
                if (value.endsWith("Z") || value.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
                    return OffsetDateTime.parse(value).toInstant();
                }
                return LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                errors.add(new ImportError(row, column, NOT_A_VALUE,
                        "must be a date such as 2027-01-31 or a moment such as 2027-01-31T08:00",
                        List.of("2027-01-31, 2027-01-31T08:00")));
                return null;
            }
        }

        /** The API's own request check; its refusal names the file's column. */
        void check(Runnable check, UnaryOperator<String> fieldToColumn) {
            try {
                check.run();
            } catch (FieldRejected e) {
                String column = ImportColumns.ofField(fieldToColumn.apply(e.field()));
                if (errors.stream().noneMatch(existing -> column.equals(existing.column()))) {
                    errors.add(new ImportError(row, column, e.rule(), e.reason(), e.figures()));
                }
            }
        }
    }

    /**
     * What exists already: asked once per property and tariff of the file, and once per {@link #LOOKUP_CHUNK} rows
     * for units, meters, accounts and contacts (one query each for a chunk of ids). Asked row by row, a 10,000-row
     * dry run took 102 s at load average 36 (infra/perf {@code import}, 2026-12-07) with 0.4 s of its own CPU: it was
     * four transactions and round trips per row, waiting on the database.
     */
    private final class Lookups {
        private final TenantId tenant;
        private final Map<String, Boolean> properties = new HashMap<>();
        private final Map<String, Optional<TariffReader.TariffState>> tariffStates = new HashMap<>();
        private final Map<String, String> unitProperties = new HashMap<>();
        private final Set<String> unitsAsked = new HashSet<>();
        private final Set<String> metersAsked = new HashSet<>();
        private final Set<MeterId> ourMeters = new HashSet<>();
        private final Set<MeterId> takenMeters = new HashSet<>();
        private final Set<String> accountsAsked = new HashSet<>();
        private final Map<String, String> accountMeters = new HashMap<>();
        private final Set<AccountId> contactsAsked = new HashSet<>();
        private final Map<AccountId, OccupantContact> contactsFound = new HashMap<>();

        Lookups(TenantId tenant) {
            this.tenant = tenant;
        }

        /** Asks, in one query per kind, about the ids of the next rows that were not asked about yet. */
        void prefetch(List<Map<String, String>> rows) {
            Set<String> unitIds = new HashSet<>();
            Set<MeterId> meterIds = new HashSet<>();
            Set<String> accountIdsToAsk = new HashSet<>();
            for (Map<String, String> row : rows) {
                String unit = id(row.get(ImportColumns.UNIT));
                if (unit != null && unitsAsked.add(unit)) {
                    unitIds.add(unit);
                }
                String meter = id(row.get(ImportColumns.METER));
                if (meter != null && metersAsked.add(meter) && valid(() -> new MeterId(meter))) {
                    meterIds.add(new MeterId(meter));
                }
                String account = id(row.get(ImportColumns.ACCOUNT));
                if (account != null && accountsAsked.add(account)) {
                    accountIdsToAsk.add(account);
                }
            }
            if (!unitIds.isEmpty()) {
                unitProperties.putAll(registry.propertiesOf(tenant, unitIds));
            }
            if (!meterIds.isEmpty()) {
                FindMeterIdsInUse.MeterIdsInUse inUse = queries.query(new FindMeterIdsInUse(tenant, meterIds),
                        FindMeterIdsInUse.MeterIdsInUse.class).join();
                ourMeters.addAll(inUse.ours());
                takenMeters.addAll(inUse.taken());
            }
            if (!accountIdsToAsk.isEmpty()) {
                accountMeters.putAll(accounts.metersOf(tenant, accountIdsToAsk));
                OccupantContacts store = contacts.getIfAvailable();
                if (store != null) {
                    List<AccountId> ids = accountIdsToAsk.stream().filter(id -> valid(() -> new AccountId(id)))
                            .map(AccountId::new).toList();
                    contactsAsked.addAll(ids);
                    contactsFound.putAll(store.findAll(tenant, ids));
                }
            }
        }

        private static String id(String cell) {
            return cell == null || cell.isBlank() ? null : cell.strip();
        }

        private static boolean valid(Runnable id) {
            try {
                id.run();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        boolean propertyExists(String propertyId) {
            return properties.computeIfAbsent(propertyId, id -> {
                boolean exists = registry.property(tenant, new PropertyId(id)).isPresent();
                if (exists) {
                    registry.units(tenant, new PropertyId(id)).forEach(u -> unitProperties.put(u.unitId(), id));
                }
                return exists;
            });
        }

        Optional<String> propertyOfUnit(String unitId) {
            String known = unitProperties.get(unitId);
            if (known != null || unitsAsked.contains(unitId)) {
                return Optional.ofNullable(known);
            }
            return registry.unit(tenant, new com.meterledger.api.registry.UnitId(unitId))
                    .map(unit -> unit.propertyId().value());
        }

        Optional<TariffReader.TariffState> tariff(String tariffId) {
            return tariffStates.computeIfAbsent(tariffId, id -> {
                try {
                    return Optional.of(tariffs.read(tenant, new TariffId(id)));
                } catch (NotFound | IllegalArgumentException e) {
                    return Optional.empty();
                }
            });
        }

        /**
         * Whether the meter is already the tenant's; an id no aggregate holds is new. An id another tenant (or
         * anything but the tenant's meter) holds is refused as taken, as {@code POST /api/meters} refuses it, without
         * saying whose it is.
         */
        boolean ownsMeter(String meterId) {
            MeterId id = new MeterId(meterId);
            if (!metersAsked.contains(meterId)) {
                prefetchMeter(id);
            }
            if (ourMeters.contains(id)) {
                return true;
            }
            if (takenMeters.contains(id)) {
                throw new IdTaken();
            }
            return false;
        }

        private void prefetchMeter(MeterId id) {
            metersAsked.add(id.value());
            FindMeterIdsInUse.MeterIdsInUse inUse = queries.query(new FindMeterIdsInUse(tenant, Set.of(id)),
                    FindMeterIdsInUse.MeterIdsInUse.class).join();
            ourMeters.addAll(inUse.ours());
            takenMeters.addAll(inUse.taken());
        }

        /** The meter of the tenant's account under this id, if it has one. */
        Optional<String> accountMeter(String accountId) {
            if (!accountsAsked.contains(accountId)) {
                accountsAsked.add(accountId);
                accountMeters.putAll(accounts.metersOf(tenant, List.of(accountId)));
            }
            return Optional.ofNullable(accountMeters.get(accountId));
        }

        boolean contactUnchanged(ImportRow values, Set<Channel> channels) {
            AccountId account = new AccountId(values.accountId());
            Optional<OccupantContact> contact = contactsAsked.contains(account)
                    ? Optional.ofNullable(contactsFound.get(account))
                    : contacts.getObject().find(tenant, account);
            return contact.isPresent() && Objects.equals(contact.get().name(), values.occupantName())
                    && Objects.equals(contact.get().email(), values.occupantEmail())
                    && Objects.equals(contact.get().phone(), values.occupantPhone())
                    && contact.get().channels().equals(channels);
        }
    }
}
