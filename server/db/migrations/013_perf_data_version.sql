-- City-scale performance (#8).
--
-- A data version for caches keyed on what they were computed from (server/tiles/cache.ts, used for
-- tiles and stats answers): every statement that writes a table the figures read draws the next
-- value of one sequence. nextval never waits on another transaction (unlike a counter row, which
-- would serialise all writers on one hot row) and is not rolled back, so a rolled-back write only
-- costs a cache miss. Writers that bypass triggers (COPY with session_replication_role = replica)
-- run before a server starts, whose caches start empty.
CREATE SEQUENCE data_version;

CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('data_version');
  RETURN NULL;
END $$;

CREATE TRIGGER cases_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER grid_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER boundary_version_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON boundary_version
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER staff_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER building_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON building
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER facility_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON facility
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
