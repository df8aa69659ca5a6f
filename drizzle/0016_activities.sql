CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"place" text NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_weekday_check" CHECK ("activities"."weekday" between 1 and 7),
	CONSTRAINT "activities_time_check" CHECK ("activities"."end_time" > "activities"."start_time"),
	CONSTRAINT "activities_period_check" CHECK ("activities"."ends_on" is null or "activities"."ends_on" >= "activities"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "activity_breaks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"label" text,
	CONSTRAINT "activity_breaks_period_check" CHECK ("activity_breaks"."to_date" >= "activity_breaks"."from_date")
);
--> statement-breakpoint
CREATE TABLE "activity_headcounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"scheduled_date" date NOT NULL,
	"visitors" integer NOT NULL,
	"first_time_visitors" integer,
	"note" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_user_id" uuid,
	CONSTRAINT "activity_headcounts_visitors_check" CHECK ("activity_headcounts"."visitors" >= 0),
	CONSTRAINT "activity_headcounts_first_time_check" CHECK ("activity_headcounts"."first_time_visitors" is null or ("activity_headcounts"."first_time_visitors" >= 0 and "activity_headcounts"."first_time_visitors" <= "activity_headcounts"."visitors"))
);
--> statement-breakpoint
CREATE TABLE "activity_hosts" (
	"activity_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "activity_hosts_activity_id_user_id_pk" PRIMARY KEY("activity_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "activity_occurrence_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"scheduled_date" date NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"date" date,
	"start_time" time,
	"end_time" time,
	"place" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_occurrence_changes_kind_check" CHECK ("activity_occurrence_changes"."kind" in ('cancelled', 'moved')),
	CONSTRAINT "activity_occurrence_changes_moved_check" CHECK ("activity_occurrence_changes"."kind" <> 'moved' or "activity_occurrence_changes"."date" is not null)
);
--> statement-breakpoint
ALTER TABLE "activity_breaks" ADD CONSTRAINT "activity_breaks_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_headcounts" ADD CONSTRAINT "activity_headcounts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_headcounts" ADD CONSTRAINT "activity_headcounts_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_hosts" ADD CONSTRAINT "activity_hosts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_hosts" ADD CONSTRAINT "activity_hosts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_occurrence_changes" ADD CONSTRAINT "activity_occurrence_changes_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_breaks_activity_idx" ON "activity_breaks" USING btree ("activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_headcounts_unique" ON "activity_headcounts" USING btree ("activity_id","scheduled_date");--> statement-breakpoint
CREATE INDEX "activity_hosts_user_idx" ON "activity_hosts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_occurrence_changes_unique" ON "activity_occurrence_changes" USING btree ("activity_id","scheduled_date");--> statement-breakpoint
CREATE INDEX "activity_occurrence_changes_date_idx" ON "activity_occurrence_changes" USING btree ("activity_id","date");