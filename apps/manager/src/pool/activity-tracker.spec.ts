import { ActivityTracker } from './activity-tracker';

describe('ActivityTracker', () => {
  function tracker() {
    const activity = new ActivityTracker();
    activity.track('a', 'hello', 'http://127.0.0.1:4000', 1_000);
    return activity;
  }

  it.each([
    ['the same url', 'hello', 'http://127.0.0.1:4000', true],
    ['a trailing slash', 'hello', 'http://127.0.0.1:4000/', true],
    ['another function', 'other', 'http://127.0.0.1:4000', false],
    ['another url', 'hello', 'http://127.0.0.1:4001', false],
  ])('matches a report with %s: %s', (_case, fn, url, matched) => {
    const activity = tracker();
    expect(activity.report(fn, url, 5_000)).toBe(matched);
    expect(activity.lastActive('a')).toBe(matched ? 5_000 : 1_000);
  });

  it('never moves a clock backwards', () => {
    const activity = tracker();
    activity.touch('a', 500);
    expect(activity.lastActive('a')).toBe(1_000);
    expect(activity.lastActiveAt('a')).toBe(new Date(1_000).toISOString());
  });

  it('forgets removed containers', () => {
    const activity = tracker();
    activity.forget('a');
    expect(activity.isTracked('a')).toBe(false);
    expect(activity.lastActiveAt('a')).toBeNull();
  });
});
