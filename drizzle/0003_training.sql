CREATE TABLE "attendance" (
	"part_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"marked_by_user_id" uuid,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_part_id_enrolment_id_pk" PRIMARY KEY("part_id","enrolment_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"topic" text NOT NULL,
	"level_id" uuid NOT NULL,
	"nominal_minutes" integer NOT NULL,
	"completion_threshold" integer DEFAULT 80 NOT NULL,
	"provider" text,
	"refresher_years" integer,
	"offered_yearly" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"enrolled_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"enrolled_by_user_id" uuid,
	"attended_minutes" integer DEFAULT 0 NOT NULL,
	"completed_on" date,
	"course_id" uuid NOT NULL,
	"verification_code" text
);
--> statement-breakpoint
CREATE TABLE "programme_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"funder" text NOT NULL,
	"applied_amount" integer,
	"received_amount" integer,
	"status" text DEFAULT 'applied' NOT NULL,
	"decided_on" date,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "programme_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"population" text NOT NULL,
	"level_id" uuid NOT NULL,
	"target_percent" integer DEFAULT 100 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sent_reminders" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sent_reminders_kind_key_pk" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
CREATE TABLE "session_eligibility" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"administration_id" uuid,
	"unit_id" uuid
);
--> statement-breakpoint
CREATE TABLE "session_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"date" date NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"place" text
);
--> statement-breakpoint
CREATE TABLE "session_trainers" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "session_trainers_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "training_levels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"rank" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"programme_id" uuid,
	"title" text,
	"capacity" integer NOT NULL,
	"eligibility" text DEFAULT 'everyone' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"cancel_reason" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"total_minutes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"new_employee_months" integer DEFAULT 3 NOT NULL,
	"reminder_days_before" integer DEFAULT 3 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_part_id_session_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."session_parts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_marked_by_user_id_users_id_fk" FOREIGN KEY ("marked_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_level_id_training_levels_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."training_levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_enrolled_by_user_id_users_id_fk" FOREIGN KEY ("enrolled_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_grants" ADD CONSTRAINT "programme_grants_programme_id_training_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."training_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_targets" ADD CONSTRAINT "programme_targets_programme_id_training_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."training_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_targets" ADD CONSTRAINT "programme_targets_level_id_training_levels_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."training_levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_eligibility" ADD CONSTRAINT "session_eligibility_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_eligibility" ADD CONSTRAINT "session_eligibility_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_eligibility" ADD CONSTRAINT "session_eligibility_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_parts" ADD CONSTRAINT "session_parts_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_trainers" ADD CONSTRAINT "session_trainers_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_trainers" ADD CONSTRAINT "session_trainers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_programme_id_training_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."training_programmes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_enrolment_idx" ON "attendance" USING btree ("enrolment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_unique" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "courses_name_unique" ON "courses" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "courses_level_idx" ON "courses" USING btree ("level_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_session_employee_unique" ON "enrolments" USING btree ("session_id","employee_id");--> statement-breakpoint
CREATE INDEX "enrolments_session_status_idx" ON "enrolments" USING btree ("session_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "enrolments_employee_idx" ON "enrolments" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "enrolments_completed_idx" ON "enrolments" USING btree ("employee_id","course_id","completed_on") WHERE "enrolments"."completed_on" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_verification_code_unique" ON "enrolments" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "programme_grants_programme_idx" ON "programme_grants" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "programme_targets_programme_idx" ON "programme_targets" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "session_eligibility_session_idx" ON "session_eligibility" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "session_parts_session_idx" ON "session_parts" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "session_parts_date_idx" ON "session_parts" USING btree ("date");--> statement-breakpoint
CREATE INDEX "session_trainers_user_idx" ON "session_trainers" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_levels_key_unique" ON "training_levels" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "training_levels_rank_unique" ON "training_levels" USING btree ("rank");--> statement-breakpoint
CREATE INDEX "training_sessions_course_idx" ON "training_sessions" USING btree ("course_id","starts_on");--> statement-breakpoint
CREATE INDEX "training_sessions_starts_idx" ON "training_sessions" USING btree ("starts_on");--> statement-breakpoint
INSERT INTO "training_levels" ("key", "name_sv", "name_en", "rank") VALUES
  ('lecture', 'Föreläsning', 'Lecture', 10),
  ('half_day', 'Halvdag', 'Half day', 20),
  ('workshop', 'Workshop', 'Workshop', 30),
  ('certification_course', 'Certifieringsutbildning', 'Certification course', 40);
--> statement-breakpoint
INSERT INTO "training_settings" ("id") VALUES (1);
