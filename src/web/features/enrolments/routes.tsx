import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { AttendancePage } from './AttendancePage';
import { ParticipantsPage } from './ParticipantsPage';

/** A session's participants (the enrolled and the waiting list) and its attendance, part by part. */
export const participantsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/training-sessions/$id/participants',
  component: ParticipantsPage,
});

export const attendanceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/training-sessions/$id/attendance',
  component: AttendancePage,
});

export const enrolmentRoutes = [participantsRoute, attendanceRoute] as const;
