package com.meterledger.tenantadmin.occupantlink;

import java.util.Locale;

/**
 * What staff see of a remembered phone, so they can tell two apart and revoke the right one: its kind and browser as
 * the user agent names them ("iPhone · WeChat"), never the user agent itself (it is close to a fingerprint). Stored
 * as {@code PLATFORM/BROWSER} codes, worded by the page in the reader's language.
 */
public record DeviceLabel(Platform platform, Browser browser) {
    public enum Platform { IPHONE, IPAD, ANDROID, HARMONYOS, WINDOWS, MAC, LINUX, OTHER }

    /** In the order they are looked for: in-app browsers name the engine they embed too. */
    public enum Browser { WECHAT, ALIPAY, EDGE, SAMSUNG, FIREFOX, CHROME, SAFARI, OTHER }

    public static DeviceLabel of(String userAgent) {
        String agent = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
        return new DeviceLabel(platformOf(agent), browserOf(agent));
    }

    /** The stored form, {@code IPHONE/WECHAT}. */
    public String code() {
        return platform.name() + "/" + browser.name();
    }

    /** The label of a stored code; anything unreadable is the unknown device. */
    public static DeviceLabel parse(String code) {
        String[] parts = code == null ? new String[0] : code.split("/", 2);
        if (parts.length != 2) {
            return new DeviceLabel(Platform.OTHER, Browser.OTHER);
        }
        return new DeviceLabel(valueOr(Platform.class, parts[0], Platform.OTHER),
                valueOr(Browser.class, parts[1], Browser.OTHER));
    }

    private static Platform platformOf(String agent) {
        if (agent.contains("iphone")) {
            return Platform.IPHONE;
        }
        if (agent.contains("ipad")) {
            return Platform.IPAD;
        }
        if (agent.contains("harmonyos") || agent.contains("openharmony")) {
            return Platform.HARMONYOS;
        }
        if (agent.contains("android")) {
            return Platform.ANDROID;
        }
        if (agent.contains("windows")) {
            return Platform.WINDOWS;
        }
        if (agent.contains("macintosh") || agent.contains("mac os x")) {
            return Platform.MAC;
        }
        if (agent.contains("linux") || agent.contains("cros")) {
            return Platform.LINUX;
        }
        return Platform.OTHER;
    }

    private static Browser browserOf(String agent) {
        if (agent.contains("micromessenger")) {
            return Browser.WECHAT;
        }
        if (agent.contains("alipayclient")) {
            return Browser.ALIPAY;
        }
        if (agent.contains("edg/") || agent.contains("edga/") || agent.contains("edgios/")) {
            return Browser.EDGE;
        }
        if (agent.contains("samsungbrowser")) {
            return Browser.SAMSUNG;
        }
        if (agent.contains("firefox/") || agent.contains("fxios/")) {
            return Browser.FIREFOX;
        }
        if (agent.contains("chrome/") || agent.contains("crios/") || agent.contains("chromium/")) {
            return Browser.CHROME;
        }
        if (agent.contains("safari/")) {
            return Browser.SAFARI;
        }
        return Browser.OTHER;
    }

    private static <E extends Enum<E>> E valueOr(Class<E> type, String name, E otherwise) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }
}
