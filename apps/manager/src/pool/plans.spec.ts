import type { ManagedContainer } from '../runtime/container-runtime';
import {
  classifyPool,
  containersToWake,
  containersToStart,
  freeSlot,
  type PoolView,
} from './pool-plan';
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
        container('cool', { state: 'paused' }),
        container('staleCool', { state: 'paused', configHash: 'old' }),
      ],
      'h1',
    );
    expect(view.running.map((c) => c.name)).toEqual(['run']);
    expect(view.paused.map((c) => c.name)).toEqual(['cool']);
    expect(view.restartable.map((c) => c.name)).toEqual(['stopped']);
    expect(view.discard.map((c) => c.name)).toEqual(['stale', 'broken', 'staleCool']);
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

describe('containersToWake', () => {
  it.each([
    ['cold, none ready, 2 paused: one woken instead of a start', 0, 2, 1, 5, false, 1],
    ['cold, one ready: nothing woken', 1, 2, 0, 5, false, 0],
    ['scale for 3, 2 paused: both woken, the third started', 1, 2, 3, 5, false, 2],
    ['none paused', 0, 0, 1, 5, false, 0],
    ['touch: every paused one, up to the limit', 1, 3, 0, 5, true, 3],
    ['touch: never past the limit', 3, 4, 0, 5, true, 2],
    ['touch, at the limit already: nothing', 5, 1, 0, 5, true, 0],
  ] as const)('%s', (_name, ready, paused, needed, limit, touch, expected) => {
    expect(containersToWake(ready, paused, needed, limit, touch)).toBe(expected);
  });
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
    coolAfterMs: 20_000,
    stoppedRetentionMs: 30_000,
    lastActive: (id: string) =>
      ({ idle: 40_000, busy: 90_000, exact: 40_000, cool: 75_000, coolExact: 80_000 })[id],
    stoppedSince: (id: string) => ({ old: 10_000, fresh: 90_000 })[id],
    provisioned: () => 0,
  };
  it.each([
    [container('idle'), 'stop'],
    [container('exact'), 'stop'],
    [container('busy'), undefined],
    [container('cool'), 'pause'],
    [container('coolExact'), 'pause'],
    [container('cool', { state: 'paused' }), undefined],
    [container('idle', { state: 'paused' }), 'stop'],
    [container('untracked'), undefined],
    [container('untracked', { state: 'paused' }), undefined],
    [container('old', { state: 'stopped' }), 'remove'],
    [container('fresh', { state: 'stopped' }), undefined],
    [container('unnoted', { state: 'stopped' }), undefined],
    [container('broken', { state: 'broken' }), 'remove'],
  ])('%o → %s', (c, action) => {
    expect(planReaping([c], inputs)[0]?.action).toBe(action);
  });

  it('keeps the lowest-slot live containers of a provisioned function, reaps the rest', () => {
    const containers = [
      container('idle', { slot: 3 }),
      container('exact', { slot: 1, state: 'paused' }),
      container('cool', { slot: 2 }),
      container('old', { slot: 4, state: 'stopped' }),
      container('other', { slot: 1, functionName: 'g' }),
    ];
    const plan = planReaping(containers, {
      ...inputs,
      lastActive: () => 0,
      provisioned: (fn) => (fn === 'f' ? 2 : 0),
    });
    expect(plan.map((a) => `${a.action} ${a.container.name}`)).toEqual([
      'stop idle',
      'remove old',
      'stop other',
    ]);
  });

  it('never pauses when the cool tier is off', () => {
    expect(planReaping([container('cool')], { ...inputs, coolAfterMs: 0 })).toEqual([]);
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
