import { describe, expect, it } from 'vitest';
import { PULSE_RING, pulseOpacity, pulsePhase, pulseRadiusPixels } from '../../map/layers/case-pulse';
import { addPulse, alivePulses, PULSE, type Pulse } from './pulses';

const pulse = (id: number, bornMs: number): Pulse => ({ id, code: `C${id}`, lon: 113.8, lat: 27.6, bornMs });

describe('pulses', () => {
  it('are bounded and expire after their lifetime', () => {
    let pulses: Pulse[] = [];
    for (let id = 0; id < 500; id++) pulses = addPulse(pulses, pulse(id, id * 10));
    expect(pulses).toHaveLength(PULSE.capacity);
    expect(pulses[0]?.id).toBe(499);
    const later = 499 * 10 + PULSE.lifetimeMs - 5;
    expect(alivePulses(pulses, later).map((p) => p.id)).toEqual([499]);
    expect(alivePulses(pulses, later + 100)).toEqual([]);
  });

  it('keep the same array when nothing expired (no needless re-render)', () => {
    const pulses = [pulse(1, 0)];
    expect(alivePulses(pulses, 10)).toBe(pulses);
    expect(addPulse(pulses, pulse(1, 5))).toBe(pulses);
  });

  it('grow and fade over one period, then start again', () => {
    const p = pulse(1, 1_000);
    expect(pulsePhase(p, 1_000)).toBe(0);
    expect(pulseRadiusPixels(0)).toBe(PULSE_RING.minRadiusPixels);
    expect(pulseRadiusPixels(pulsePhase(p, 1_000 + PULSE_RING.periodMs / 2))).toBeCloseTo(
      (PULSE_RING.minRadiusPixels + PULSE_RING.maxRadiusPixels) / 2,
    );
    expect(pulsePhase(p, 1_000 + PULSE_RING.periodMs)).toBe(0);
    expect(pulseOpacity(0)).toBe(1);
    expect(pulseOpacity(0.75)).toBeCloseTo(0.25);
  });
});
