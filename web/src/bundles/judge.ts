import { routeTable } from '../routes';
import { judgeRoutes } from '../routes/judge';

/** A judge's app: the contestant's screens and the judge's workspace. */
export const routes = routeTable([judgeRoutes]);
