-- The TOTP key is stored sealed (issue 16): AES-256-GCM under the key-encryption key from the environment, like the
-- issuer's signing keys (KeyCipher; nonce in front, 'totp:<person>' as associated data). The key never reaches the
-- database, so a copy of this table cannot mint codes. Keys stored in clear before this version are sealed by
-- SecondFactors at the application's start (the key is not known here); totp_secret is then null in every row.
alter table staff_person add column totp_key_sealed bytea;
