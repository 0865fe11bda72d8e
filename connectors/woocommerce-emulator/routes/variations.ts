/** Variation routes (/wc/v3/products/:parent/variations...). */
import type { Route } from '../router';

export const variationRoutes: Route[] = [];
