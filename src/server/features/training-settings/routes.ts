import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { trainingSettings, updateTrainingSettingsBody } from '#shared/contracts/courses';
import { presentSettings } from './presenter.js';
import * as service from './service.js';

const tags = ['training-settings'];

export async function trainingSettingsRoutes(app: AppInstance) {
  app.get(
    '/api/training-settings',
    {
      schema: { tags, summary: 'The training settings of the municipality', response: { 200: trainingSettings } },
      config: { access: permission('read', 'course') },
    },
    async (request) => presentSettings(await service.getSettings(request.ctx)),
  );

  app.patch(
    '/api/training-settings',
    {
      schema: {
        tags,
        summary: 'Change the training settings (months before an untrained new employee is listed, reminder days)',
        body: updateTrainingSettingsBody,
        response: { 200: trainingSettings },
      },
      config: { access: permission('update', 'course') },
    },
    async (request) => presentSettings(await service.updateSettings(request.ctx, actorOf(request), request.body)),
  );
}
