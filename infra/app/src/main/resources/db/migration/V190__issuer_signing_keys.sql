-- The embedded issuer's signing keys (RSA), shared by every node so that a token one node signs verifies on every
-- other node and after a restart. The private key is stored only encrypted (AES-GCM under the key-encryption key
-- from configuration, METERLEDGER_SIGNING_KEY_ENCRYPTION_KEY; the key id is the associated data, so a ciphertext
-- moved to another row does not decrypt). A credential: it appears in no event and no log.
-- retired_at is null for the one current key (it signs); a retired key stays published for verification until the
-- tokens it signed have expired, then its row is deleted.
create table issuer_signing_key (
    kid                   varchar(64)  not null primary key,
    algorithm             varchar(16)  not null,
    public_key            bytea        not null,
    private_key_encrypted bytea        not null,
    activated_at          timestamptz  not null,
    retired_at            timestamptz,
    constraint issuer_signing_key_retired_after_activated check (retired_at is null or retired_at >= activated_at)
);

-- At most one current key, whatever several nodes starting at once do (they also serialise on an advisory lock).
create unique index issuer_signing_key_one_current on issuer_signing_key ((true)) where retired_at is null;
