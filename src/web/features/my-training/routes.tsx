import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes';
import { MyTrainingPage } from './MyTrainingPage';

export const myTrainingRoute = createRoute({ getParentRoute: () => appRoute, path: '/my-training', component: MyTrainingPage });
