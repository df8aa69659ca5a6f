CREATE TABLE "data_versions" (
	"family" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE SEQUENCE "data_version_numbers";
--> statement-breakpoint
INSERT INTO "data_versions" ("family", "version") VALUES ('organisation', nextval('data_version_numbers')), ('access', nextval('data_version_numbers'));
--> statement-breakpoint
-- Gives the family a new number once per transaction. Fired at commit (deferred row triggers), so the
-- version row is locked only for the instant before the commit, not for the whole of a long import;
-- the number becomes visible together with the change. A family row lost to a truncate comes back.
CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag text := 'inkludera.data_version_' || TG_ARGV[0];
BEGIN
  IF coalesce(current_setting(flag, true), '') <> 'bumped' THEN
    INSERT INTO data_versions (family, version) VALUES (TG_ARGV[0], nextval('data_version_numbers'))
      ON CONFLICT (family) DO UPDATE SET version = EXCLUDED.version;
    PERFORM set_config(flag, 'bumped', true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "employees_data_version" AFTER INSERT OR UPDATE OR DELETE ON "employees"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('organisation');
--> statement-breakpoint
CREATE TRIGGER "employees_data_version_truncate" AFTER TRUNCATE ON "employees"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('organisation');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "employee_unit_history_data_version" AFTER INSERT OR UPDATE OR DELETE ON "employee_unit_history"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('organisation');
--> statement-breakpoint
CREATE TRIGGER "employee_unit_history_data_version_truncate" AFTER TRUNCATE ON "employee_unit_history"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('organisation');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "units_data_version" AFTER INSERT OR UPDATE OR DELETE ON "units"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('organisation');
--> statement-breakpoint
CREATE TRIGGER "units_data_version_truncate" AFTER TRUNCATE ON "units"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('organisation');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "administrations_data_version" AFTER INSERT OR UPDATE OR DELETE ON "administrations"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('organisation');
--> statement-breakpoint
CREATE TRIGGER "administrations_data_version_truncate" AFTER TRUNCATE ON "administrations"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('organisation');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "users_data_version" AFTER INSERT OR UPDATE OR DELETE ON "users"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('access');
--> statement-breakpoint
CREATE TRIGGER "users_data_version_truncate" AFTER TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('access');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "user_roles_data_version" AFTER INSERT OR UPDATE OR DELETE ON "user_roles"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('access');
--> statement-breakpoint
CREATE TRIGGER "user_roles_data_version_truncate" AFTER TRUNCATE ON "user_roles"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('access');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "api_tokens_data_version" AFTER INSERT OR UPDATE OR DELETE ON "api_tokens"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('access');
--> statement-breakpoint
CREATE TRIGGER "api_tokens_data_version_truncate" AFTER TRUNCATE ON "api_tokens"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('access');
