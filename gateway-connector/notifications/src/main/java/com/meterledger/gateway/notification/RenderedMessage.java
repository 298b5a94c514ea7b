package com.meterledger.gateway.notification;

/**
 * The words of a notification. {@code text} is one or two plain sentences (what an SMS carries); {@code body} is the
 * full e-mail text with greeting and sign-off.
 */
public record RenderedMessage(String subject, String text, String body) {
}
