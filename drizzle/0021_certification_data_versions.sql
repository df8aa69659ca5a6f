-- Data-version families for what a certification process's page reads (its live checklist and its
-- working group, repository.ts findProcessDetail), so that the page can be cached like the employee
-- list (docs/decisions/0012): training (courses, sessions, who may sign up, enrolments with their
-- completions), certification (schemes, criteria, processes, working groups, confirmations,
-- certificates) and plans (action plans, for the adopted-plan criterion). The organisation family of
-- migration 0011 covers the employees, units and administrations it reads. The same deferred
-- constraint triggers and TRUNCATE statement triggers, with 0011's bump_data_version().
INSERT INTO "data_versions" ("family", "version") VALUES ('training', nextval('data_version_numbers')), ('certification', nextval('data_version_numbers')), ('plans', nextval('data_version_numbers'))
  ON CONFLICT ("family") DO NOTHING;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "courses_data_version" AFTER INSERT OR UPDATE OR DELETE ON "courses"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('training');
--> statement-breakpoint
CREATE TRIGGER "courses_data_version_truncate" AFTER TRUNCATE ON "courses"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('training');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "training_sessions_data_version" AFTER INSERT OR UPDATE OR DELETE ON "training_sessions"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('training');
--> statement-breakpoint
CREATE TRIGGER "training_sessions_data_version_truncate" AFTER TRUNCATE ON "training_sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('training');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "session_eligibility_data_version" AFTER INSERT OR UPDATE OR DELETE ON "session_eligibility"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('training');
--> statement-breakpoint
CREATE TRIGGER "session_eligibility_data_version_truncate" AFTER TRUNCATE ON "session_eligibility"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('training');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "enrolments_data_version" AFTER INSERT OR UPDATE OR DELETE ON "enrolments"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('training');
--> statement-breakpoint
CREATE TRIGGER "enrolments_data_version_truncate" AFTER TRUNCATE ON "enrolments"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('training');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "certification_schemes_data_version" AFTER INSERT OR UPDATE OR DELETE ON "certification_schemes"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE TRIGGER "certification_schemes_data_version_truncate" AFTER TRUNCATE ON "certification_schemes"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "certification_criteria_data_version" AFTER INSERT OR UPDATE OR DELETE ON "certification_criteria"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE TRIGGER "certification_criteria_data_version_truncate" AFTER TRUNCATE ON "certification_criteria"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "certification_processes_data_version" AFTER INSERT OR UPDATE OR DELETE ON "certification_processes"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE TRIGGER "certification_processes_data_version_truncate" AFTER TRUNCATE ON "certification_processes"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "certification_group_members_data_version" AFTER INSERT OR UPDATE OR DELETE ON "certification_group_members"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE TRIGGER "certification_group_members_data_version_truncate" AFTER TRUNCATE ON "certification_group_members"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "certification_confirmations_data_version" AFTER INSERT OR UPDATE OR DELETE ON "certification_confirmations"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE TRIGGER "certification_confirmations_data_version_truncate" AFTER TRUNCATE ON "certification_confirmations"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "unit_certificates_data_version" AFTER INSERT OR UPDATE OR DELETE ON "unit_certificates"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE TRIGGER "unit_certificates_data_version_truncate" AFTER TRUNCATE ON "unit_certificates"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('certification');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "action_plans_data_version" AFTER INSERT OR UPDATE OR DELETE ON "action_plans"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "action_plans_data_version_truncate" AFTER TRUNCATE ON "action_plans"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"('plans');
