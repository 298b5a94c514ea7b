#!/bin/sh
# Brings the two-node compose file up where Docker exists: builds the jar, writes the broker's password file, starts.
# Needs DB_ADMIN_PASSWORD, DB_PASSWORD, DB_RUNTIME_PASSWORD, MQTT_PASSWORD, PAYMENT_LINK_SECRET (>= 32 bytes) and
# ISSUER_URI (your OIDC provider's issuer, reachable from the containers) in the environment.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
command -v docker >/dev/null || { echo "no docker here: see infra/perf twonodes for the run without containers"; exit 1; }
: "${DB_ADMIN_PASSWORD:?}" "${DB_PASSWORD:?}" "${DB_RUNTIME_PASSWORD:?}" "${MQTT_PASSWORD:?}" "${PAYMENT_LINK_SECRET:?}" "${ISSUER_URI:?}"
(cd "$here/../.." && ./mvnw -B -q -pl infra/app -am package -DskipTests)
touch "$here/mosquitto.passwd"
docker run --rm -v "$here/mosquitto.passwd:/passwd" eclipse-mosquitto:2 \
    mosquitto_passwd -b /passwd meterledger-app "$MQTT_PASSWORD"
docker compose -f "$here/compose.yaml" up -d
echo "MeterLedger behind the balancer: http://localhost:8080 (docker compose -f $here/compose.yaml ps)"
