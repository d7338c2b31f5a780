import type { CaseAction, CaseStatus } from '../domain/case-workflow';

/** What `/api/live` streams: one case event plus a summary of the case it belongs to. */
export type LiveCaseEvent = {
  /** `case_event.id`; also the SSE `id`, so `Last-Event-ID` resumes from here. */
  id: number;
  caseId: number;
  seq: number;
  action: CaseAction | 'report';
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  actor: string;
  at: string;
  case: {
    code: string;
    category: string;
    source: string;
    priority: string;
    status: CaseStatus;
    gridCode: string;
    gridL2Code: string;
    gridL1Code: string;
    lon: number;
    lat: number;
    dueAt: string;
    overdue: boolean;
  };
};

export type LiveListener = (event: LiveCaseEvent) => void;

/**
 * Fan-out of committed case events to live clients. In-process for now; with several API instances a
 * PostgreSQL LISTEN/NOTIFY implementation can replace it behind this interface.
 */
export interface CaseEventBus {
  publish(event: LiveCaseEvent): void;
  /** Returns the unsubscribe function; call it when the client goes away. */
  subscribe(listener: LiveListener): () => void;
  listenerCount(): number;
}

export function createCaseEventBus(): CaseEventBus {
  const listeners = new Set<LiveListener>();
  return {
    publish(event) {
      for (const listener of listeners) {
        // One failing client must not stop delivery to the others.
        try {
          listener(event);
        } catch {
          listeners.delete(listener);
        }
      }
    },
    subscribe(listener) {
      // Wrapped so the same function subscribed twice gets two independent subscriptions.
      const entry: LiveListener = (e) => listener(e);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    listenerCount: () => listeners.size,
  };
}
