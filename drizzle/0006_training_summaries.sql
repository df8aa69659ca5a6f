CREATE TABLE "employee_training" (
	"employee_id" uuid PRIMARY KEY NOT NULL,
	"first_completed_on" date NOT NULL,
	"highest_rank" integer NOT NULL,
	"highest_completed_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employee_training" ADD CONSTRAINT "employee_training_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolments_course_completed_on_idx" ON "enrolments" USING btree ("course_id","completed_on") WHERE "enrolments"."completed_on" is not null;--> statement-breakpoint
INSERT INTO "employee_training" ("employee_id", "first_completed_on", "highest_rank", "highest_completed_on")
  SELECT el.employee_id, min(el.first_completed_on), max(l.rank), (array_agg(el.first_completed_on ORDER BY l.rank DESC))[1]
    FROM employee_levels el JOIN training_levels l ON l.id = el.level_id GROUP BY el.employee_id;
