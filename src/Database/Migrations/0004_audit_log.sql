-- 0004_audit_log.sql
--
-- The durable, tamper-evident audit log (issue #7): every tool call and every admin action, one row each,
-- written by Platform.Audit.PostgresAuditLog in group-committed batches.
--
-- Tamper evidence: rows of one tenant form a hash chain. seq runs 1, 2, 3… per tenant without gaps;
-- hash = SHA-256(prev_hash, tenant, seq and every field), computed in C# (Platform.Audit.AuditChain).
-- audit_chain_heads keeps each tenant's last seq and hash: writers lock it FOR UPDATE to serialise
-- appends of one tenant across silos, and the verifier compares it with the last row, so deleting the
-- newest rows (tail truncation) is detected too.
--
-- Append-only: triggers refuse UPDATE, DELETE and TRUNCATE of audit rows and any change to a head other
-- than moving it forward. The table owner can still disable them; the chain is what catches that.
--
-- Idempotent: safe to apply any number of times.

CREATE TABLE IF NOT EXISTS audit_log
(
    tenant              text        NOT NULL,
    seq                 bigint      NOT NULL,
    kind                text        NOT NULL,
    occurred_at         timestamptz NOT NULL,
    actor               text        NOT NULL,
    client_name         text,
    client_version      text,
    operation           text        NOT NULL,
    target              text,
    arguments_digest    text,
    arguments_preview   text,
    decision            text        NOT NULL,
    decision_reason     text,
    upstream_status     integer,
    latency_ms          integer     NOT NULL,
    upstream_latency_ms integer,
    before_json         text,
    after_json          text,
    prev_hash           text        NOT NULL,
    hash                text        NOT NULL,
    committed_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_audit_log PRIMARY KEY (tenant, seq),
    CONSTRAINT ck_audit_log_seq CHECK (seq > 0)
);

COMMENT ON TABLE audit_log IS
    'Append-only audit log with a per-tenant SHA-256 hash chain; written and verified by Platform.Audit.';

-- The query API filters one tenant by these and pages by seq (keyset).
CREATE INDEX IF NOT EXISTS ix_audit_log_tenant_occurred_at ON audit_log (tenant, occurred_at);
CREATE INDEX IF NOT EXISTS ix_audit_log_tenant_actor ON audit_log (tenant, actor, seq);
CREATE INDEX IF NOT EXISTS ix_audit_log_tenant_operation ON audit_log (tenant, operation, seq);
CREATE INDEX IF NOT EXISTS ix_audit_log_tenant_decision ON audit_log (tenant, decision, seq);

CREATE TABLE IF NOT EXISTS audit_chain_heads
(
    tenant    text   NOT NULL,
    last_seq  bigint NOT NULL,
    last_hash text   NOT NULL,
    CONSTRAINT pk_audit_chain_heads PRIMARY KEY (tenant),
    CONSTRAINT ck_audit_chain_heads_seq CHECK (last_seq >= 0)
);

CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$;

CREATE OR REPLACE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE OR REPLACE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

CREATE OR REPLACE FUNCTION audit_chain_heads_forward_only() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.tenant <> OLD.tenant OR NEW.last_seq <= OLD.last_seq THEN
        RAISE EXCEPTION 'audit_chain_heads only move forward: % refused', TG_OP;
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER audit_chain_heads_forward_only
    BEFORE UPDATE OR DELETE ON audit_chain_heads
    FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_forward_only();

CREATE OR REPLACE TRIGGER audit_chain_heads_no_truncate
    BEFORE TRUNCATE ON audit_chain_heads
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
