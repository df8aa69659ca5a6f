ALTER TABLE "employees" ADD COLUMN "administration_id" uuid;--> statement-breakpoint
ALTER TABLE "employees" ADD CONSTRAINT "employees_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "employees_administration_name_idx" ON "employees" USING btree ("administration_id","last_name","first_name","id","end_date");--> statement-breakpoint
CREATE INDEX "employees_administration_end_idx" ON "employees" USING btree ("administration_id","end_date");--> statement-breakpoint
CREATE FUNCTION "employees_copy_administration"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.administration_id := (SELECT administration_id FROM units WHERE id = NEW.unit_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "employees_copy_administration" BEFORE INSERT OR UPDATE OF unit_id, administration_id ON "employees"
  FOR EACH ROW EXECUTE FUNCTION "employees_copy_administration"();
--> statement-breakpoint
CREATE FUNCTION "units_move_employees"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE employees SET administration_id = NEW.administration_id WHERE unit_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "units_move_employees" AFTER UPDATE OF administration_id ON "units"
  FOR EACH ROW WHEN (OLD.administration_id IS DISTINCT FROM NEW.administration_id) EXECUTE FUNCTION "units_move_employees"();
--> statement-breakpoint
UPDATE "employees" SET "administration_id" = "units"."administration_id" FROM "units" WHERE "units"."id" = "employees"."unit_id";
