-- 0001_orleans_clustering.sql
--
-- Orleans ADO.NET clustering (membership) for PostgreSQL 15, written for
-- Microsoft.Orleans.Clustering.AdoNet 10.4.2 with invariant "Npgsql".
--
-- Also creates OrleansQuery, the lookup table every Orleans ADO.NET provider
-- reads at start-up ("SELECT QueryKey, QueryText FROM OrleansQuery").
-- The contract implemented here is described in docs/orleans-sql-contract.md.
--
-- Idempotent: safe to apply any number of times.
--
-- Naming: identifiers are deliberately left unquoted, so PostgreSQL folds them
-- to lower case. The providers send unquoted SQL of their own (the OrleansQuery
-- lookup above), so these tables must NOT be created with quoted mixed-case
-- names. Npgsql resolves result columns by name case-insensitively, so a result
-- column "version" satisfies a lookup of "Version".

-- ---------------------------------------------------------------------------
-- Query registry shared by clustering, persistence and reminders.
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (QueryKey)
);

COMMENT ON TABLE OrleansQuery IS
    'Orleans ADO.NET providers load their SQL from here by key; see docs/orleans-sql-contract.md.';

-- ---------------------------------------------------------------------------
-- Membership tables.
--
-- One version row per cluster (DeploymentId = ClusterOptions.ClusterId). Its
-- Version column is the membership table's optimistic-concurrency ETag: every
-- successful row insert/update bumps it by one.
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Version      integer      NOT NULL DEFAULT 0,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address + port + generation).
-- Status holds Orleans' SiloStatus as an integer (3 = Active, 6 = Dead).
-- SuspectTimes is Orleans' own text encoding: "silo,date|silo,date|...".
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE
);

-- ---------------------------------------------------------------------------
-- Membership write helpers. Each runs atomically inside the calling statement.
-- The version row is locked only when it still carries the expected version,
-- the member row is written, and only then is the version bumped; any miss
-- returns false and leaves the table untouched.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION orleans_membership_insert_row(
    p_deployment_id    varchar,
    p_expected_version integer,
    p_address          varchar,
    p_port             integer,
    p_generation       integer,
    p_silo_name        varchar,
    p_host_name        varchar,
    p_status           integer,
    p_proxy_port       integer,
    p_start_time       timestamptz,
    p_i_am_alive_time  timestamptz)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
      FROM OrleansMembershipVersionTable
     WHERE DeploymentId = p_deployment_id
       AND Version = p_expected_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName,
         Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
         p_status, p_proxy_port, NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT ON CONSTRAINT pk_orleansmembershiptable DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1,
           Timestamp = now()
     WHERE DeploymentId = p_deployment_id;
    RETURN true;
END;
$fn$;

CREATE OR REPLACE FUNCTION orleans_membership_update_row(
    p_deployment_id    varchar,
    p_expected_version integer,
    p_address          varchar,
    p_port             integer,
    p_generation       integer,
    p_status           integer,
    p_suspect_times    text,
    p_i_am_alive_time  timestamptz)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
      FROM OrleansMembershipVersionTable
     WHERE DeploymentId = p_deployment_id
       AND Version = p_expected_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipTable
       SET Status = p_status,
           SuspectTimes = p_suspect_times,
           IAmAliveTime = p_i_am_alive_time
     WHERE DeploymentId = p_deployment_id
       AND Address = p_address
       AND Port = p_port
       AND Generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1,
           Timestamp = now()
     WHERE DeploymentId = p_deployment_id;
    RETURN true;
END;
$fn$;

-- ---------------------------------------------------------------------------
-- Query texts. Parameters use Npgsql's @Name placeholders; the names are the
-- ones the provider binds (see docs/orleans-sql-contract.md).
-- ---------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Creates this cluster's version row if missing. One row, one boolean column:
-- true when this call created it.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT ON CONSTRAINT pk_orleansmembershipversiontable DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS created;
$q$),

-- All silos of the cluster. Always yields at least the version row (member
-- columns NULL when the cluster has no silos yet); the provider takes the
-- table version from the first row and needs StartTime NULL for "no member".
('MembershipReadAllKey', $q$
SELECT v.Version,
       m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
       m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime
  FROM OrleansMembershipVersionTable AS v
  LEFT JOIN OrleansMembershipTable AS m
         ON m.DeploymentId = v.DeploymentId
 WHERE v.DeploymentId = @DeploymentId;
$q$),

-- One silo, same shape and same "version row always present" rule.
('MembershipReadRowKey', $q$
SELECT v.Version,
       m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
       m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime
  FROM OrleansMembershipVersionTable AS v
  LEFT JOIN OrleansMembershipTable AS m
         ON m.DeploymentId = v.DeploymentId
        AND m.Address = @Address
        AND m.Port = @Port
        AND m.Generation = @Generation
 WHERE v.DeploymentId = @DeploymentId;
$q$),

-- Gateways for clients: active silos that expose a proxy (gateway) port.
-- @Status is bound by the provider to SiloStatus.Active (3).
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
  FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Status = @Status
   AND ProxyPort > 0;
$q$),

-- Insert this silo's row if the table is still at @Version; bumps the version.
('InsertMembershipKey', $q$
SELECT orleans_membership_insert_row(
           @DeploymentId, @Version, @Address, @Port, @Generation,
           @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime) AS inserted;
$q$),

-- Update status / suspicions / heartbeat if the table is still at @Version;
-- bumps the version.
('UpdateMembershipKey', $q$
SELECT orleans_membership_update_row(
           @DeploymentId, @Version, @Address, @Port, @Generation,
           @Status, @SuspectTimes, @IAmAliveTime) AS updated;
$q$),

-- Heartbeat only; deliberately does not touch the table version.
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
   SET IAmAliveTime = @IAmAliveTime
 WHERE DeploymentId = @DeploymentId
   AND Address = @Address
   AND Port = @Port
   AND Generation = @Generation;
$q$),

-- Remove the whole cluster (members and version row).
('DeleteMembershipTableEntriesKey', $q$
WITH gone_members AS (
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
)
DELETE FROM OrleansMembershipVersionTable
 WHERE DeploymentId = @DeploymentId;
$q$),

-- Bulk fallback: drop dead silos not heard from since @IAmAliveTime.
-- (Only used by the provider when CleanupDefunctSiloEntryKey is absent.)
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Status = 6
   AND IAmAliveTime < @IAmAliveTime;
$q$),

-- Optional, preferred by 10.4.x: delete one dead row the provider has already
-- judged defunct, but only if it is still exactly the row it saw.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Address = @Address
   AND Port = @Port
   AND Generation = @Generation
   AND Status = 6
   AND StartTime = @StartTime
   AND IAmAliveTime = @IAmAliveTime
   AND SuspectTimes IS NOT DISTINCT FROM @SuspectTimes;
$q$)
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
