-- An operator's TOTP second factor, sealed as a tenant's person's is (V244): AES-256-GCM under the issuer's
-- key-encryption key, with totp:platform:<id> as associated data, so a copy of the table cannot mint codes and a
-- sealed key moved to another row (of this table or of staff_person) does not open. Never in clear, never in an event.
alter table platform_person add column totp_key_sealed bytea;
alter table platform_person add column totp_enrolled_at timestamptz;
