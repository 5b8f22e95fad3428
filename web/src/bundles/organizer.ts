import { routeTable } from '../routes';
import { judgeRoutes } from '../routes/judge';
import { organizerRoutes } from '../routes/organizer';

/** An organizer's (or an administrator's) app: every screen, the console included. */
export const routes = routeTable([judgeRoutes, organizerRoutes]);
