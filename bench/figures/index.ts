import type { Figure } from '../lib/figure.js';
import { startup } from './startup.js';

/** Every figure that `npm run bench` measures, in this order. A new figure adds itself here. */
export const figures: Figure[] = [startup];
