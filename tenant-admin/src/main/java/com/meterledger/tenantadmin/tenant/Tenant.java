package com.meterledger.tenantadmin.tenant;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.AlertSettings;
import com.meterledger.api.tenant.PurgeTenantRecord;
import com.meterledger.api.tenant.TenantRecordPurged;
import com.meterledger.api.tenant.AlertSettingsChanged;
import com.meterledger.api.tenant.ChangeAlertSettings;
import com.meterledger.api.tenant.ChangeTenantSettings;
import com.meterledger.api.tenant.ChoosePaymentMethods;
import com.meterledger.api.tenant.PaymentMethodChoice;
import com.meterledger.api.tenant.PaymentMethodsChosen;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.ResumeTenantByOperator;
import com.meterledger.api.tenant.SuspendTenantByOperator;
import com.meterledger.api.tenant.TenantBillingStatusHeld;
import com.meterledger.api.tenant.TenantResumedByOperator;
import com.meterledger.api.tenant.TenantSuspendedByOperator;
import com.meterledger.api.tenant.RecordWebhookSecretRotation;
import com.meterledger.api.tenant.ChangeSecondFactorPolicy;
import com.meterledger.api.tenant.SecondFactorPolicy;
import com.meterledger.api.tenant.SecondFactorPolicyChanged;
import com.meterledger.api.tenant.SignUpTenant;
import com.meterledger.api.tenant.TenantRules;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.api.tenant.TenantSettingsChanged;
import com.meterledger.api.tenant.TenantSignedUp;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.api.tenant.TenantStatusChanged;
import com.meterledger.api.tenant.WebhookSecretRotated;
import com.meterledger.api.tenant.ChangeNotificationChannels;
import com.meterledger.api.tenant.ChangeSmsSenderName;
import com.meterledger.api.tenant.NotificationChannelsChanged;
import com.meterledger.api.tenant.SmsSenderName;
import com.meterledger.api.tenant.SmsSenderNameChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A property group subscribing to MeterLedger, as the history of its life cycle ({@link TenantLifecycle}). Its
 * identifier is its slug, so a slug is taken exactly once in the event store, whatever the nodes race.
 *
 * <p>Every command carries the tenant it speaks for in its metadata, as everywhere: a tenant's own people act on
 * their tenant only; the platform's operator and the billing webhooks speak for the tenant they act on.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Tenant {
    @AggregateIdentifier
    private TenantId tenantId;
    private TenantStatus status;
    /** Where billing (and the life cycle without the operator) stands; differs from status while the operator holds. */
    private TenantStatus billingStatus;
    /** Whether the platform operator's suspension holds the tenant ({@link OperatorSuspension}). */
    private boolean operatorHeld;
    private TenantSettings settings;
    /** Null until first changed: the standard ones apply. */
    private AlertSettings alertSettings;
    private PaymentMethodChoice paymentMethods;
    private boolean purged;
    /** Null until first changed: no second factor is required. */
    private SecondFactorPolicy secondFactorPolicy;
    /** channels: null until first set (the platform's sender applies). */
    private SmsSenderName smsSenderName;

    protected Tenant() {
    }

    @CommandHandler
    public Tenant(SignUpTenant command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(command.tenantId(), tenant);
        apply(new TenantSignedUp(command.tenantId(), command.profile(), TenantSettings.standard(command.profile()),
                GenericEventMessage.clock.instant()));
    }

    /** Saving the same settings again changes nothing; a tenant whose staff may not write cannot change them. */
    @CommandHandler
    public void handle(ChangeTenantSettings command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        requireStaffMayWrite("change its settings");
        if (!command.settings().equals(settings)) {
            apply(new TenantSettingsChanged(tenantId, command.settings(), GenericEventMessage.clock.instant()));
        }
    }

    /** Alert settings are their own section: saving the same again changes nothing. */
    @CommandHandler
    public void handle(ChangeAlertSettings command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        requireStaffMayWrite("change its alert settings");
        AlertSettings current = alertSettings == null ? AlertSettings.standard() : alertSettings;
        if (!command.settings().equals(current)) {
            apply(new AlertSettingsChanged(tenantId, command.settings(), GenericEventMessage.clock.instant()));
        }
    }

    /** Choosing the same methods again changes nothing; a tenant whose staff may not write cannot choose. */
    @CommandHandler
    public void handle(ChoosePaymentMethods command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        requireStaffMayWrite("change its payment methods");
        PaymentMethodChoice current = paymentMethods == null ? PaymentMethodChoice.cardOnly() : paymentMethods;
        if (!command.choice().equals(current)) {
            apply(new PaymentMethodsChosen(tenantId, command.choice(), GenericEventMessage.clock.instant()));
        }
    }

    /** access: the second-factor requirement is its own section; saving the same again changes nothing. */
    @CommandHandler
    public void handle(ChangeSecondFactorPolicy command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        requireStaffMayWrite("change its second-factor requirement");
        SecondFactorPolicy current = secondFactorPolicy == null ? SecondFactorPolicy.standard() : secondFactorPolicy;
        if (!command.policy().equals(current)) {
            apply(new SecondFactorPolicyChanged(tenantId, command.policy(), GenericEventMessage.clock.instant()));
        }
    }

    /**
     * channels: the occupants' alert channels and the staff address are their own section. The address is not in the
     * event, so this aggregate cannot tell a change of it alone: whoever sends the command ({@code
     * TenantNotificationChannels}) sends it only when something changed, and each command is recorded.
     */
    @CommandHandler
    public void handle(ChangeNotificationChannels command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        requireStaffMayWrite("change its notification channels");
        apply(new NotificationChannelsChanged(tenantId, command.channels().occupantChannels(),
                command.channels().staffAlertAddress() != null, GenericEventMessage.clock.instant()));
    }

    /** channels: the SMS sender name is its own section; saving the same again changes nothing. */
    @CommandHandler
    public void handle(ChangeSmsSenderName command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        requireStaffMayWrite("change its SMS sender name");
        if (!command.senderName().equals(smsSenderName)) {
            apply(new SmsSenderNameChanged(tenantId, command.senderName(), GenericEventMessage.clock.instant()));
        }
    }

    /**
     * Billing's, sign-up's and closing's steps. While the operator holds the tenant, billing's steps move only
     * billing's status ({@link TenantBillingStatusHeld}): a paid invoice does not lift the operator's suspension.
     * Cancelling and closing end the hold with the tenant.
     *
     * @return the status the tenant has afterwards
     */
    @CommandHandler
    public TenantStatus handle(ChangeTenantStatus command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        if (operatorHeld && command.to() != TenantStatus.CANCELLED && command.to() != TenantStatus.CLOSED) {
            switch (TenantLifecycle.judge(billingStatus, command.to(), command.reason())) {
                case TenantLifecycle.Refused refused -> throw new RuleViolation(refused.rule(), refused.reason());
                case TenantLifecycle.AlreadyThere ignored -> {
                    return status;
                }
                case TenantLifecycle.Step step -> apply(new TenantBillingStatusHeld(tenantId, step.from(), step.to(),
                        command.reason().strip(), GenericEventMessage.clock.instant()));
            }
            return status;
        }
        switch (TenantLifecycle.judge(status, command.to(), command.reason())) {
            case TenantLifecycle.Refused refused -> throw new RuleViolation(refused.rule(), refused.reason());
            case TenantLifecycle.AlreadyThere ignored -> {
                return status;
            }
            case TenantLifecycle.Step step -> apply(new TenantStatusChanged(tenantId, step.from(), step.to(),
                    command.reason().strip(), GenericEventMessage.clock.instant()));
        }
        return status;
    }

    /**
     * The operator's suspension: a hold of its own, placed once; the status becomes SUSPENDED unless billing had
     * suspended the tenant already.
     *
     * @return the status the tenant has afterwards
     */
    @CommandHandler
    public TenantStatus handle(SuspendTenantByOperator command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        switch (OperatorSuspension.suspend(status, operatorHeld, command.reason())) {
            case OperatorSuspension.Refused refused -> throw new RuleViolation(refused.rule(), refused.reason());
            case OperatorSuspension.AlreadyHeld ignored -> {
                return status;
            }
            case OperatorSuspension.Hold hold -> {
                String reason = command.reason().strip();
                apply(new TenantSuspendedByOperator(tenantId, reason, GenericEventMessage.clock.instant()));
                if (hold.from() != TenantStatus.SUSPENDED) {
                    apply(new TenantStatusChanged(tenantId, hold.from(), TenantStatus.SUSPENDED, reason,
                            GenericEventMessage.clock.instant()));
                }
            }
            default -> throw new IllegalStateException("not a verdict of a suspension");
        }
        return status;
    }

    /**
     * The operator lifts its own hold only: the tenant goes where billing stands, which stays SUSPENDED while an
     * invoice is unpaid; a tenant the operator does not hold is refused ({@code tenant-not-suspended-by-operator}).
     *
     * @return the status the tenant has afterwards
     */
    @CommandHandler
    public TenantStatus handle(ResumeTenantByOperator command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        switch (OperatorSuspension.resume(billingStatus, operatorHeld, command.reason())) {
            case OperatorSuspension.Refused refused -> throw new RuleViolation(refused.rule(), refused.reason());
            case OperatorSuspension.Lift lift -> {
                String reason = command.reason().strip();
                apply(new TenantResumedByOperator(tenantId, reason, GenericEventMessage.clock.instant()));
                if (lift.to() != TenantStatus.SUSPENDED) {
                    apply(new TenantStatusChanged(tenantId, TenantStatus.SUSPENDED, lift.to(), reason,
                            GenericEventMessage.clock.instant()));
                }
            }
            default -> throw new IllegalStateException("not a verdict of a resumption");
        }
        return status;
    }

    /**
     * Only a closed tenant's record is purged, once; the retention job has judged the period over
     * ({@link RetentionRule}). A second purge changes nothing.
     */
    @CommandHandler
    public void handle(PurgeTenantRecord command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        if (status != TenantStatus.CLOSED) {
            throw new RuleViolation(TenantRules.TRANSITION_NOT_ALLOWED, "only a closed tenant's record is purged; "
                    + tenantId + " is " + status);
        }
        if (!purged) {
            apply(new TenantRecordPurged(tenantId, command.retainedUntil(), GenericEventMessage.clock.instant()));
        }
    }

    /** The secret's replacement is recorded; who replaced it is the command's actor. */
    @CommandHandler
    public void handle(RecordWebhookSecretRotation command, @MetaDataValue(TENANT) String tenant) {
        requireSelf(tenantId, tenant);
        requireStaffMayWrite("replace its webhook secret");
        apply(new WebhookSecretRotated(tenantId, GenericEventMessage.clock.instant()));
    }

    private void requireStaffMayWrite(String what) {
        if (!status.staffMayWrite()) {
            throw new RuleViolation(TenantRules.STAFF_WRITES_SUSPENDED, "a tenant that is " + status + " cannot " + what);
        }
    }

    private static void requireSelf(TenantId tenantId, String caller) {
        if (caller == null || !tenantId.sameAs(caller)) {
            throw new NotFound("tenant", tenantId);
        }
    }

    @EventSourcingHandler
    void on(TenantSignedUp event) {
        tenantId = event.tenantId();
        status = TenantStatus.SIGNED_UP;
        billingStatus = TenantStatus.SIGNED_UP;
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(TenantSettingsChanged event) {
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(AlertSettingsChanged event) {
        alertSettings = event.settings();
    }

    @EventSourcingHandler
    void on(PaymentMethodsChosen event) {
        paymentMethods = event.choice();
    }

    @EventSourcingHandler
    void on(SecondFactorPolicyChanged event) {
        secondFactorPolicy = event.policy();
    }

    @EventSourcingHandler
    void on(SmsSenderNameChanged event) {
        smsSenderName = event.senderName();
    }

    @EventSourcingHandler
    void on(TenantStatusChanged event) {
        status = event.to();
        if (event.to() == TenantStatus.CANCELLED || event.to() == TenantStatus.CLOSED) {
            operatorHeld = false;
        }
        if (!operatorHeld) {
            billingStatus = event.to();
        }
    }

    @EventSourcingHandler
    void on(TenantSuspendedByOperator event) {
        operatorHeld = true;
    }

    @EventSourcingHandler
    void on(TenantResumedByOperator event) {
        operatorHeld = false;
    }

    @EventSourcingHandler
    void on(TenantBillingStatusHeld event) {
        billingStatus = event.to();
    }

    @EventSourcingHandler
    void on(TenantRecordPurged event) {
        purged = true;
    }
}
