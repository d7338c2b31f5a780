import type { AppDeps } from '../deps';
import { type CaseEventBus, createCaseEventBus } from '../live/case-event-bus';

/** The app's dependencies with the live bus always present. */
export type CaseDeps = AppDeps & { events: CaseEventBus };

/** Fills the bus once per app (never at import time), so intake, transitions and `/api/live` share it. */
export function withCaseDefaults(deps: AppDeps): CaseDeps {
  return deps.events ? (deps as CaseDeps) : { ...deps, events: createCaseEventBus() };
}

/** "Now" from the injectable clock, so tests can pin time. */
export function nowOf(deps: AppDeps): Date {
  return deps.now ? deps.now() : new Date();
}
