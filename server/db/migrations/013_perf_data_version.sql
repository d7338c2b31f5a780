-- City-scale performance (#8).
--
-- A data version for caches keyed on what they were computed from (server/tiles/cache.ts): every
-- statement that writes `cases` draws the next value of a sequence. nextval never waits on another
-- transaction (unlike a counter row, which would serialise all writers on one hot row) and is not
-- rolled back, so a rolled-back write only costs a cache miss. Writers that bypass triggers (COPY with
-- session_replication_role = replica) run before a server starts, whose caches start empty.
CREATE SEQUENCE case_data_version;

CREATE FUNCTION case_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('case_data_version');
  RETURN NULL;
END $$;

CREATE TRIGGER cases_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_data_version_bump();
