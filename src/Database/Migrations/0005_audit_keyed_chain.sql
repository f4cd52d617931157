-- 0005_audit_keyed_chain.sql
--
-- Keyed audit chains (issue #11, path 5) and the caller's credential in each row (issue #11, path 3).
--
-- From this migration on every new row is chain format 2: hash = HMAC-SHA256 under a key from Audit:ChainKeys, whose
-- id is stored in chain_key_id, over the previous hash, tenant, seq and every field (credentials included). The key is
-- never in the database, so whoever can write these tables (the audit writer role, or anyone with its password) cannot
-- forge a row that verifies.
--
-- Rows written before this migration stay as they are, chain format 1 (plain SHA-256, computed by
-- Platform.Audit.AuditChain.ComputeUnkeyedHash). They still verify, and the verifier accepts them only before a
-- tenant's first keyed row, whose keyed hash covers the last of them; the verify output counts them. A process of an
-- older release, which writes unkeyed rows, can no longer append once this is applied (ck_audit_log_keyed refuses its
-- rows): upgrade the writers together with the migration.
--
-- Idempotent: safe to apply any number of times.

ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS chain_format smallint NOT NULL DEFAULT 1;
-- Writers always name the format; the default above only labelled the rows that predate this migration.
ALTER TABLE audit_log ALTER COLUMN chain_format DROP DEFAULT;
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS chain_key_id text;
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS credential text;
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS credential_issuer text;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'ck_audit_log_keyed' AND conrelid = 'audit_log'::regclass) THEN
        -- NOT VALID: enforced on every new or changed row, not on the format 1 rows already there.
        ALTER TABLE audit_log ADD CONSTRAINT ck_audit_log_keyed CHECK (chain_format = 2 AND chain_key_id IS NOT NULL) NOT VALID;
    END IF;
END
$$;

COMMENT ON TABLE audit_log IS
    'Append-only audit log with a per-tenant HMAC-SHA256 keyed hash chain (older rows: plain SHA-256, chain_format 1); written and verified by Platform.Audit.';

CREATE INDEX IF NOT EXISTS ix_audit_log_tenant_credential ON audit_log (tenant, credential, seq);

-- A new head starts at the genesis, so whoever may create heads cannot start a tenant's chain somewhere else.
CREATE OR REPLACE FUNCTION audit_chain_heads_start_at_genesis() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.last_seq <> 0 OR NEW.last_hash <> repeat('0', 64) THEN
        RAISE EXCEPTION 'audit_chain_heads start at seq 0 and the genesis hash';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER audit_chain_heads_start_at_genesis
    BEFORE INSERT ON audit_chain_heads
    FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_start_at_genesis();
