CREATE TABLE "certification_confirmations" (
	"process_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"evidence" text NOT NULL,
	"confirmed_by_user_id" uuid,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certification_confirmations_process_id_criterion_id_pk" PRIMARY KEY("process_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "certification_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"description" text,
	"course_id" uuid,
	"threshold" integer
);
--> statement-breakpoint
CREATE TABLE "certification_group_members" (
	"process_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	CONSTRAINT "certification_group_members_process_id_employee_id_pk" PRIMARY KEY("process_id","employee_id")
);
--> statement-breakpoint
CREATE TABLE "certification_processes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_by_user_id" uuid,
	"opened_by_name" text,
	"closed_at" timestamp with time zone,
	"renewal_of_certificate_id" uuid
);
--> statement-breakpoint
CREATE TABLE "certification_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"issuer" text NOT NULL,
	"description" text,
	"validity_years" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"certified_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"code" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"certified_by_user_id" uuid,
	"certified_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"revoked_by_name" text
);
--> statement-breakpoint
ALTER TABLE "certification_confirmations" ADD CONSTRAINT "certification_confirmations_process_id_certification_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."certification_processes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_confirmations" ADD CONSTRAINT "certification_confirmations_criterion_id_certification_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."certification_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_confirmations" ADD CONSTRAINT "certification_confirmations_confirmed_by_user_id_users_id_fk" FOREIGN KEY ("confirmed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_criteria" ADD CONSTRAINT "certification_criteria_scheme_id_certification_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."certification_schemes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_criteria" ADD CONSTRAINT "certification_criteria_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_group_members" ADD CONSTRAINT "certification_group_members_process_id_certification_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."certification_processes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_group_members" ADD CONSTRAINT "certification_group_members_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_processes" ADD CONSTRAINT "certification_processes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_processes" ADD CONSTRAINT "certification_processes_scheme_id_certification_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."certification_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_processes" ADD CONSTRAINT "certification_processes_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_certificates" ADD CONSTRAINT "unit_certificates_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_certificates" ADD CONSTRAINT "unit_certificates_scheme_id_certification_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."certification_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_certificates" ADD CONSTRAINT "unit_certificates_process_id_certification_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."certification_processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_certificates" ADD CONSTRAINT "unit_certificates_certified_by_user_id_users_id_fk" FOREIGN KEY ("certified_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certification_criteria_scheme_idx" ON "certification_criteria" USING btree ("scheme_id","position");--> statement-breakpoint
CREATE INDEX "certification_processes_unit_idx" ON "certification_processes" USING btree ("unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "certification_processes_open_unique" ON "certification_processes" USING btree ("unit_id","scheme_id") WHERE "certification_processes"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "certification_schemes_name_unique" ON "certification_schemes" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "unit_certificates_code_unique" ON "unit_certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_certificates_process_unique" ON "unit_certificates" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "unit_certificates_unit_idx" ON "unit_certificates" USING btree ("unit_id","valid_until");--> statement-breakpoint
CREATE INDEX "unit_certificates_valid_until_idx" ON "unit_certificates" USING btree ("valid_until");