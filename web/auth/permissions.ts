import type { Role } from '../../server/auth/principal';
import type { ViewId } from '../views/routes';

/**
 * The views each role sees, its home view first. They follow the server's rule table
 * (server/auth/route-rules.ts): the planner view edits drafts, so only planners get it; the admin
 * manages accounts (GET/POST/PATCH /api/users) and reads no situation data.
 */
export const VIEWS_BY_ROLE: Readonly<Record<Role, readonly ViewId[]>> = {
  leader: ['bigscreen', 'grids', 'hotspots'],
  planner: ['planner', 'grids', 'bigscreen', 'hotspots'],
  dispatcher: ['hotspots', 'grids', 'bigscreen'],
  worker: ['hotspots', 'grids'],
  admin: [],
};

export function viewsFor(role: Role): readonly ViewId[] {
  return VIEWS_BY_ROLE[role];
}
