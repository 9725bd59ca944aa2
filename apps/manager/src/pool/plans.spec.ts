import type { ManagedContainer } from '../runtime/container-runtime';
import { classifyPool, containersToStart, freeSlot, type PoolView } from './pool-plan';
import { planReaping } from './reap-plan';
import { planSync } from './sync-plan';

function container(name: string, extra: Partial<ManagedContainer> = {}): ManagedContainer {
  return {
    id: name,
    name,
    functionName: 'f',
    slot: 1,
    configHash: 'h1',
    imageId: 'sha256:v1',
    createdAt: '',
    state: 'running',
    url: `http://${name}`,
    ...extra,
  };
}

describe('classifyPool', () => {
  it('keeps current running, restarts current stopped, discards stale or broken', () => {
    const view = classifyPool(
      [
        container('run'),
        container('stopped', { state: 'stopped' }),
        container('stale', { configHash: 'old' }),
        container('broken', { state: 'broken' }),
      ],
      'h1',
    );
    expect(view.running.map((c) => c.name)).toEqual(['run']);
    expect(view.restartable.map((c) => c.name)).toEqual(['stopped']);
    expect(view.discard.map((c) => c.name)).toEqual(['stale', 'broken']);
  });

  it.each<[string, string, string | undefined, ManagedContainer['state'], keyof PoolView]>([
    ['the same image: kept', 'sha256:v1', 'sha256:v1', 'running', 'running'],
    ['rebuilt under the same tag: discarded', 'sha256:v1', 'sha256:v2', 'running', 'discard'],
    ['a stopped one on the old image: discarded', 'sha256:v1', 'sha256:v2', 'stopped', 'discard'],
    [
      'a stopped one on the same image: restartable',
      'sha256:v1',
      'sha256:v1',
      'stopped',
      'restartable',
    ],
    [
      'image missing now: left to the start to report',
      'sha256:v1',
      undefined,
      'running',
      'running',
    ],
    ["container's image unknown: kept", '', 'sha256:v2', 'running', 'running'],
  ])('%s', (_name, containerImage, currentImage, state, bucket) => {
    const view = classifyPool(
      [container('c', { imageId: containerImage, state })],
      'h1',
      currentImage,
    );
    const buckets = Object.entries(view)
      .filter(([, list]) => (list as ManagedContainer[]).length > 0)
      .map(([key]) => key);
    expect(buckets).toEqual([bucket]);
  });
});

describe('containersToStart', () => {
  it.each([
    [0, 'cold', 3, 1],
    [0, 'scale', 3, 1],
    [1, 'cold', 3, 0],
    [1, 'scale', 3, 1],
    [2, 'scale', 3, 1],
    [3, 'scale', 3, 0],
    [1, 'scale', 1, 0],
  ] as const)('%i ready, %s, limit %i → %i', (ready, reason, limit, expected) => {
    expect(containersToStart(ready, reason, limit)).toBe(expected);
  });

  it.each([
    [0, 'cold', 5, 8, 1],
    [1, 'cold', 5, 8, 0],
    [1, 'scale', 5, 3, 3],
    [1, 'scale', 5, 8, 4],
    [4, 'scale', 5, 8, 1],
    [5, 'scale', 5, 8, 0],
    [1, 'scale', 5, 0, 1],
  ] as const)(
    '%i ready, %s, limit %i, %i wanted → %i',
    (ready, reason, limit, wanted, expected) => {
      expect(containersToStart(ready, reason, limit, wanted)).toBe(expected);
    },
  );
});

describe('freeSlot', () => {
  it.each([
    [[], 1],
    [[1], 2],
    [[2, 3], 1],
    [[1, 3], 2],
    [[1, 2, 3], 4],
  ])('used %j → %i', (used, expected) => expect(freeSlot(used)).toBe(expected));
});

describe('planReaping', () => {
  const inputs = {
    now: 100_000,
    idleTimeoutMs: 60_000,
    stoppedRetentionMs: 30_000,
    lastActive: (id: string) => ({ idle: 40_000, busy: 90_000, exact: 40_000 })[id],
    stoppedSince: (id: string) => ({ old: 10_000, fresh: 90_000 })[id],
  };
  it.each([
    [container('idle'), 'stop'],
    [container('exact'), 'stop'],
    [container('busy'), undefined],
    [container('untracked'), undefined],
    [container('old', { state: 'stopped' }), 'remove'],
    [container('fresh', { state: 'stopped' }), undefined],
    [container('unnoted', { state: 'stopped' }), undefined],
    [container('broken', { state: 'broken' }), 'remove'],
  ])('%o → %s', (c, action) => {
    expect(planReaping([c], inputs)[0]?.action).toBe(action);
  });
});

describe('planSync', () => {
  const hashes: Record<string, string> = { f: 'h1' };
  it.each([
    ['start', container('current'), 'adopt'],
    ['start', container('stale', { configHash: 'old' }), 'remove'],
    ['start', container('gone', { functionName: 'removed' }), 'remove'],
    ['start', container('stopped', { state: 'stopped' }), 'remove'],
    ['start', container('broken', { state: 'broken' }), 'remove'],
    ['reload', container('current'), 'adopt'],
    ['reload', container('stopped', { state: 'stopped' }), 'keep'],
    ['reload', container('stale', { configHash: 'old' }), 'remove'],
  ] as const)('at %s: %o → %s', (phase, c, action) => {
    expect(planSync([c], (name) => hashes[name], phase)[0].action).toBe(action);
  });
});
