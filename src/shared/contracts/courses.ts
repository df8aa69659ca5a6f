import { z } from 'zod';
import { listQuery, optionalText, page, requiredText } from './common.js';

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

// ---------------------------------------------------------------------------------------------
// Levels (nivåer): configurable, ordered by rank

export const trainingLevel = z.object({
  id: z.uuid(),
  key: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  rank: z.number().int(),
  active: z.boolean(),
});
export type TrainingLevel = z.infer<typeof trainingLevel>;
export const trainingLevelList = z.object({ items: z.array(trainingLevel) });

const levelFields = {
  nameSv: requiredText(100),
  nameEn: requiredText(100),
  /** Orders the levels: coverage reports each employee's highest completed rank. Unique. */
  rank: z.number().int().min(1).max(10_000),
  active: z.boolean(),
};

export const trainingLevelBody = z.object({ ...levelFields, active: levelFields.active.default(true) });
export type TrainingLevelBody = z.input<typeof trainingLevelBody>;
/** Only the fields sent are changed. */
export const updateTrainingLevelBody = z.object(levelFields).partial();
export type UpdateTrainingLevelBody = z.input<typeof updateTrainingLevelBody>;

// ---------------------------------------------------------------------------------------------
// Courses (utbildningar)

export const courseTopics = ['hbtq', 'gender_equality', 'norm_criticism', 'own'] as const;
export type CourseTopic = (typeof courseTopics)[number];

/** Hours with at most two decimals (1.5, 0.75, 20): stored as whole minutes. */
export const hours = z
  .number()
  .positive()
  .max(1000)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { message: 'hours_two_decimals' });

export const minutesToHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
export const hoursToMinutes = (value: number) => Math.round(value * 60);

export const course = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  topic: z.enum(courseTopics),
  levelId: z.uuid(),
  level: trainingLevel,
  hours: z.number(),
  /** Percent of a session's hours a person must attend to have completed the course. */
  completionThreshold: z.number().int(),
  provider: z.string().nullable(),
  /** Years the knowledge counts as current; null: never needs a refresher. */
  refresherYears: z.number().int().nullable(),
  /** The yearly rule: the coordinator is warned when no session of this course is planned this year. */
  offeredYearly: z.boolean(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Course = z.infer<typeof course>;
export const coursePage = page(course);

export const courseSorts = ['name', 'topic', 'level', 'hours', 'createdAt'] as const;
type CourseSort = (typeof courseSorts)[number] | `-${(typeof courseSorts)[number]}`;
export const courseListQuery = listQuery.extend({
  topic: z.enum(courseTopics).optional(),
  levelId: z.uuid().optional(),
  active: booleanQuery.optional(),
  sort: z.enum(courseSorts.flatMap((key) => [key, `-${key}`]) as [CourseSort, ...CourseSort[]]).default('name'),
});
export type CourseListQuery = z.infer<typeof courseListQuery>;

const courseFields = {
  name: requiredText(200),
  description: optionalText(4000),
  topic: z.enum(courseTopics),
  levelId: z.uuid(),
  hours,
  completionThreshold: z.number().int().min(1).max(100),
  provider: optionalText(200),
  refresherYears: z.number().int().min(1).max(50).nullable(),
  offeredYearly: z.boolean(),
  active: z.boolean(),
};

export const courseBody = z.object({
  ...courseFields,
  completionThreshold: courseFields.completionThreshold.default(80),
  refresherYears: courseFields.refresherYears.default(null),
  offeredYearly: courseFields.offeredYearly.default(false),
  active: courseFields.active.default(true),
});
export type CourseBody = z.input<typeof courseBody>;

/** Only the fields sent are changed (built without defaults: zod 4 applies them inside .partial()). */
export const updateCourseBody = z.object(courseFields).partial();
export type UpdateCourseBody = z.input<typeof updateCourseBody>;

// ---------------------------------------------------------------------------------------------
// Training settings (one row for the municipality)

export const trainingSettings = z.object({
  /** New employees untrained after this many months are listed on the start page. */
  newEmployeeMonths: z.number().int(),
  /** Days before each part that the enrolled are reminded. */
  reminderDaysBefore: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type TrainingSettings = z.infer<typeof trainingSettings>;

export const updateTrainingSettingsBody = z
  .object({
    newEmployeeMonths: z.number().int().min(1).max(36),
    reminderDaysBefore: z.number().int().min(0).max(30),
  })
  .partial();
export type UpdateTrainingSettingsBody = z.input<typeof updateTrainingSettingsBody>;
