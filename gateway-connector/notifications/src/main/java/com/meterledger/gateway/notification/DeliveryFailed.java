package com.meterledger.gateway.notification;

/** The transport refused or could not be reached. The message says why, without personal data where possible. */
public class DeliveryFailed extends RuntimeException {
    public DeliveryFailed(String message) {
        super(message);
    }

    public DeliveryFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
