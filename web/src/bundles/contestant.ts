import { routeTable } from '../routes';

/** What every visitor and contestant gets: the account screens and the contestant's portal. */
export const routes = routeTable([]);
