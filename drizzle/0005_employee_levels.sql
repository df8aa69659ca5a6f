CREATE TABLE "employee_levels" (
	"employee_id" uuid NOT NULL,
	"level_id" uuid NOT NULL,
	"first_completed_on" date NOT NULL,
	CONSTRAINT "employee_levels_employee_id_level_id_pk" PRIMARY KEY("employee_id","level_id")
);
--> statement-breakpoint
ALTER TABLE "employee_levels" ADD CONSTRAINT "employee_levels_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_levels" ADD CONSTRAINT "employee_levels_level_id_training_levels_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."training_levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolments_course_completed_idx" ON "enrolments" USING btree ("course_id","employee_id","completed_on") WHERE "enrolments"."completed_on" is not null;--> statement-breakpoint
INSERT INTO "employee_levels" ("employee_id", "level_id", "first_completed_on")
  SELECT en.employee_id, c.level_id, min(en.completed_on) FROM enrolments en JOIN courses c ON c.id = en.course_id
   WHERE en.completed_on IS NOT NULL GROUP BY en.employee_id, c.level_id;
