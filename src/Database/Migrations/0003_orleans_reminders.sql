-- 0003_orleans_reminders.sql
--
-- Orleans ADO.NET reminder table for PostgreSQL 15, written for
-- Microsoft.Orleans.Reminders.AdoNet 10.4.2 with invariant "Npgsql".
-- Requires 0001 (OrleansQuery). Contract: docs/orleans-sql-contract.md.
--
-- Idempotent: safe to apply any number of times.

-- ---------------------------------------------------------------------------
-- One row per (service, grain, reminder name).
--   GrainId   : GrainId.ToString() ("type/key"), parsed back by the provider.
--   GrainHash : GrainId.GetUniformHashCode() (uint) stored as signed integer;
--               the range queries compare it as a signed value.
--   Period    : milliseconds, bigint (values above int range are legal).
--   Version   : the reminder's ETag; 0 on first insert, +1 on each upsert.
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)  NOT NULL,
    GrainId      varchar(1024) NOT NULL,
    ReminderName varchar(1024) NOT NULL,
    StartTime    timestamptz   NOT NULL,
    Period       bigint        NOT NULL,
    GrainHash    integer       NOT NULL,
    Version      integer       NOT NULL,
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Range scans by ring hash.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_hash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- ---------------------------------------------------------------------------
-- Query texts (Npgsql @Name placeholders, names as bound by the provider).
-- Every read returns the same five columns: GrainId, ReminderName, StartTime,
-- Period, Version.
-- ---------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId
   AND GrainId = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId
   AND GrainId = @GrainId
   AND ReminderName = @ReminderName;
$q$),

-- Ring range (BeginHash, EndHash] that does not wrap in signed order
-- (the provider picks this key when (int)BeginHash < (int)EndHash).
('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId
   AND GrainHash > @BeginHash
   AND GrainHash <= @EndHash;
$q$),

-- Ring range that wraps past the top of the signed range (also used for the
-- full ring, BeginHash = EndHash).
('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId
   AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),

-- Insert or replace; always exactly one row, column Version = the new ETag.
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r
       (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT ON CONSTRAINT pk_orleansreminderstable DO UPDATE
   SET StartTime = EXCLUDED.StartTime,
       Period    = EXCLUDED.Period,
       GrainHash = EXCLUDED.GrainHash,
       Version   = r.Version + 1
RETURNING r.Version;
$q$),

-- Delete only if the ETag still matches. One row, one boolean: deleted or not.
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId
       AND ReminderName = @ReminderName
       AND Version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS removed;
$q$),

-- Test helper used by the provider: drop every reminder of the service.
('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
