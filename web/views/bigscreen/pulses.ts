import type { Pulse } from '../../map/layers/case-pulse';

export type { Pulse };

export const PULSE = {
  /** A pulse disappears this long after its case arrived. */
  lifetimeMs: 30_000,
  /** At most this many at once (a burst of cases must not flood the GPU or memory). */
  capacity: 60,
  /** Redraws per second while pulses are alive (software GL on a wall PC is slow). */
  framesPerSecond: 12,
} as const;

/** Adds a pulse (newest first), dropping the oldest beyond the capacity and duplicates by id. */
export function addPulse(pulses: readonly Pulse[], pulse: Pulse, capacity: number = PULSE.capacity): Pulse[] {
  if (pulses.some((p) => p.id === pulse.id)) return pulses as Pulse[];
  return [pulse, ...pulses].slice(0, capacity);
}

/** The pulses still alive at `nowMs`; returns the same array when none expired (no re-render). */
export function alivePulses(
  pulses: readonly Pulse[],
  nowMs: number,
  lifetimeMs: number = PULSE.lifetimeMs,
): Pulse[] {
  const alive = pulses.filter((p) => nowMs - p.bornMs < lifetimeMs);
  return alive.length === pulses.length ? (pulses as Pulse[]) : alive;
}
