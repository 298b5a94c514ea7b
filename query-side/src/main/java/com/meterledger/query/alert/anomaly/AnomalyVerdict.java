package com.meterledger.query.alert.anomaly;

import java.util.Map;

/**
 * What an anomaly rule says about one meter: {@link Normal} with the reason it did not fire, {@link Unknown} when the
 * readings cannot tell (no verdict is better than an alarm made up from missing data), or {@link Anomalous} with the
 * rule that fired and its figures, which the alert shows as they are (exact decimals as text).
 */
public sealed interface AnomalyVerdict permits AnomalyVerdict.Normal, AnomalyVerdict.Unknown, AnomalyVerdict.Anomalous {
    record Normal(String reason) implements AnomalyVerdict {
    }

    record Unknown(String reason) implements AnomalyVerdict {
    }

    /** @param rule a stable code, the alert's rule */
    record Anomalous(String rule, Map<String, String> figures) implements AnomalyVerdict {
        public Anomalous {
            figures = Map.copyOf(figures);
        }
    }
}
