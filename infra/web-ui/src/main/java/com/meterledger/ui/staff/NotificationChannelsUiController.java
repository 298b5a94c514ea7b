package com.meterledger.ui.staff;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeSmsSenderName;
import com.meterledger.api.tenant.NotificationChannels;
import com.meterledger.api.notification.OccupantChannel;
import com.meterledger.api.tenant.SmsSenderName;
import com.meterledger.tenantadmin.tenant.TenantNotificationChannels;
import com.meterledger.tenantadmin.tenant.TenantSecondFactorPolicy;
import com.meterledger.ui.i18n.PageTexts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.EnumSet;
import java.util.Set;

/**
 * channels: two sections of the settings page, each its own command: the channels occupants may choose for
 * low-balance alerts with the staff alerts' address (as {@code PUT /api/tenant/settings/notification-channels}), and
 * the SMS sender name (as {@code PUT /api/tenant/settings/sms-sender}). A refusal is shown in its section, naming the
 * field and the rule, with what was typed; nothing is stored.
 */
@Controller
public class NotificationChannelsUiController {
    private final TenantNotificationChannels channels;
    private final CommandGateway commands;
    private final SettingsUiController settings;
    private final TenantSecondFactorPolicy policies;
    private final PageTexts texts;

    public NotificationChannelsUiController(TenantNotificationChannels channels, CommandGateway commands,
                                            SettingsUiController settings, TenantSecondFactorPolicy policies,
                                            PageTexts texts) {
        this.channels = channels;
        this.commands = commands;
        this.settings = settings;
        this.policies = policies;
        this.texts = texts;
    }

    /** An unticked box is absent from the form; an empty address sends staff alerts to the administrators. */
    @PostMapping("/ui/settings/notification-channels")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String changeChannels(TenantId tenant, @RequestParam(required = false) Boolean occupantEmail,
                                 @RequestParam(required = false) Boolean occupantSms,
                                 @RequestParam(required = false) String staffAlertAddress, Model model) {
        String page = page(tenant, model);
        if (!channels.tenantIsData(tenant)) {
            return page;
        }
        Set<OccupantChannel> offered = EnumSet.noneOf(OccupantChannel.class);
        if (Boolean.TRUE.equals(occupantEmail)) {
            offered.add(OccupantChannel.EMAIL);
        }
        if (Boolean.TRUE.equals(occupantSms)) {
            offered.add(OccupantChannel.SMS);
        }
        try {
            NotificationChannels chosen = channels.change(tenant, new NotificationChannels(offered,
                    staffAlertAddress));
            model.addAttribute("notificationChannels", ChannelsForm.of(chosen));
            model.addAttribute("channelsSaved", true);
        } catch (FieldRejected e) {
            model.addAttribute("notificationChannels", new ChannelsForm(offered.contains(OccupantChannel.EMAIL),
                    offered.contains(OccupantChannel.SMS), staffAlertAddress == null ? "" : staffAlertAddress));
            model.addAttribute("channelsErrorField", e.field());
            model.addAttribute("channelsError", refusal(e));
        } catch (RuleViolation e) {
            model.addAttribute("channelsError", texts.rule(e));
        }
        return page;
    }

    @PostMapping("/ui/settings/sms-sender")
    @PreAuthorize("hasRole('TENANT_ADMIN')")
    public String changeSender(TenantId tenant, @RequestParam(required = false) String senderName, Model model) {
        String page = page(tenant, model);
        if (!channels.tenantIsData(tenant)) {
            return page;
        }
        try {
            SmsSenderName name = new SmsSenderName(senderName);
            commands.sendAndWait(new ChangeSmsSenderName(tenant, name));
            model.addAttribute("smsSender", name.value());
            model.addAttribute("senderSaved", true);
        } catch (FieldRejected e) {
            model.addAttribute("smsSender", senderName == null ? "" : senderName);
            model.addAttribute("senderErrorField", e.field());
            model.addAttribute("senderError", refusal(e));
        } catch (RuleViolation e) {
            model.addAttribute("senderError", texts.rule(e));
        }
        return page;
    }

    /** The whole settings page, with the sections whose advice does not cover this controller. */
    private String page(TenantId tenant, Model model) {
        String page = settings.settings(tenant, model);
        model.addAttribute("secondFactor", policies.policyOf(tenant));
        return page;
    }

    /** The field in the reader's words and by its code, which stays the same in every language. */
    private String refusal(FieldRejected e) {
        return texts.text("settings.error", texts.textOr(e.field(), "settings.field." + e.field()), e.field(),
                texts.rule(e));
    }

    /** The channels' section as the form shows it. */
    public record ChannelsForm(boolean email, boolean sms, String staffAlertAddress) {
        static ChannelsForm of(NotificationChannels channels) {
            return new ChannelsForm(channels.offers(OccupantChannel.EMAIL), channels.offers(OccupantChannel.SMS),
                    channels.staffAlertAddress() == null ? "" : channels.staffAlertAddress());
        }
    }

    /** The tenant's channels and sender name on every page of the settings controller and of this one. */
    @ControllerAdvice(assignableTypes = {SettingsUiController.class, SecondFactorPolicyUiController.class,
            NotificationChannelsUiController.class})
    public static class Sections {
        private final TenantNotificationChannels channels;

        public Sections(TenantNotificationChannels channels) {
            this.channels = channels;
        }

        @ModelAttribute("notificationChannels")
        public ChannelsForm notificationChannels(TenantId tenant) {
            return ChannelsForm.of(channels.channelsOf(tenant));
        }

        /** The stored name, or null while the tenant never set one. */
        @ModelAttribute("smsSender")
        public String smsSender(TenantId tenant) {
            return channels.senderNameOf(tenant).map(SmsSenderName::value).orElse(null);
        }
    }
}
