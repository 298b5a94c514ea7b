package com.meterledger.query.alert;

import java.util.List;

/** A page of the inbox, newest first, and how many alerts match in all. */
public record AlertPage(List<Alert> alerts, int page, int size, long total) {
}
