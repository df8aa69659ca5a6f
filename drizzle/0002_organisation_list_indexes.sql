DROP INDEX "employees_unit_idx";--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || employee_number)) STORED;--> statement-breakpoint
CREATE UNIQUE INDEX "employee_unit_history_one_open" ON "employee_unit_history" USING btree ("employee_id") WHERE "employee_unit_history"."to_date" is null;--> statement-breakpoint
CREATE INDEX "employees_unit_end_idx" ON "employees" USING btree ("unit_id","end_date");--> statement-breakpoint
CREATE INDEX "employees_first_name_idx" ON "employees" USING btree ("first_name","last_name","id");--> statement-breakpoint
CREATE INDEX "employees_start_idx" ON "employees" USING btree ("start_date","last_name","first_name","id");--> statement-breakpoint
CREATE INDEX "units_name_idx" ON "units" USING btree ("name","id");