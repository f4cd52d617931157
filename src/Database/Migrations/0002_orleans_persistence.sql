-- 0002_orleans_persistence.sql
--
-- Orleans ADO.NET grain persistence for PostgreSQL 15, written for
-- Microsoft.Orleans.Persistence.AdoNet 10.4.2 with invariant "Npgsql".
-- Requires 0001 (OrleansQuery). Contract: docs/orleans-sql-contract.md.
--
-- Idempotent: safe to apply any number of times.

-- ---------------------------------------------------------------------------
-- One row per (service, grain type, grain id). The provider identifies a grain
-- by two 32-bit hashes (computed in .NET), two 64-bit numeric key halves and an
-- optional string key / key extension; the hashes only narrow the index search,
-- the real identity is the full set of columns below.
--
-- Version is the grain state's ETag (1 on first write, +1 on every write or
-- clear). PayloadBinary NULL with a Version present means "cleared, but the
-- row (and its version) is kept".
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString text         NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL
);

-- Uniqueness of a grain's row. The long strings go in as md5 digests to keep
-- index entries small; NULLS NOT DISTINCT (PostgreSQL 15) makes a NULL key
-- extension count as one value, so two "no extension" rows cannot coexist.
-- The leading hash columns also serve every lookup the queries below make.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId,
                       md5(GrainTypeString), md5(GrainIdExtensionString))
    NULLS NOT DISTINCT;

-- ---------------------------------------------------------------------------
-- Write with optimistic concurrency.
--   p_expected_version NULL  -> the grain believes no row exists: insert with
--                               version 1; if a row already exists, conflict.
--   p_expected_version n     -> update only if the stored version is n; the
--                               new version is n + 1.
-- Returns the new version, or NULL on a version conflict (the provider turns
-- NULL into InconsistentStateException).
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash     integer,
    p_grain_id_n0       bigint,
    p_grain_id_n1       bigint,
    p_grain_type_hash   integer,
    p_grain_type        varchar,
    p_grain_id_ext      text,
    p_service_id        varchar,
    p_expected_version  integer,
    p_payload           bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
             GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
             p_grain_id_ext, p_service_id, p_payload, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING Version INTO v_new_version;
        RETURN v_new_version;   -- NULL when a row was already there
    END IF;

    UPDATE OrleansStorage
       SET PayloadBinary = p_payload,
           ModifiedOn = now(),
           Version = Version + 1
     WHERE GrainIdHash = p_grain_id_hash
       AND GrainTypeHash = p_grain_type_hash
       AND GrainIdN0 = p_grain_id_n0
       AND GrainIdN1 = p_grain_id_n1
       AND ServiceId = p_service_id
       AND GrainTypeString = p_grain_type
       AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
       AND Version = p_expected_version
    RETURNING Version INTO v_new_version;
    RETURN v_new_version;       -- NULL when missing or stale
END;
$fn$;

-- ---------------------------------------------------------------------------
-- Query texts (Npgsql @Name placeholders, names as bound by the provider).
-- ---------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Zero or one row: PayloadBinary (NULL = no state) and Version (the ETag).
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
  FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND ServiceId = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

-- Exactly one row, column NewGrainStateVersion: new ETag, or NULL on conflict.
('WriteToStorageKey', $q$
SELECT orleans_storage_write(
           @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
       AS NewGrainStateVersion;
$q$),

-- Clear keeping the row: payload dropped, version bumped. One row with the new
-- version on success; no row when missing or stale (provider: conflict).
('ClearStorageKey', $q$
UPDATE OrleansStorage
   SET PayloadBinary = NULL,
       ModifiedOn = now(),
       Version = Version + 1
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND ServiceId = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
$q$),

-- Clear removing the row (used when DeleteStateOnClear = true). One row with a
-- value different from the old version on success; no row when missing or
-- stale (provider: conflict).
('DeleteStorageKey', $q$
DELETE FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND ServiceId = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
