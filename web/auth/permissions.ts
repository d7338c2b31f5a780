import type { Role } from '../../server/auth/principal';
import { VIEWS, type ViewId } from '../views/routes';

/**
 * Views only some roles get (following server/auth/route-rules.ts): the planner view edits drafts, so
 * only planners; the big screen is the leaders' wall display. Every other view is open to all roles
 * that read the situation; the admin manages accounts (/api/users) and reads no situation data.
 */
const ONLY_FOR: Partial<Record<ViewId, readonly Role[]>> = {
  planner: ['planner'],
  bigscreen: ['leader', 'planner', 'dispatcher'],
};

/** Where each role lands. */
const HOME: Readonly<Record<Exclude<Role, 'admin'>, ViewId>> = {
  leader: 'bigscreen',
  planner: 'planner',
  dispatcher: 'hotspots',
  worker: 'hotspots',
};

/** The views of a role, its home view first, then in the usual order. */
export function viewsFor(role: Role): readonly ViewId[] {
  if (role === 'admin') return [];
  const allowed = VIEWS.filter((v) => ONLY_FOR[v]?.includes(role) ?? true);
  const home = HOME[role];
  return [home, ...allowed.filter((v) => v !== home)];
}
